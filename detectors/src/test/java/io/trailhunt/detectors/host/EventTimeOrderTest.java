package io.trailhunt.detectors.host;

import io.trailhunt.detectors.Detector;
import io.trailhunt.detectors.tampering.LogTamperingDetector;
import io.trailhunt.detectors.tampering.LogTamperingSettings;
import io.trailhunt.events.model.AuditEvent;
import io.trailhunt.events.model.Finding;
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

import java.time.Duration;
import java.util.List;

import static io.trailhunt.events.testing.EventBuilder.aws;
import static org.assertj.core.api.Assertions.assertThat;

/** Held until the watermark passes them, a principal's events reach the detectors in event-time order. */
class EventTimeOrderTest {
    private static final AuditEvent ATTEMPT = aws("cloudtrail.amazonaws.com", "StopLogging").after(Duration.ofMinutes(1)).failed("AccessDenied").build();
    private static final AuditEvent SUCCESS = aws("cloudtrail.amazonaws.com", "StopLogging").after(Duration.ofMinutes(3)).build();

    private static KeyedOneInputStreamOperatorTestHarness<String, AuditEvent, Finding> harness(String backend, boolean ordered) throws Exception {
        List<Detector<?>> detectors = List.of(new LogTamperingDetector(LogTamperingSettings.defaults()));
        var h = new KeyedOneInputStreamOperatorTestHarness<>(
                new KeyedProcessOperator<>(new KeyedDetectorsFunction(detectors, false, ordered)), AuditEvent::principalKey, Types.STRING);
        h.getExecutionConfig().disableGenericTypes();
        StateBackend state = backend.equals("rocksdb") ? new EmbeddedRocksDBStateBackend() : new HashMapStateBackend();
        h.setStateBackend(state);
        return h;
    }

    private static long keysHolding(KeyedOneInputStreamOperatorTestHarness<String, AuditEvent, Finding> h) {
        try (var keys = h.getOperator().getKeyedStateBackend().getKeys(PendingEvents.STATE_NAME, VoidNamespace.INSTANCE)) {
            return keys.count();
        }
    }

    private static List<String> evidence(List<Finding> findings) {
        return findings.stream().map(f -> f.evidence.stream().map(e -> e.outcome.name()).toList().toString()).toList();
    }

    @ParameterizedTest
    @ValueSource(strings = {"heap", "rocksdb"})
    void theSuccessDeliveredBeforeTheFailedAttemptStillHasItAsEvidence(String backend) throws Exception {
        try (var h = harness(backend, true)) {
            h.open();
            h.processElement(new StreamRecord<>(SUCCESS, SUCCESS.eventTime));
            h.processElement(new StreamRecord<>(ATTEMPT, ATTEMPT.eventTime));
            assertThat(h.extractOutputValues()).isEmpty();
            assertThat(keysHolding(h)).isEqualTo(1);

            h.processWatermark(new Watermark(SUCCESS.eventTime));
            assertThat(evidence(h.extractOutputValues())).containsExactly("[FAILURE, SUCCESS]");
            assertThat(keysHolding(h)).isZero();
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"heap", "rocksdb"})
    void inArrivalOrderTheSameDeliveryLosesTheAttempt(String backend) throws Exception {
        try (var h = harness(backend, false)) {
            h.open();
            h.processElement(new StreamRecord<>(SUCCESS, SUCCESS.eventTime));
            h.processElement(new StreamRecord<>(ATTEMPT, ATTEMPT.eventTime));
            h.processWatermark(new Watermark(SUCCESS.eventTime));
            assertThat(evidence(h.extractOutputValues())).containsExactly("[SUCCESS]");
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"heap", "rocksdb"})
    void heldEventsSurviveASavepoint(String backend) throws Exception {
        OperatorSubtaskState snapshot;
        try (var h = harness(backend, true)) {
            h.open();
            h.processElement(new StreamRecord<>(SUCCESS, SUCCESS.eventTime));
            h.processElement(new StreamRecord<>(ATTEMPT, ATTEMPT.eventTime));
            snapshot = h.snapshot(1L, 1L);
        }
        try (var h = harness(backend, true)) {
            h.initializeState(snapshot);
            h.open();
            assertThat(keysHolding(h)).isEqualTo(1);
            h.processWatermark(new Watermark(SUCCESS.eventTime));
            assertThat(evidence(h.extractOutputValues())).containsExactly("[FAILURE, SUCCESS]");
            assertThat(keysHolding(h)).isZero();
        }
    }

    /** Records the watermark each event is handled under, as a finding's subject. */
    private static final class WatermarkSeen implements Detector<Finding> {
        @Override public String ruleId() { return "watermark-seen"; }
        @Override public Class<Finding> stateClass() { return Finding.class; }
        @Override public Duration stateTtl() { return Duration.ofDays(1); }
        @Override public boolean accepts(AuditEvent event) { return true; }
        @Override public Finding onEvent(Finding state, AuditEvent event, io.trailhunt.detectors.DetectorContext context) {
            Finding f = new Finding();
            f.ruleId = "watermark-seen";
            f.subject = (context.currentWatermark() - event.eventTime) + "ms after the event";
            context.emit(f);
            return null;
        }
    }

    @org.junit.jupiter.api.Test
    void releasedEventsSeeTimeAtTheirOwnInstantEvenWhenTheWatermarkHasJumpedToTheEnd() throws Exception {
        var h = new KeyedOneInputStreamOperatorTestHarness<>(
                new KeyedProcessOperator<>(new KeyedDetectorsFunction(List.of(new WatermarkSeen()), false, true)), AuditEvent::principalKey, Types.STRING);
        try (h) {
            h.open();
            h.processElement(new StreamRecord<>(SUCCESS, SUCCESS.eventTime));
            h.processElement(new StreamRecord<>(ATTEMPT, ATTEMPT.eventTime));
            h.processWatermark(new Watermark(Long.MAX_VALUE)); // a bounded input ends
            assertThat(h.extractOutputValues()).extracting(f -> f.subject).containsExactly("0ms after the event", "0ms after the event");
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"heap", "rocksdb"})
    void anEventBehindTheWatermarkIsHandledAtOnce(String backend) throws Exception {
        try (var h = harness(backend, true)) {
            h.open();
            h.processWatermark(new Watermark(SUCCESS.eventTime + 60_000));
            h.processElement(new StreamRecord<>(SUCCESS, SUCCESS.eventTime));
            assertThat(evidence(h.extractOutputValues())).containsExactly("[SUCCESS]");
            assertThat(keysHolding(h)).isZero();
        }
    }
}
