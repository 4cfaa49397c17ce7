package io.trailhunt.enrichment.geoip;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * A bounded least-recently-used map from source address (as the log wrote it) to the answer, so
 * the many calls from one address cost one lookup. Not thread-safe: one per subtask.
 */
final class LookupCache<V> {
    private final int capacity;
    private final LinkedHashMap<String, V> entries;

    LookupCache(int capacity) {
        this.capacity = capacity;
        // access order: a hit moves the entry to the young end
        this.entries = new LinkedHashMap<>(Math.min(capacity, 1 << 16) * 4 / 3 + 1, 0.75f, true) {
            private static final long serialVersionUID = 1L;

            @Override
            protected boolean removeEldestEntry(Map.Entry<String, V> eldest) {
                return size() > LookupCache.this.capacity;
            }
        };
    }

    /** The cached answer, or null. */
    V get(String key) {
        return capacity == 0 ? null : entries.get(key);
    }

    void put(String key, V value) {
        if (capacity > 0) {
            entries.put(key, value);
        }
    }

    /** After a database swap: every answer may have changed. */
    void clear() {
        entries.clear();
    }

    int size() {
        return entries.size();
    }
}
