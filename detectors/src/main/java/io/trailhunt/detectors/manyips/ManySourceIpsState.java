package io.trailhunt.detectors.manyips;

import org.apache.flink.api.common.typeinfo.TypeInfo;

import java.util.ArrayList;
import java.util.List;

/** Per principal: its distinct public source addresses within the window, each with its latest sighting. */
public class ManySourceIpsState {
    @TypeInfo(SightingListTypeInfoFactory.class)
    public List<Sighting> sightings = new ArrayList<>();
    /** Event time of the last finding (0: none); the next waits a whole window. */
    public long reportedAt;
    /** The expiry timer this detector waits for (0: none). */
    public long timerAt;

    public ManySourceIpsState() {}
}
