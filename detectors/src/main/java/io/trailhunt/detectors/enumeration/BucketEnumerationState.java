package io.trailhunt.detectors.enumeration;

import io.trailhunt.detectors.PrincipalRef;
import io.trailhunt.detectors.stats.SlotCounts;
import io.trailhunt.detectors.stats.StringLongMapTypeInfoFactory;
import io.trailhunt.detectors.storage.Burst;
import io.trailhunt.detectors.storage.RecentCalls;
import org.apache.flink.api.common.typeinfo.TypeInfo;

import java.util.HashMap;
import java.util.Map;

/**
 * Per principal (per source address for anonymous callers): listing calls in the sliding window,
 * the distinct buckets touched and refused in it (bucket → last time, bounded), the calls worth
 * showing as evidence, and the burst being watched.
 */
public class BucketEnumerationState {
    public PrincipalRef who;
    public String sourceIp;
    public SlotCounts listings;
    /** Listing calls, refused calls and the first call on each bucket: the evidence. */
    public RecentCalls probes;
    @TypeInfo(StringLongMapTypeInfoFactory.class)
    public Map<String, Long> buckets = new HashMap<>();
    @TypeInfo(StringLongMapTypeInfoFactory.class)
    public Map<String, Long> refused = new HashMap<>();
    public Burst burst;
    public long peakListings;
    public int peakBuckets;
    public int peakRefused;
    /** The newest call seen, for clearing the state once the window has passed it. */
    public long newest = Long.MIN_VALUE;

    public BucketEnumerationState() {}
}
