package io.trailhunt.detectors.storage;

import io.trailhunt.detectors.stats.StringIntMapTypeInfoFactory;
import io.trailhunt.events.model.AuditEvent;
import io.trailhunt.events.model.Evidence;
import io.trailhunt.events.model.EvidenceListTypeInfoFactory;
import org.apache.flink.api.common.typeinfo.TypeInfo;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * A burst of storage calls from the moment its window crossed a threshold until it is reported:
 * totals, the peak window, calls per bucket (at most {@link #MAX_BUCKETS}, the rest as
 * "(other)"), and a bounded sample of evidence: the first call of each slot and the latest calls of
 * the window that opened it, the first {@link #HEAD} calls after that and the last {@link #TAIL}.
 */
public class Burst {
    public static final int MAX_BUCKETS = 16;
    public static final int HEAD = 12;
    public static final int TAIL = 12;

    public long openedAt;
    public long first;
    public long last;
    public long calls;
    public long bytes;
    public long peakCalls;
    public long peakBytes;
    /** What opened it, e.g. "reads" or "bytes". */
    public String trigger;
    @TypeInfo(StringIntMapTypeInfoFactory.class)
    public Map<String, Integer> buckets = new HashMap<>();
    @TypeInfo(EvidenceListTypeInfoFactory.class)
    public List<Evidence> head = new ArrayList<>();
    @TypeInfo(EvidenceListTypeInfoFactory.class)
    public List<Evidence> tail = new ArrayList<>();
    /** Calls seen but not kept as evidence. */
    public long unsampled;

    public Burst() {}

    /** Opens a burst from the window that crossed the threshold at {@code e}. */
    public static Burst open(RecentCalls window, AuditEvent e, String trigger) {
        Burst b = new Burst();
        b.openedAt = e.eventTime;
        b.trigger = trigger;
        b.calls = window.count(e.eventTime);
        b.bytes = window.bytes(e.eventTime);
        b.peakCalls = b.calls;
        b.peakBytes = b.bytes;
        b.head.addAll(window.samples(e.eventTime));
        b.first = b.head.isEmpty() ? e.eventTime : b.head.get(0).eventTime;
        b.last = e.eventTime;
        window.buckets(e.eventTime).forEach(b::countBucket);
        boolean sampled = false;
        for (Evidence ev : b.head) {
            sampled |= ev.eventId != null && ev.eventId.equals(e.eventId);
        }
        if (!sampled) {
            b.head.add(Evidence.of(e));
        }
        b.unsampled = Math.max(0, b.calls - b.head.size());
        return b;
    }

    /** A further call of the burst (already counted in {@code window}). */
    public void add(AuditEvent e, String bucket, long callBytes, RecentCalls window) {
        calls++;
        bytes += callBytes;
        first = Math.min(first, e.eventTime);
        last = Math.max(last, e.eventTime);
        if (bucket != null) {
            countBucket(bucket, 1);
        }
        peakCalls = Math.max(peakCalls, window.count(e.eventTime));
        peakBytes = Math.max(peakBytes, window.bytes(e.eventTime));
        if (head.size() < HEAD + RecentCalls.SLOTS_PER_WINDOW + RecentCalls.LATEST) {
            head.add(Evidence.of(e));
        } else {
            if (tail.size() >= TAIL) {
                tail.remove(0);
                unsampled++;
            }
            tail.add(Evidence.of(e));
        }
    }

    private void countBucket(String bucket, int n) {
        String k = buckets.containsKey(bucket) || buckets.size() < MAX_BUCKETS ? bucket : RecentCalls.OTHER;
        buckets.merge(k, n, Integer::sum);
    }

    public List<Evidence> evidence() {
        List<Evidence> all = new ArrayList<>(head);
        all.addAll(tail);
        return all;
    }

    /** "b1=120, b2=20", most called first (ties by name); calls on buckets not named individually last, as "(other)=n". */
    public String bucketSummary(int limit) {
        String named = buckets.entrySet().stream()
                .filter(e -> !e.getKey().equals(RecentCalls.OTHER))
                .sorted(Map.Entry.<String, Integer>comparingByValue().reversed().thenComparing(Map.Entry.comparingByKey()))
                .limit(limit)
                .map(e -> e.getKey() + "=" + e.getValue())
                .collect(Collectors.joining(", "));
        Integer other = buckets.get(RecentCalls.OTHER);
        return other == null ? named : named + (named.isEmpty() ? "" : ", ") + RecentCalls.OTHER + "=" + other;
    }

    /** How many buckets were called, as text: "3", or "16+" when some were only counted as "(other)". */
    public String distinctBuckets() {
        boolean other = buckets.containsKey(RecentCalls.OTHER);
        return (buckets.size() - (other ? 1 : 0)) + (other ? "+" : "");
    }

    /** The most called bucket, or null. */
    public String topBucket() {
        return buckets.entrySet().stream()
                .filter(e -> !e.getKey().equals(RecentCalls.OTHER))
                .sorted(Map.Entry.<String, Integer>comparingByValue().reversed().thenComparing(Map.Entry.comparingByKey()))
                .map(Map.Entry::getKey).findFirst().orElse(null);
    }

    /** Up to {@code n} distinct object keys from the evidence, in time order. */
    public List<String> sampleKeys(int n) {
        List<String> keys = new ArrayList<>();
        for (Evidence ev : evidence()) {
            String k = ev.details.containsKey("objectKey") ? ev.details.get("objectKey") : ev.details.get("blob");
            if (k != null && !keys.contains(k)) {
                keys.add(k);
                if (keys.size() == n) {
                    break;
                }
            }
        }
        return keys;
    }
}
