package io.trailhunt.detectors.risk;

import io.trailhunt.events.model.Finding;
import io.trailhunt.events.model.Severity;
import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.contrib.streaming.state.EmbeddedRocksDBStateBackend;
import org.apache.flink.runtime.checkpoint.OperatorSubtaskState;
import org.apache.flink.runtime.state.StateBackend;
import org.apache.flink.runtime.state.VoidNamespace;
import org.apache.flink.runtime.state.hashmap.HashMapStateBackend;
import org.apache.flink.streaming.api.operators.KeyedProcessOperator;
import org.apache.flink.streaming.api.watermark.Watermark;
import org.apache.flink.streaming.runtime.streamrecord.StreamRecord;
import org.apache.flink.streaming.util.KeyedOneInputStreamOperatorTestHarness;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.time.Instant;
import java.util.List;

import static io.trailhunt.detectors.risk.PrincipalRiskTest.finding;
import static org.assertj.core.api.Assertions.assertThat;

/** The principal-risk operator in event time: contributions survive a restore; timers report and clear. */
class PrincipalRiskFunctionTest {
    private static final long MINUTE = 60_000L;
    private static final long T0 = Instant.parse("2026-11-02T13:00:00Z").toEpochMilli();

    private static KeyedOneInputStreamOperatorTestHarness<String, Finding, Finding> harness(String backend) throws Exception {
        var h = new KeyedOneInputStreamOperatorTestHarness<>(new KeyedProcessOperator<>(new PrincipalRiskFunction(RiskSettings.defaults())),
                RiskKey::of, Types.STRING);
        h.getExecutionConfig().disableGenericTypes();
        StateBackend b = new HashMapStateBackend();
        if (backend.equals("rocksdb")) {
            EmbeddedRocksDBStateBackend rocks = new EmbeddedRocksDBStateBackend();
            rocks.getMemoryConfiguration().setUseManagedMemory(false);
            b = rocks;
        }
        h.setStateBackend(b);
        return h;
    }

    private static void send(KeyedOneInputStreamOperatorTestHarness<String, Finding, Finding> h, Finding f) throws Exception {
        h.processElement(new StreamRecord<>(f, f.lastSeen));
    }

    private static long keys(KeyedOneInputStreamOperatorTestHarness<String, Finding, Finding> h) {
        try (var k = h.getOperator().getKeyedStateBackend().getKeys(PrincipalRiskFunction.STATE_NAME, VoidNamespace.INSTANCE)) {
            return k.count();
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"heap", "rocksdb"})
    void contributionsSurviveARestoreAndTheReportComesInEventTime(String backend) throws Exception {
        OperatorSubtaskState snapshot;
        try (var h = harness(backend)) {
            h.open();
            send(h, finding("log-tampering", Severity.CRITICAL, 95, T0 + 4 * MINUTE, T0 + 9 * MINUTE, "T1562.008"));
            send(h, finding("bulk-object-download", Severity.MEDIUM, 50, T0 + 25 * MINUTE, T0 + 34 * MINUTE, "T1530"));
            h.processWatermark(new Watermark(T0 + 35 * MINUTE));
            snapshot = h.snapshot(1, T0 + 35 * MINUTE);
        }
        try (var h = harness(backend)) {
            h.initializeState(snapshot);
            h.open();
            send(h, finding("volume-spike", Severity.MEDIUM, 50, T0 + 25 * MINUTE, T0 + 44 * MINUTE, "T1530"));
            h.processWatermark(new Watermark(T0 + 103 * MINUTE));
            assertThat(h.extractOutputValues()).isEmpty();
            h.processWatermark(new Watermark(T0 + 104 * MINUTE));
            List<Finding> out = h.extractOutputValues();
            assertThat(out).hasSize(1);
            assertThat(out.get(0).ruleId).isEqualTo("principal-risk");
            assertThat(out.get(0).evidence).extracting(e -> e.action).containsExactly("log-tampering", "bulk-object-download", "volume-spike");
            assertThat(keys(h)).isEqualTo(1);
            h.processWatermark(new Watermark(T0 + 44 * MINUTE + 24 * 60 * MINUTE));
            assertThat(keys(h)).isZero();
            assertThat(h.numEventTimeTimers()).isZero();
        }
    }
}
