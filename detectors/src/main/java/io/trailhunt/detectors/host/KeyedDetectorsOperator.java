package io.trailhunt.detectors.host;

import io.trailhunt.events.model.AuditEvent;
import io.trailhunt.events.model.Finding;
import org.apache.flink.runtime.state.StateSnapshotContext;
import org.apache.flink.streaming.api.operators.KeyedProcessOperator;

/**
 * Runs {@link KeyedDetectorsFunction} with its {@link StateCache}: only an operator can switch the
 * current key, which writing back another principal's cached states needs, and it is called in each
 * snapshot before the keyed state is copied, when every cached change must reach the backend. Its state is the
 * function's, under the same names: a savepoint of either restores into the other.
 */
public final class KeyedDetectorsOperator extends KeyedProcessOperator<String, AuditEvent, Finding> {
    private static final long serialVersionUID = 1L;

    public KeyedDetectorsOperator(KeyedDetectorsFunction function) {
        super(function);
    }

    @Override
    public void open() throws Exception {
        // RocksDB serializes on every access; the heap backend hands out the stored objects themselves.
        function().runBy(this, getKeyedStateBackend().isSafeToReuseKVState());
        super.open();
    }

    /** Every snapshot (checkpoint or savepoint, aligned or not) calls this before it copies the keyed state. */
    @Override
    public void snapshotState(StateSnapshotContext context) throws Exception {
        function().writeBackCachedStates();
        super.snapshotState(context);
    }

    @Override
    public void finish() throws Exception {
        function().writeBackCachedStates();
        super.finish();
    }

    private KeyedDetectorsFunction function() {
        return (KeyedDetectorsFunction) userFunction;
    }
}
