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

/**
 * A map state keyed by time whose keys are also kept, sorted, in a value state beside it, so that
 * iterating it, asking whether it is empty and clearing it are point reads and writes. On RocksDB
 * (Flink 1.20) each of those is otherwise an iterator seek with no upper bound: in a map that is
 * empty for most principals, as CEP's per-time counters and event queues are, the seek walks over
 * every deleted entry after this principal's until it meets a live one, and deletes are what these
 * maps mostly hold until a compaction. (FLINK-40584 bounds those iterators in a later Flink.)
 * The index holds exactly the map's keys; the map holds the values.
 */
final class KeyIndexedMapState<V> implements MapState<Long, V> {
    private static final long[] NONE = new long[0];

    private final MapState<Long, V> entries;
    private final ValueState<long[]> index;

    KeyIndexedMapState(MapState<Long, V> entries, ValueState<long[]> index) {
        this.entries = entries;
        this.index = index;
    }

    private long[] keysNow() throws Exception {
        long[] keys = index.value();
        return keys == null ? NONE : keys;
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
        long[] keys = keysNow();
        int at = Arrays.binarySearch(keys, key);
        if (at < 0) {
            writeIndex(LongArrays.insert(keys, -at - 1, key));
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
        long[] keys = keysNow();
        int at = Arrays.binarySearch(keys, key);
        if (at >= 0) {
            entries.remove(key);
            writeIndex(LongArrays.remove(keys, at));
        }
    }

    @Override
    public boolean contains(Long key) throws Exception {
        return Arrays.binarySearch(keysNow(), key) >= 0;
    }

    @Override
    public boolean isEmpty() throws Exception {
        return keysNow().length == 0;
    }

    @Override
    public void clear() {
        try {
            for (long k : keysNow()) {
                entries.remove(k);
            }
            index.clear();
        } catch (Exception e) {
            throw new FlinkRuntimeException("cannot clear map state", e);
        }
    }

    @Override
    public Iterable<Long> keys() throws Exception {
        long[] keys = keysNow();
        return () -> new KeyIterator<>(keys) {
            @Override
            Long at(long key) {
                return key;
            }
        };
    }

    @Override
    public Iterable<Map.Entry<Long, V>> entries() throws Exception {
        long[] keys = keysNow();
        return () -> new KeyIterator<>(keys) {
            @Override
            Map.Entry<Long, V> at(long key) {
                return new Entry(key);
            }
        };
    }

    @Override
    public Iterable<V> values() throws Exception {
        long[] keys = keysNow();
        return () -> new KeyIterator<>(keys) {
            @Override
            V at(long key) {
                return read(key);
            }
        };
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
    private abstract class KeyIterator<T> implements Iterator<T> {
        private final long[] keys;
        private int next;
        private boolean removable;

        KeyIterator(long[] keys) {
            this.keys = keys;
        }

        abstract T at(long key);

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
            return at(keys[next++]);
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
