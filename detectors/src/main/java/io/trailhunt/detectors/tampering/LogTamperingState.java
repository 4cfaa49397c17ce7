package io.trailhunt.detectors.tampering;

import io.trailhunt.events.model.Evidence;
import io.trailhunt.events.model.EvidenceListTypeInfoFactory;
import org.apache.flink.api.common.typeinfo.TypeInfo;

import java.util.ArrayList;
import java.util.List;

/** Per principal: its recent failed tampering attempts, oldest first, at most {@link #MAX_ATTEMPTS}. */
public class LogTamperingState {
    public static final int MAX_ATTEMPTS = 20;

    @TypeInfo(EvidenceListTypeInfoFactory.class)
    public List<Evidence> failedAttempts = new ArrayList<>();

    /** Failed attempts beyond {@link #MAX_ATTEMPTS} that were counted but not kept. */
    public int attemptsDropped;

    public LogTamperingState() {}
}
