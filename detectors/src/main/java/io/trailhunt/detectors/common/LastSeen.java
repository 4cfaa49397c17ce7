package io.trailhunt.detectors.common;

import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;

/**
 * Operations on a compact "value → last seen" map, the state shape of every first-seen rule:
 * bounded by evicting the least recently seen value, and aged by a look-back.
 */
public final class LastSeen {
    private LastSeen() {}

    /** True when {@code value} was seen after {@code horizon} (entries at or before it count as forgotten). */
    public static boolean seenSince(Map<String, Long> map, String value, long horizon) {
        Long t = map.get(value);
        return t != null && t > horizon;
    }

    /**
     * Records {@code value} at {@code time}, keeping the latest time. A new value beyond {@code cap}
     * evicts the least recently seen one.
     *
     * @return true when the map changed enough to be worth writing back: a new value, or a last-seen
     *     time that moved by at least {@code granularityMillis}
     */
    public static boolean touch(Map<String, Long> map, String value, long time, int cap, long granularityMillis) {
        Long before = map.get(value);
        if (before != null) {
            if (time - before >= granularityMillis) {
                map.put(value, time);
                return true;
            }
            return false;
        }
        if (map.size() >= cap) {
            map.remove(leastRecent(map));
        }
        map.put(value, time);
        return true;
    }

    /** Removes values last seen at or before {@code horizon}; returns true when any went. */
    public static boolean forgetUntil(Map<String, Long> map, long horizon) {
        boolean removed = false;
        Iterator<Map.Entry<String, Long>> it = map.entrySet().iterator();
        while (it.hasNext()) {
            if (it.next().getValue() <= horizon) {
                it.remove();
                removed = true;
            }
        }
        return removed;
    }

    /** The earliest last-seen time, or Long.MAX_VALUE for an empty map. */
    public static long oldest(Map<String, Long> map) {
        long min = Long.MAX_VALUE;
        for (long t : map.values()) {
            min = Math.min(min, t);
        }
        return min;
    }

    /** Up to {@code n} values seen after {@code horizon}, most recent first: what an analyst compares a new value with. */
    public static List<String> mostRecent(Map<String, Long> map, int n, long horizon) {
        List<Map.Entry<String, Long>> entries = new ArrayList<>();
        for (Map.Entry<String, Long> e : map.entrySet()) {
            if (e.getValue() > horizon) {
                entries.add(e);
            }
        }
        entries.sort(Map.Entry.<String, Long>comparingByValue().reversed().thenComparing(Map.Entry.comparingByKey()));
        List<String> out = new ArrayList<>();
        for (int i = 0; i < entries.size() && i < n; i++) {
            out.add(entries.get(i).getKey());
        }
        return out;
    }

    private static String leastRecent(Map<String, Long> map) {
        String key = null;
        long min = Long.MAX_VALUE;
        for (Map.Entry<String, Long> e : map.entrySet()) {
            // Ties broken by the value itself, so eviction does not depend on hash order.
            if (e.getValue() < min || (e.getValue() == min && e.getKey().compareTo(key) < 0)) {
                min = e.getValue();
                key = e.getKey();
            }
        }
        return key;
    }
}
