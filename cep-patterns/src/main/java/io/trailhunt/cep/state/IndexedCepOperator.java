package io.trailhunt.cep.state;

import org.apache.flink.api.common.state.KeyedStateStore;
import org.apache.flink.api.common.state.OperatorStateStore;
import org.apache.flink.api.common.typeutils.TypeSerializer;
import org.apache.flink.cep.EventComparator;
import org.apache.flink.cep.functions.PatternProcessFunction;
import org.apache.flink.cep.nfa.aftermatch.AfterMatchSkipStrategy;
import org.apache.flink.cep.nfa.compiler.NFACompiler;
import org.apache.flink.cep.operator.CepOperator;
import org.apache.flink.runtime.state.KeyGroupStatePartitionStreamProvider;
import org.apache.flink.runtime.state.KeyedStateBackend;
import org.apache.flink.runtime.state.StateInitializationContext;
import org.apache.flink.runtime.state.StatePartitionStreamProvider;
import org.apache.flink.runtime.state.VoidNamespace;
import org.apache.flink.util.OutputTag;

import java.util.LinkedHashSet;
import java.util.List;
import java.util.OptionalLong;
import java.util.Set;
import java.util.stream.Stream;

/**
 * Flink's CEP operator, unchanged but for the state store it is given ({@link IndexingStateStore}):
 * the maps it iterates at every timer are indexed, so its cost on RocksDB does not grow with the
 * deletes the maps have seen. Its state is Flink's operator's under the same names, plus the
 * indexes; at every restore the indexes are rebuilt from the maps, so state written by Flink's own
 * CepOperator (before 2026-12-03, or by a release rolled back to) restores, and restores into it.
 */
public class IndexedCepOperator<IN, KEY, OUT> extends CepOperator<IN, KEY, OUT> {
    private static final long serialVersionUID = 1L;

    public IndexedCepOperator(TypeSerializer<IN> inputSerializer, boolean isProcessingTime, NFACompiler.NFAFactory<IN> nfaFactory,
            EventComparator<IN> comparator, AfterMatchSkipStrategy afterMatchSkipStrategy, PatternProcessFunction<IN, OUT> function,
            OutputTag<IN> lateDataOutputTag) {
        super(inputSerializer, isProcessingTime, nfaFactory, comparator, afterMatchSkipStrategy, function, lateDataOutputTag);
    }

    @Override
    public void initializeState(StateInitializationContext context) throws Exception {
        IndexingStateStore store = new IndexingStateStore(context.getKeyedStateStore());
        super.initializeState(new WithStore(context, store));
        if (store.indexed().size() != IndexingStateStore.INDEXED.size()) {
            // A Flink upgrade renamed CEP's states: without this the maps would go unindexed, silently slow again.
            throw new IllegalStateException("CEP made " + store.indexed().size() + " of the maps " + IndexingStateStore.INDEXED
                    + "; update IndexingStateStore.INDEXED to this Flink version's state names");
        }
        if (context.isRestored()) {
            rebuildIndexes(store);
        }
    }

    /**
     * Every principal with entries in a map or in its index gets its index anew: the state may
     * come from Flink's own operator, which keeps no index, or which changed the maps under an
     * index it carried along without reading. Keys are collected first, as the rebuild writes.
     */
    private void rebuildIndexes(IndexingStateStore store) throws Exception {
        KeyedStateBackend<Object> backend = getKeyedStateBackend();
        for (IndexingStateStore.Indexed map : store.indexed()) {
            Set<Object> keys = new LinkedHashSet<>();
            for (String name : List.of(map.mapName(), map.indexName())) {
                try (Stream<Object> of = backend.getKeys(name, VoidNamespace.INSTANCE)) {
                    of.forEach(keys::add);
                }
            }
            for (Object key : keys) {
                backend.setCurrentKey(key);
                map.state().rebuildIndex();
            }
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
