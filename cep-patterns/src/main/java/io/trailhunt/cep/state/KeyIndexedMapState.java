package io.trailhunt.cep.state;

import io.trailhunt.detectors.common.LongArrays;
import org.apache.flink.api.common.state.MapState;
import org.apache.flink.api.common.state.ValueState;
import org.apache.flink.util.FlinkRuntimeException;

import java.util.AbstractMap;
import java.util.Arrays;
import java.util.Iterator;
import java.util.Map;
import java.util.NoSuchElementException;
import java.util.function.LongFunction;

/**
 * A map state keyed by time whose keys are also kept, sorted, in a value state beside it, so that
 * iterating it, asking whether it is empty and clearing it are point reads and writes. On RocksDB
 * (Flink 1.20) each of those is otherwise an iterator seek with no upper bound: in a map that is
 * empty for most principals, as CEP's per-time counters and event queues are, the seek walks over
 * every deleted entry after this principal's until it meets a live one, and deletes are what these
 * maps mostly hold until a compaction. (FLINK-40584, an open pull request to Flink, would bound them.)
 * The index holds exactly the map's keys; the map holds the values. A map with more than
 * {@link #MAX_INDEXED_KEYS} keys is iterated in the backend instead, until it drains: rewriting a
 * long index at every put would cost more than the seeks it saves, and a map that large is not
 * empty, so its seeks stop at its own entries.
 */
final class KeyIndexedMapState<V> implements MapState<Long, V> {
    static final int MAX_INDEXED_KEYS = 1024;
    private static final long[] NONE = new long[0];
    /** The index of a map with too many keys (a time that is never indexed, so no index of keys looks like it). */
    private static final long[] OVERFLOW = {Long.MIN_VALUE};

    private final MapState<Long, V> entries;
    private final ValueState<long[]> index;

    KeyIndexedMapState(MapState<Long, V> entries, ValueState<long[]> index) {
        this.entries = entries;
        this.index = index;
    }

    private long[] indexNow() throws Exception {
        long[] keys = index.value();
        return keys == null ? NONE : keys;
    }

    private static boolean overflowed(long[] index) {
        return index.length == 1 && index[0] == Long.MIN_VALUE;
    }

    /** The keys to iterate over: the index's, or the backend's when the map is too large to index. */
    private long[] keysNow() throws Exception {
        long[] keys = indexNow();
        if (!overflowed(keys)) {
            return keys;
        }
        long[] all = NONE;
        int n = 0;
        for (Long k : entries.keys()) {
            if (n == all.length) {
                all = Arrays.copyOf(all, Math.max(16, n * 2));
            }
            all[n++] = k;
        }
        if (n == 0) {
            index.clear(); // drained: indexed again from the next put
        }
        return Arrays.copyOf(all, n);
    }

    private void writeIndex(long[] keys) throws Exception {
        if (keys.length == 0) {
            index.clear();
        } else {
            index.update(keys);
        }
    }

    /** Indexes the map as it is in the backend, for the current key (state written before the index existed). */
    void rebuildIndex() throws Exception {
        long[] keys = NONE;
        for (Long k : entries.keys()) {
            int at = Arrays.binarySearch(keys, k);
            if (at < 0) {
                if (k == Long.MIN_VALUE || keys.length == MAX_INDEXED_KEYS) {
                    index.update(OVERFLOW);
                    return;
                }
                keys = LongArrays.insert(keys, -at - 1, k);
            }
        }
        writeIndex(keys);
    }

    @Override
    public V get(Long key) throws Exception {
        return entries.get(key);
    }

    @Override
    public void put(Long key, V value) throws Exception {
        entries.put(key, value);
        long[] keys = indexNow();
        if (overflowed(keys)) {
            return;
        }
        int at = Arrays.binarySearch(keys, key);
        if (at < 0) {
            boolean tooMany = key == Long.MIN_VALUE || keys.length == MAX_INDEXED_KEYS;
            writeIndex(tooMany ? OVERFLOW : LongArrays.insert(keys, -at - 1, key));
        }
    }

