package io.trailhunt.detectors.hours;

import io.trailhunt.detectors.PrincipalRef;
import io.trailhunt.detectors.stats.HourOfWeekHistogram;
import io.trailhunt.events.model.Evidence;
import io.trailhunt.events.model.EvidenceListTypeInfoFactory;
import org.apache.flink.api.common.typeinfo.TypeInfo;

import java.util.ArrayList;
import java.util.List;

/**
 * Per principal: when it acts (hour-of-week histogram), since when it is known, and the rare
 * after-hours calls of the current hour, reported together when the hour is over.
 */
public class AfterHoursState {
    public static final int MAX_EVIDENCE = 20;
    /** Of those, the latest calls (the rest are the first of the hour). */
    public static final int LATEST_EVIDENCE = 5;

    public PrincipalRef who;
    public HourOfWeekHistogram histogram = new HourOfWeekHistogram();
    public long firstSeen;
    /** When the state is forgotten unless the principal acts again (rounded to days). */
    public long forgetAt;
    /** The one expiry timer pending ({@link io.trailhunt.detectors.common.ForgetTimer}); 0: none. */
    public long forgetTimerAt;

    /** Start of the local hour with pending calls; Long.MIN_VALUE when none. */
    public long pendingHour = Long.MIN_VALUE;
    public int pendingSlot;
    public double pendingShare;
    public int pendingCalls;
    public String pendingKinds;
    @TypeInfo(EvidenceListTypeInfoFactory.class)
    public List<Evidence> pendingEvidence = new ArrayList<>();

    public AfterHoursState() {}
}
