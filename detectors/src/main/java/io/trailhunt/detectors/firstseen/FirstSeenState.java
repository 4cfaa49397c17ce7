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

    /** ASN → last seen, kept by the finer rules while new-asn is on: a network new there is new-asn's to report. */
    @TypeInfo(StringLongMapTypeInfoFactory.class)
    public Map<String, Long> asns = new HashMap<>();

    /** Country → last seen, kept by the finer rules while new-country is on. */
    @TypeInfo(StringLongMapTypeInfoFactory.class)
    public Map<String, Long> countries = new HashMap<>();

    /** Event time of the last finding (0: none): new values within the quiet period after it are only learned. */
    public long reportedAt;
    /** The value whose finding opened the quiet period: repeats are counted under it. */
    public String reportedValue;

    /** The expiry timer this detector waits for (0: none). */
    public long timerAt;

    public FirstSeenState() {}
}
