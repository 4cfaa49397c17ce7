package io.trailhunt.detectors.host;

import java.util.Iterator;
import java.util.LinkedHashMap;

/**
 * The keyed rules' states of the principals seen last, kept as objects between events. On RocksDB
 * every read of a rule's state is a JNI call and a deserialization, every write a serialization: a
 * dozen of each per event. With the cache a principal's states are read once while it stays active
 * and written back once per checkpoint, or when it is evicted to make room (least recently used
 * first). Plain Java: the host does the reading and writing, under the right key.
 */
final class StateCache {
    /** One principal's states, as last read or changed: per rule (bit i: the host's rule i). */
    static final class Entry {
        final String key;
        final Object[] values;
        /** Rules whose value here is the state (read, or changed since). */
        long loaded;
        /** Rules whose value here is newer than the backend's. */
        long dirty;
        TimerOwners owners;
        boolean ownersLoaded;
        boolean ownersDirty;

        Entry(String key, int rules) {
            this.key = key;
            this.values = new Object[rules];
        }

        boolean isDirty() {
            return dirty != 0 || ownersDirty;
        }
    }

    private final int capacity;
    private final int rules;
    /** In access order: the first entry is the least recently used. */
    private final LinkedHashMap<String, Entry> byKey = new LinkedHashMap<>(16, 0.75f, true);

    /** @param capacity how many principals at most (at least 1) */
    StateCache(int capacity, int rules) {
        if (capacity < 1) {
            throw new IllegalArgumentException("a state cache holds at least one principal, got " + capacity);
        }
        this.capacity = capacity;
        this.rules = rules;
    }

    /** This principal's entry (now the most recently used), or null when it is not cached. */
    Entry get(String key) {
        return byKey.get(key);
    }

    /** Adds an empty entry for a principal that is not cached. */
    Entry add(String key) {
        Entry e = new Entry(key, rules);
        byKey.put(key, e);
        return e;
    }

    /** The least recently used entry, now removed, while there are more than the capacity; else null. */
    Entry evictOne() {
        if (byKey.size() <= capacity) {
            return null;
        }
        Iterator<Entry> eldest = byKey.values().iterator();
        Entry e = eldest.next();
        eldest.remove();
        return e;
    }

    /** Every entry, in no order that matters (iterating does not count as use). */
    Iterable<Entry> entries() {
        return byKey.values();
    }

    int size() {
        return byKey.size();
    }
}
