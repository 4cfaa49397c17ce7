package io.trailhunt.cep.state;

import org.apache.flink.api.common.state.MapState;
import org.apache.flink.api.common.state.ValueState;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;

import static org.assertj.core.api.Assertions.assertThat;

/** The indexed map answers as the map it indexes would, whatever the operations, and its index is exactly the map's keys. */
class KeyIndexedMapStateTest {
    /** A backend's map state for one key; counts the calls that would iterate RocksDB. */
    private static final class PlainMap implements MapState<Long, String> {
        final Map<Long, String> m = new HashMap<>();
        int iterations;

        @Override public String get(Long k) { return m.get(k); }
        @Override public void put(Long k, String v) { m.put(k, v); }
        @Override public void putAll(Map<Long, String> all) { m.putAll(all); }
        @Override public void remove(Long k) { m.remove(k); }
        @Override public boolean contains(Long k) { return m.containsKey(k); }
        @Override public Iterable<Map.Entry<Long, String>> entries() { iterations++; return new HashMap<>(m).entrySet(); }
        @Override public Iterable<Long> keys() { iterations++; return new ArrayList<>(m.keySet()); }
        @Override public Iterable<String> values() { iterations++; return new ArrayList<>(m.values()); }
        @Override public Iterator<Map.Entry<Long, String>> iterator() { return entries().iterator(); }
        @Override public boolean isEmpty() { iterations++; return m.isEmpty(); }
        @Override public void clear() { iterations++; m.clear(); }
    }

    private static final class PlainValue implements ValueState<long[]> {
        long[] v;

        @Override public long[] value() { return v; }
        @Override public void update(long[] value) { v = value; }
        @Override public void clear() { v = null; }
    }

    @Test
    void randomOperationsGiveTheSameAnswersWithoutIteratingTheBackend() throws Exception {
        PlainMap backend = new PlainMap();
        PlainValue index = new PlainValue();
        KeyIndexedMapState<String> map = new KeyIndexedMapState<>(backend, index);
        TreeMap<Long, String> model = new TreeMap<>();
        Random random = new Random(7);
        for (int i = 0; i < 5_000; i++) {
            long k = random.nextInt(12);
            switch (random.nextInt(8)) {
                case 0, 1, 2 -> {
                    map.put(k, "v" + i);
                    model.put(k, "v" + i);
                }
                case 3 -> {
                    map.remove(k);
                    model.remove(k);
                }
                case 4 -> {
                    // as SharedBuffer.advanceTime does: remove the older keys while iterating
                    Iterator<Long> it = map.keys().iterator();
                    while (it.hasNext()) {
                        if (it.next() < k) {
                            it.remove();
                        }
                    }
                    model.headMap(k).clear();
                }
                case 5 -> {
                    for (Map.Entry<Long, String> e : map.entries()) {
                        if (e.getKey() == k) {
                            e.setValue("set" + i);
                            model.put(k, "set" + i);
                        }
                    }
                }
                case 6 -> {
                    if (random.nextInt(10) == 0) {
                        map.clear();
                        model.clear();
                    }
                }
                default -> {
                    map.putAll(Map.of(k, "all" + i, k + 20, "all" + i));
                    model.put(k, "all" + i);
                    model.put(k + 20, "all" + i);
                }
            }
            assertThat(backend.m).isEqualTo(model);
            assertThat(index.v == null ? new long[0] : index.v).containsExactly(model.keySet().stream().mapToLong(Long::longValue).toArray());
            assertThat(map.isEmpty()).isEqualTo(model.isEmpty());
            assertThat(map.contains(k)).isEqualTo(model.containsKey(k));
            assertThat(map.get(k)).isEqualTo(model.get(k));
            List<String> values = new ArrayList<>();
            map.values().forEach(values::add);
            assertThat(values).containsExactlyElementsOf(model.values());
        }
        assertThat(backend.iterations).isZero();
    }

    /** Past the index's limit the map is iterated in the backend until it drains, then indexed again. */
    @Test
    void aMapTooLargeToIndexIsIteratedUntilItDrains() throws Exception {
        PlainMap backend = new PlainMap();
        PlainValue index = new PlainValue();
        KeyIndexedMapState<String> map = new KeyIndexedMapState<>(backend, index);
        int n = KeyIndexedMapState.MAX_INDEXED_KEYS + 10;
        for (long k = 0; k < n; k++) {
            map.put(k, "v");
        }
        assertThat(index.v).containsExactly(Long.MIN_VALUE);
        assertThat(map.contains(5L)).isTrue();
        assertThat(map.isEmpty()).isFalse();
        List<Long> seen = new ArrayList<>();
        Iterator<Long> it = map.keys().iterator();
        while (it.hasNext()) {
            seen.add(it.next());
            it.remove();
        }
        assertThat(seen).hasSize(n);
        assertThat(backend.m).isEmpty();
        assertThat(map.isEmpty()).isTrue();
        assertThat(index.v).isNull();

        int iterationsBefore = backend.iterations;
        map.put(7L, "again");
        assertThat(index.v).containsExactly(7L);
        assertThat(map.keys()).containsExactly(7L);
        assertThat(backend.iterations).isEqualTo(iterationsBefore);
    }

    @Test
    void theOneTimeThatIsNeverIndexedSendsTheMapToTheBackend() throws Exception {
        PlainMap backend = new PlainMap();
        PlainValue index = new PlainValue();
        KeyIndexedMapState<String> map = new KeyIndexedMapState<>(backend, index);
        map.put(3L, "a");
        map.put(Long.MIN_VALUE, "b");
        assertThat(map.keys()).containsExactlyInAnyOrder(3L, Long.MIN_VALUE);
        map.clear();
        assertThat(backend.m).isEmpty();
        assertThat(index.v).isNull();
    }

    @Test
    void anUnindexedMapIsIndexedFromTheBackend() throws Exception {
        PlainMap backend = new PlainMap();
        backend.put(30L, "c");
        backend.put(10L, "a");
        PlainValue index = new PlainValue();
        KeyIndexedMapState<String> map = new KeyIndexedMapState<>(backend, index);
        assertThat(map.isEmpty()).isTrue(); // not indexed yet: what a restore from Flink's own operator has to fix

        map.rebuildIndex();

        assertThat(index.v).containsExactly(10L, 30L);
        assertThat(map.keys()).containsExactly(10L, 30L);
        map.clear();
        assertThat(backend.m).isEmpty();
        assertThat(index.v).isNull();
    }
}