    @Override
    public void putAll(Map<Long, V> map) throws Exception {
        for (Map.Entry<Long, V> e : map.entrySet()) {
            put(e.getKey(), e.getValue());
        }
    }

    @Override
    public void remove(Long key) throws Exception {
        long[] keys = indexNow();
        if (overflowed(keys)) {
            entries.remove(key);
            return;
        }
        int at = Arrays.binarySearch(keys, key);
        if (at >= 0) {
            entries.remove(key);
            writeIndex(LongArrays.remove(keys, at));
        }
    }

    @Override
    public boolean contains(Long key) throws Exception {
        long[] keys = indexNow();
        return overflowed(keys) ? entries.contains(key) : Arrays.binarySearch(keys, key) >= 0;
    }

    @Override
    public boolean isEmpty() throws Exception {
        long[] keys = indexNow();
        if (!overflowed(keys)) {
            return keys.length == 0;
        }
        boolean empty = entries.isEmpty();
        if (empty) {
            index.clear();
        }
        return empty;
    }

    @Override
    public void clear() {
        try {
            long[] keys = indexNow();
            if (keys.length == 0) {
                return; // SharedBuffer clears its counters whenever they are empty: no write then
            }
            if (overflowed(keys)) {
                entries.clear();
            } else {
                for (long k : keys) {
                    entries.remove(k);
                }
            }
            index.clear();
        } catch (Exception e) {
            throw new FlinkRuntimeException("cannot clear map state", e);
        }
    }

    @Override
    public Iterable<Long> keys() throws Exception {
        return over(key -> key);
    }

    @Override
    public Iterable<Map.Entry<Long, V>> entries() throws Exception {
        return over(Entry::new);
    }

    @Override
    public Iterable<V> values() throws Exception {
        return over(this::read);
    }

    /** The keys as they are now, each seen through {@code at}. */
    private <T> Iterable<T> over(LongFunction<T> at) throws Exception {
        long[] keys = keysNow();
        return () -> new KeyIterator<>(keys, at);
    }

    @Override
    public Iterator<Map.Entry<Long, V>> iterator() throws Exception {
        return entries().iterator();
    }

    private V read(long key) {
        try {
            return entries.get(key);
        } catch (Exception e) {
            throw new FlinkRuntimeException("cannot read map state", e);
        }
    }

    /** An entry read when its value is asked for, written through by setValue, as RocksDB's are. */
    private final class Entry extends AbstractMap.SimpleEntry<Long, V> {
        private static final long serialVersionUID = 1L;
        private boolean read;

        Entry(long key) {
            super(key, null);
        }

        @Override
        public V getValue() {
            if (!read) {
                super.setValue(read(getKey()));
                read = true;
            }
            return super.getValue();
        }

        @Override
        public V setValue(V value) {
            V old = getValue();
            try {
                put(getKey(), value);
            } catch (Exception e) {
                throw new FlinkRuntimeException("cannot write map state", e);
            }
            super.setValue(value);
            return old;
        }
    }

    /** Over the keys as they were when iteration began; remove() removes from the state. */
    private final class KeyIterator<T> implements Iterator<T> {
        private final long[] keys;
        private final LongFunction<T> at;
        private int next;
        private boolean removable;

        KeyIterator(long[] keys, LongFunction<T> at) {
            this.keys = keys;
            this.at = at;
        }

        @Override
        public boolean hasNext() {
            return next < keys.length;
        }

        @Override
        public T next() {
            if (!hasNext()) {
                throw new NoSuchElementException();
            }
            removable = true;
            return at.apply(keys[next++]);
        }

        @Override
        public void remove() {
            if (!removable) {
                throw new IllegalStateException("next() first");
            }
            removable = false;
            try {
                KeyIndexedMapState.this.remove(keys[next - 1]);
            } catch (Exception e) {
                throw new FlinkRuntimeException("cannot remove from map state", e);
            }
        }
    }
}
