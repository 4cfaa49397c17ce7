package io.trailhunt.detectors.storage;

import io.trailhunt.detectors.stats.SlotCounts;
import io.trailhunt.detectors.stats.StringIntMapTypeInfoFactory;
import io.trailhunt.events.model.AuditEvent;
import io.trailhunt.events.model.Evidence;
import io.trailhunt.events.model.EvidenceListTypeInfoFactory;
import org.apache.flink.api.common.typeinfo.TypeInfo;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;

/**
 * One principal's calls of one kind in a sliding window, bounded whatever their rate: counts and
 * byte sums per slot, the first call of each slot as evidence (so a burst's first call is known
 * when the burst is recognised later), and per slot the buckets touched (at most
 * {@link #BUCKETS_PER_SLOT}, the rest counted as {@link #OTHER}).
 */
public class RecentCalls {
    /** The window is cut into this many slots (five minutes each for an hour). */
    public static final int SLOTS_PER_WINDOW = 12;
    public static final int BUCKETS_PER_SLOT = 4;
    public static final String OTHER = "(other)";
    /** The latest calls kept besides the first of each slot, so a small burst is evidenced in full. */
    public static final int LATEST = 6;

    public SlotCounts counts;
    @TypeInfo(EvidenceListTypeInfoFactory.class)
    public List<Evidence> firstOfSlot = new ArrayList<>();
    @TypeInfo(EvidenceListTypeInfoFactory.class)
    public List<Evidence> latest = new ArrayList<>();
    /** "slot|bucket" → calls. */
    @TypeInfo(StringIntMapTypeInfoFactory.class)
    public Map<String, Integer> slotBuckets = new HashMap<>();

    public RecentCalls() {}

    public RecentCalls(long windowMillis) {
        counts = SlotCounts.covering(windowMillis, SLOTS_PER_WINDOW);
    }

    /** Slots counted: one more than the window holds, so that calls within any window are counted together. */
    private int ring() {
        return counts.slots.length;
    }

    /** @return false when the call is older than the window and was not counted */
    public boolean add(AuditEvent e, String bucket, long bytes) {
        if (!counts.add(e.eventTime, 1, bytes)) {
            return false;
        }
        long slot = counts.slotOf(e.eventTime);
        Evidence first = null;
        for (Evidence ev : firstOfSlot) {
            if (counts.slotOf(ev.eventTime) == slot) {
                first = ev;
                break;
            }
        }
        Evidence ev = Evidence.of(e);
        if (first == null || e.eventTime < first.eventTime) {
            firstOfSlot.remove(first);
            firstOfSlot.add(ev);
        }
        if (latest.size() >= LATEST) {
            latest.remove(0);
        }
        latest.add(ev);
        if (bucket != null) {
            String prefix = slot + "|";
            String key = prefix + bucket;
            if (!slotBuckets.containsKey(key) && bucketsIn(prefix) >= BUCKETS_PER_SLOT) {
                key = prefix + OTHER;
            }
            slotBuckets.merge(key, 1, Integer::sum);
        }
        prune();
        return true;
    }

    private int bucketsIn(String prefix) {
        int n = 0;
        for (String k : slotBuckets.keySet()) {
            if (k.startsWith(prefix)) {
                n++;
            }
        }
        return n;
    }

    /** Forgets what has left the window of the newest call. */
    private void prune() {
        long oldestKept = counts.newest - ring() + 1;
        firstOfSlot.removeIf(ev -> counts.slotOf(ev.eventTime) < oldestKept);
        latest.removeIf(ev -> counts.slotOf(ev.eventTime) < oldestKept);
        Iterator<String> it = slotBuckets.keySet().iterator();
        while (it.hasNext()) {
            String k = it.next();
            if (Long.parseLong(k.substring(0, k.indexOf('|'))) < oldestKept) {
                it.remove();
            }
        }
    }

    public long count(long time) {
        return counts.count(time);
    }

    public long bytes(long time) {
        return counts.sum(time);
    }

    /** The first call of each slot and the latest calls in the window ending at {@code time}, oldest first. */
    public List<Evidence> samples(long time) {
        long end = counts.slotOf(time);
        List<Evidence> out = new ArrayList<>();
        java.util.Set<String> ids = new java.util.HashSet<>();
        for (List<Evidence> list : List.of(firstOfSlot, latest)) {
            for (Evidence ev : list) {
                long s = counts.slotOf(ev.eventTime);
                if (s <= end && s > end - ring() && ids.add(ev.eventId + "@" + ev.eventTime)) {
                    out.add(ev);
                }
            }
        }
        out.sort((a, b) -> Long.compare(a.eventTime, b.eventTime));
        return out;
    }

    /** Calls per bucket in the window ending at {@code time}. */
    public Map<String, Integer> buckets(long time) {
        long end = counts.slotOf(time);
        Map<String, Integer> out = new HashMap<>();
        for (Map.Entry<String, Integer> e : slotBuckets.entrySet()) {
            String k = e.getKey();
            int bar = k.indexOf('|');
            long s = Long.parseLong(k.substring(0, bar));
            if (s <= end && s > end - ring()) {
                out.merge(k.substring(bar + 1), e.getValue(), Integer::sum);
            }
        }
        return out;
    }

    /** When the newest call leaves the window; Long.MIN_VALUE when there is none. */
    public long expiresAt() {
        return counts.newest == Long.MIN_VALUE ? Long.MIN_VALUE : (counts.newest + ring()) * counts.slotMillis;
    }
}
