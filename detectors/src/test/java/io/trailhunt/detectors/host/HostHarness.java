package io.trailhunt.detectors.host;

import io.trailhunt.detectors.Detector;
import io.trailhunt.events.model.AuditEvent;
import io.trailhunt.events.model.Finding;
import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.contrib.streaming.state.EmbeddedRocksDBStateBackend;
import org.apache.flink.runtime.state.StateBackend;
import org.apache.flink.runtime.state.hashmap.HashMapStateBackend;
import org.apache.flink.streaming.util.KeyedOneInputStreamOperatorTestHarness;

import java.time.Duration;
import java.util.List;

/** The keyed host as the job runs it (events held for the watermark, no Kryo), for tests of the host itself. */
final class HostHarness {
    private HostHarness() {}

    static KeyedOneInputStreamOperatorTestHarness<String, AuditEvent, Finding> inEventTimeOrder(List<Detector<?>> detectors, String backend)
            throws Exception {
        return inEventTimeOrder(detectors, backend, KeyedDetectorsFunction.DEFAULT_CACHED_PRINCIPALS);
    }

    /** With a state cache of this many principals (used on RocksDB only). */
    static KeyedOneInputStreamOperatorTestHarness<String, AuditEvent, Finding> inEventTimeOrder(List<Detector<?>> detectors, String backend,
            int cachedPrincipals) throws Exception {
        var h = new KeyedOneInputStreamOperatorTestHarness<>(
                new KeyedDetectorsOperator(new KeyedDetectorsFunction(detectors, false, true, cachedPrincipals)), AuditEvent::principalKey, Types.STRING);
        h.getExecutionConfig().disableGenericTypes();
        h.setStateBackend(backend(backend));
        return h;
    }

    /** heap; rocksdb with its timers in RocksDB (Flink's default); rocksdb-heap-timers as flink-conf/config.yaml sets it. */
    static StateBackend backend(String name) {
        if (name.equals("heap")) {
            return new HashMapStateBackend();
        }
        EmbeddedRocksDBStateBackend rocks = new EmbeddedRocksDBStateBackend();
        if (name.equals("rocksdb-heap-timers")) {
            rocks.setPriorityQueueStateType(EmbeddedRocksDBStateBackend.PriorityQueueStateType.HEAP);
        }
        return rocks;
    }

    /** A test detector of every event whose state is a Finding (a POJO with free-form fields to record in). */
    abstract static class FindingStateDetector implements Detector<Finding> {
        private final String id;

        FindingStateDetector(String id) {
            this.id = id;
        }

        @Override public String ruleId() { return id; }
        @Override public Class<Finding> stateClass() { return Finding.class; }
        @Override public Duration stateTtl() { return Duration.ofDays(1); }
        @Override public boolean accepts(AuditEvent event) { return true; }
    }
}
