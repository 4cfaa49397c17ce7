package io.trailhunt.cep.state;

import org.apache.flink.api.common.state.AggregatingState;
import org.apache.flink.api.common.state.AggregatingStateDescriptor;
import org.apache.flink.api.common.state.KeyedStateStore;
import org.apache.flink.api.common.state.ListState;
import org.apache.flink.api.common.state.ListStateDescriptor;
import org.apache.flink.api.common.state.MapState;
import org.apache.flink.api.common.state.MapStateDescriptor;
import org.apache.flink.api.common.state.ReducingState;
import org.apache.flink.api.common.state.ReducingStateDescriptor;
import org.apache.flink.api.common.state.ValueState;
import org.apache.flink.api.common.state.ValueStateDescriptor;
import org.apache.flink.api.common.typeutils.base.array.LongPrimitiveArraySerializer;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * The keyed state store CEP's operator is given: as the backend's, except that the time-keyed maps
 * CEP iterates at every timer come with a {@link KeyIndexedMapState} index, in a value state named
 * after the map with {@link #INDEX_SUFFIX}.
 */
final class IndexingStateStore implements KeyedStateStore {
    /** CepOperator's event queue and SharedBuffer's per-time event counters (Flink 1.20's names). */
    static final Set<String> INDEXED = Set.of("eventQueuesStateName", "sharedBuffer-events-count");
    static final String INDEX_SUFFIX = "-keys";

    /** One indexed map: the names of its two states, and the state CEP uses. */
    record Indexed(String mapName, String indexName, KeyIndexedMapState<?> state) {}

    private final KeyedStateStore backend;
    private final List<Indexed> indexed = new ArrayList<>();

    IndexingStateStore(KeyedStateStore backend) {
        this.backend = backend;
    }

    /** The indexed maps made so far. */
    List<Indexed> indexed() {
        return indexed;
    }

    @Override
    @SuppressWarnings("unchecked")
    public <UK, UV> MapState<UK, UV> getMapState(MapStateDescriptor<UK, UV> descriptor) {
        MapState<UK, UV> map = backend.getMapState(descriptor);
        if (!INDEXED.contains(descriptor.getName())) {
            return map;
        }
        String indexName = descriptor.getName() + INDEX_SUFFIX;
        ValueState<long[]> index = backend.getState(new ValueStateDescriptor<>(indexName, LongPrimitiveArraySerializer.INSTANCE));
        KeyIndexedMapState<UV> state = new KeyIndexedMapState<>((MapState<Long, UV>) map, index);
        indexed.add(new Indexed(descriptor.getName(), indexName, state));
        return (MapState<UK, UV>) state;
    }

    @Override
    public <T> ValueState<T> getState(ValueStateDescriptor<T> descriptor) {
        return backend.getState(descriptor);
    }

    @Override
    public <T> ListState<T> getListState(ListStateDescriptor<T> descriptor) {
        return backend.getListState(descriptor);
    }

    @Override
    public <T> ReducingState<T> getReducingState(ReducingStateDescriptor<T> descriptor) {
        return backend.getReducingState(descriptor);
    }

    @Override
    public <IN, ACC, OUT> AggregatingState<IN, OUT> getAggregatingState(AggregatingStateDescriptor<IN, ACC, OUT> descriptor) {
        return backend.getAggregatingState(descriptor);
    }
}
