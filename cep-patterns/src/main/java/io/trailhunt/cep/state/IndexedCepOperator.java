package io.trailhunt.cep.state;

import org.apache.flink.api.common.state.KeyedStateStore;
import org.apache.flink.api.common.state.ListState;
import org.apache.flink.api.common.state.ListStateDescriptor;
import org.apache.flink.api.common.state.MapStateDescriptor;
import org.apache.flink.api.common.state.OperatorStateStore;
import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.api.common.typeutils.TypeSerializer;
import org.apache.flink.cep.EventComparator;
import org.apache.flink.cep.functions.PatternProcessFunction;
import org.apache.flink.cep.nfa.aftermatch.AfterMatchSkipStrategy;
import org.apache.flink.cep.nfa.compiler.NFACompiler;
import org.apache.flink.cep.operator.CepOperator;
import org.apache.flink.runtime.state.KeyGroupStatePartitionStreamProvider;
import org.apache.flink.runtime.state.StateInitializationContext;
import org.apache.flink.runtime.state.StatePartitionStreamProvider;
import org.apache.flink.runtime.state.VoidNamespace;
import org.apache.flink.runtime.state.VoidNamespaceSerializer;
import org.apache.flink.util.OutputTag;

import java.util.List;
import java.util.Map;
import java.util.OptionalLong;

/**
 * Flink's CEP operator, unchanged but for the state store it is given ({@link IndexingStateStore}):
 * the maps it iterates at every timer are indexed, so its cost on RocksDB does not grow with the
 * deletes the maps have seen. State written without the index (a savepoint of Flink's own
 * CepOperator, which this restores from under the same uid) is indexed once, at the restore; an
 * operator-state marker tells the two apart.
 */
public class IndexedCepOperator<IN, KEY, OUT> extends CepOperator<IN, KEY, OUT> {
    private static final long serialVersionUID = 1L;
    /** Present (one entry per subtask) in state written with the indexes. */
    static final String MARKER = "indexed-map-keys";

    public IndexedCepOperator(TypeSerializer<IN> inputSerializer, boolean isProcessingTime, NFACompiler.NFAFactory<IN> nfaFactory,
            EventComparator<IN> comparator, AfterMatchSkipStrategy afterMatchSkipStrategy, PatternProcessFunction<IN, OUT> function,
            OutputTag<IN> lateDataOutputTag) {
        super(inputSerializer, isProcessingTime, nfaFactory, comparator, afterMatchSkipStrategy, function, lateDataOutputTag);
    }

    @Override
    public void initializeState(StateInitializationContext context) throws Exception {
        ListState<Boolean> marker = context.getOperatorStateStore().getUnionListState(new ListStateDescriptor<>(MARKER, Types.BOOLEAN));
        boolean indexedBefore = !context.isRestored() || marker.get().iterator().hasNext();
        IndexingStateStore store = new IndexingStateStore(context.getKeyedStateStore());
        super.initializeState(new WithStore(context, store));
        if (!indexedBefore) {
            indexExisting(store);
        }
        marker.update(List.of(true));
    }

    /** Every principal with entries in an indexed map gets its index. */
    private void indexExisting(IndexingStateStore store) throws Exception {
        for (Map.Entry<MapStateDescriptor<Long, ?>, KeyIndexedMapState<?>> e : store.indexed().entrySet()) {
            KeyIndexedMapState<?> map = e.getValue();
            getKeyedStateBackend().applyToAllKeys(VoidNamespace.INSTANCE, VoidNamespaceSerializer.INSTANCE, e.getKey(),
                    (key, raw) -> map.rebuildIndex());
        }
    }

    /** The context CEP initializes from, with the indexing store in place of the backend's. */
    private static final class WithStore implements StateInitializationContext {
        private final StateInitializationContext context;
        private final KeyedStateStore store;

        WithStore(StateInitializationContext context, KeyedStateStore store) {
            this.context = context;
            this.store = store;
        }

        @Override
        public boolean isRestored() {
            return context.isRestored();
        }

        @Override
        public OptionalLong getRestoredCheckpointId() {
            return context.getRestoredCheckpointId();
        }

        @Override
        public OperatorStateStore getOperatorStateStore() {
            return context.getOperatorStateStore();
        }

        @Override
        public KeyedStateStore getKeyedStateStore() {
            return store;
        }

        @Override
        public Iterable<StatePartitionStreamProvider> getRawOperatorStateInputs() {
            return context.getRawOperatorStateInputs();
        }

        @Override
        public Iterable<KeyGroupStatePartitionStreamProvider> getRawKeyedStateInputs() {
            return context.getRawKeyedStateInputs();
        }
    }
}
