package io.trailhunt.detectors.host;

import io.trailhunt.detectors.Detector;
import io.trailhunt.detectors.tampering.LogTamperingDetector;
import io.trailhunt.detectors.tampering.LogTamperingSettings;
import io.trailhunt.detectors.tampering.LogTamperingState;
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
import org.apache.flink.types.PojoTestUtils;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.List;
import java.util.stream.Collectors;

import static io.trailhunt.events.testing.EventBuilder.aws;
import static org.assertj.core.api.Assertions.assertThat;

/** The Flink host of keyed detectors, in event time, on both state backends, across snapshot and restore. */
class KeyedDetectorsFunctionTest {
    private static final Duration WINDOW = Duration.ofHours(24);

    private static KeyedOneInputStreamOperatorTestHarness<String, AuditEvent, Finding> harness(StateBackend backend) throws Exception {
        List<Detector<?>> detectors = List.of(new LogTamperingDetector(LogTamperingSettings.defaults()));
        KeyedOneInputStreamOperatorTestHarness<String, AuditEvent, Finding> h = new KeyedOneInputStreamOperatorTestHarness<>(
                new KeyedProcessOperator<>(new KeyedDetectorsFunction(detectors)), AuditEvent::principalKey, Types.STRING);
        h.getExecutionConfig().disableGenericTypes();
        h.setStateBackend(backend);
        return h;
    }

    private static StateBackend backend(String name) {
        return name.equals("rocksdb") ? new EmbeddedRocksDBStateBackend() : new HashMapStateBackend();
    }

    /** Works on both backends (the harness's own count does not support RocksDB). */
    private static long keysWithState(KeyedOneInputStreamOperatorTestHarness<String, AuditEvent, Finding> h) {
        try (var keys = h.getOperator().getKeyedStateBackend()
                .getKeys(KeyedDetectorsFunction.stateName(LogTamperingDetector.RULE_ID), VoidNamespace.INSTANCE)) {
            return keys.count();
        }
    }

    @Test
    void detectorStateIsAPojo() {
        PojoTestUtils.assertSerializedAsPojoWithoutKryo(LogTamperingState.class);
    }

    @ParameterizedTest
    @ValueSource(strings = {"heap", "rocksdb"})
    void aFailedAttemptBeforeASavepointIsEvidenceAfterTheRestore(String backend) throws Exception {
        AuditEvent attempt = aws("cloudtrail.amazonaws.com", "StopLogging").after(Duration.ofMinutes(1)).failed("AccessDenied").build();
        OperatorSubtaskState snapshot;
        try (var h = harness(backend(backend))) {
            h.open();
            h.processElement(new StreamRecord<>(attempt, attempt.eventTime));
            h.processWatermark(new Watermark(attempt.eventTime));
            assertThat(h.extractOutputValues()).isEmpty();
            snapshot = h.snapshot(1L, 1L);
        }
        AuditEvent success = aws("cloudtrail.amazonaws.com", "StopLogging").after(Duration.ofMinutes(3)).build();
        try (var h = harness(backend(backend))) {
            h.initializeState(snapshot);
            h.open();
            h.processElement(new StreamRecord<>(success, success.eventTime));

            List<Finding> out = h.extractOutputValues();
            assertThat(out).hasSize(1);
            assertThat(out.get(0).evidence.stream().map(e -> e.eventId).collect(Collectors.toList()))
                    .containsExactly(attempt.eventId, success.eventId);
            assertThat(keysWithState(h)).isZero();
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"heap", "rocksdb"})
    void theTimerClearsStateWhenTheWindowHasPassed(String backend) throws Exception {
        AuditEvent attempt = aws("cloudtrail.amazonaws.com", "DeleteTrail").failed("AccessDenied").build();
        try (var h = harness(backend(backend))) {
            h.open();
            h.processElement(new StreamRecord<>(attempt, attempt.eventTime));
            assertThat(keysWithState(h)).isEqualTo(1);
            assertThat(h.numEventTimeTimers()).isEqualTo(1);

            h.processWatermark(new Watermark(attempt.eventTime + WINDOW.toMillis() - 1));
            assertThat(keysWithState(h)).isEqualTo(1);

            h.processWatermark(new Watermark(attempt.eventTime + WINDOW.toMillis()));
            assertThat(keysWithState(h)).isZero();
            assertThat(h.numEventTimeTimers()).isZero();
            assertThat(h.extractOutputValues()).isEmpty();
        }
    }

    @Test
    void principalsDoNotShareState() throws Exception {
        AuditEvent bobFails = aws("cloudtrail.amazonaws.com", "StopLogging").principal("arn:aws:iam::111122223333:user/bob").failed("AccessDenied").build();
        AuditEvent aliceStops = aws("cloudtrail.amazonaws.com", "StopLogging").after(Duration.ofMinutes(1)).build();
        try (var h = harness(new HashMapStateBackend())) {
            h.open();
            h.processElement(new StreamRecord<>(bobFails, bobFails.eventTime));
            h.processElement(new StreamRecord<>(aliceStops, aliceStops.eventTime));
            List<Finding> out = h.extractOutputValues();
            assertThat(out).hasSize(1);
            assertThat(out.get(0).principal).isEqualTo("arn:aws:iam::111122223333:user/alice");
            assertThat(out.get(0).evidence).hasSize(1);
            assertThat(keysWithState(h)).isEqualTo(1); // bob's attempt is still remembered
        }
    }
}
