package io.trailhunt.detectors.firstseen;

import io.trailhunt.detectors.common.StringLongMapTypeInfoFactory;
import org.apache.flink.api.common.typeinfo.TypeInfo;

import java.util.HashMap;
import java.util.Map;

/** Per principal: since when it is known, and each value it acted from with when that was last seen. */
public class FirstSeenState {
    /** Event time of the principal's earliest event still remembered: where its history starts. */
    public long since;
    /** Event time of its latest event (kept to the hour). */
    public long lastActive;

    /** value → last seen (event time), at most max-values entries. */
    @TypeInfo(StringLongMapTypeInfoFactory.class)
    public Map<String, Long> values = new HashMap<>();

    /**
     * Values of the coarser dimensions whose own rules are on, prefixed by dimension ("ASN:AS29518",
     * "COUNTRY:SE"): a value new there is reported by that rule, not again here.
     */
    @TypeInfo(StringLongMapTypeInfoFactory.class)
    public Map<String, Long> coarser = new HashMap<>();

    /** Event time of the last finding (0: none): new values within the quiet period after it are only learned. */
    public long reportedAt;

    /** The expiry timer this detector waits for (0: none). */
    public long timerAt;

    public FirstSeenState() {}
}
