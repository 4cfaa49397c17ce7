package io.trailhunt.detectors.host;

import io.trailhunt.detectors.DetectorContext;
import io.trailhunt.events.model.AuditEvent;
import io.trailhunt.events.model.Finding;
import org.apache.flink.core.execution.SavepointFormatType;
import org.apache.flink.runtime.checkpoint.OperatorSubtaskState;
import org.apache.flink.runtime.checkpoint.SavepointType;
import org.apache.flink.streaming.api.watermark.Watermark;
import org.apache.flink.streaming.runtime.streamrecord.StreamRecord;
import org.apache.flink.streaming.util.KeyedOneInputStreamOperatorTestHarness;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.time.Duration;
import java.util.List;

import static io.trailhunt.events.testing.EventBuilder.aws;
import static org.assertj.core.api.Assertions.assertThat;

/** A timer reaches only the detector that asked for it, also after a restore; the host's own timers reach none. */
class TimerRoutingTest {
    private static final AuditEvent FIRST = aws("s3.amazonaws.com", "ListBuckets").build();
    private static final AuditEvent SECOND = aws("s3.amazonaws.com", "ListBuckets").after(Duration.ofMinutes(1)).build();

    /** Asks for a timer {@code delay} after each event and reports every call of its onTimer as a finding. */
    private static final class Asker extends HostHarness.FindingStateDetector {
        private final long delay;

        Asker(String id, Duration delay) {
            super(id);
            this.delay = delay.toMillis();
        }

        @Override
        public Finding onEvent(Finding state, AuditEvent event, DetectorContext ctx) {
            ctx.registerTimer(event.eventTime + delay);
            Finding s = new Finding();
            s.ruleId = ruleId();
            return s;
        }

        @Override
        public Finding onTimer(Finding state, long timestamp, DetectorContext ctx) {
            Finding called = new Finding();
            called.ruleId = ruleId();
            called.subject = String.valueOf(timestamp - FIRST.eventTime);
            ctx.emit(called);
            return state;
        }
    }

    private static KeyedOneInputStreamOperatorTestHarness<String, AuditEvent, Finding> harness(String backend) throws Exception {
        return HostHarness.inEventTimeOrder(List.of(new Asker("soon", Duration.ofMinutes(5)), new Asker("later", Duration.ofMinutes(30))), backend);
    }

    private static List<String> calls(KeyedOneInputStreamOperatorTestHarness<String, AuditEvent, Finding> h) {
        return h.extractOutputValues().stream().map(f -> f.ruleId + "@" + f.subject).toList();
    }

    @ParameterizedTest
    @ValueSource(strings = {"heap", "rocksdb", "rocksdb-heap-timers"})
    void eachDetectorIsCalledAtTheTimesItAskedForAndNoOthers(String backend) throws Exception {
        calledAtTheirTimesAcrossARestore(backend, backend);
    }

    /** A deployment moving to flink-conf's heap timers, or back, keeps its timers across a canonical savepoint. */
    @ParameterizedTest
    @ValueSource(strings = {"rocksdb>rocksdb-heap-timers", "rocksdb-heap-timers>rocksdb"})
    void timersSurviveSwitchingWhereRocksDbKeepsThemThroughASavepoint(String change) throws Exception {
        String[] backends = change.split(">");
        calledAtTheirTimesAcrossARestore(backends[0], backends[1], true);
    }

    /**
     * Flink 1.20's hazard that docs/configuration.md warns of: RocksDB's own timers are not read
     * back from a RocksDB checkpoint (or native savepoint) into heap timers, and nothing fails.
     * Should a Flink upgrade change that, this fails, and the warning can go.
     */
    @Test
    void aCheckpointFromRocksDbTimersLosesThemUnderHeapTimers() throws Exception {
        OperatorSubtaskState checkpoint;
        try (var h = harness("rocksdb")) {
            h.open();
            h.processElement(new StreamRecord<>(FIRST, FIRST.eventTime));
            checkpoint = h.snapshot(1L, 1L);
        }
        try (var h = harness("rocksdb-heap-timers")) {
            h.initializeState(checkpoint);
            h.open();
            assertThat(h.numEventTimeTimers()).isZero();
            h.processWatermark(new Watermark(Long.MAX_VALUE));
            assertThat(calls(h)).isEmpty();
        }
    }

    private static void calledAtTheirTimesAcrossARestore(String before, String after) throws Exception {
        calledAtTheirTimesAcrossARestore(before, after, false);
    }

    private static void calledAtTheirTimesAcrossARestore(String before, String after, boolean savepoint) throws Exception {
        OperatorSubtaskState snapshot;
        try (var h = harness(before)) {
            h.open();
            h.processElement(new StreamRecord<>(FIRST, FIRST.eventTime));
            h.processElement(new StreamRecord<>(SECOND, SECOND.eventTime));
            h.processWatermark(new Watermark(FIRST.eventTime + Duration.ofMinutes(6).toMillis()));
            // the events' own release timers (0 and 60,000 ms) called nobody
            assertThat(calls(h)).containsExactly("soon@300000", "soon@360000");
            snapshot = savepoint
                    ? h.snapshotWithLocalState(1L, 1L, SavepointType.savepoint(SavepointFormatType.CANONICAL)).getJobManagerOwnedState()
                    : h.snapshot(1L, 1L);
        }
        try (var h = harness(after)) {
            h.initializeState(snapshot);
            h.open();
            h.processWatermark(new Watermark(Long.MAX_VALUE));
            assertThat(calls(h)).containsExactly("later@1800000", "later@1860000");
        }
    }
}
