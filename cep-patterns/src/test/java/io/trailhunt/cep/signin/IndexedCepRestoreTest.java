package io.trailhunt.cep.signin;

import io.trailhunt.cep.CepOperators;
import io.trailhunt.cep.SequenceHarness;
import io.trailhunt.cep.SequencePattern;
import io.trailhunt.cep.StepOrder;
import io.trailhunt.events.model.AuditEvent;
import io.trailhunt.events.model.Finding;
import org.apache.flink.api.common.ExecutionConfig;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.api.common.typeutils.TypeSerializer;
import org.apache.flink.cep.functions.TimedOutPartialMatchHandler;
import org.apache.flink.cep.nfa.compiler.NFACompiler;
import org.apache.flink.cep.operator.CepOperator;
import org.apache.flink.runtime.checkpoint.OperatorSubtaskState;
import org.apache.flink.streaming.api.operators.OneInputStreamOperator;
import org.apache.flink.streaming.api.watermark.Watermark;
import org.apache.flink.streaming.runtime.streamrecord.StreamRecord;
import org.apache.flink.streaming.util.KeyedOneInputStreamOperatorTestHarness;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.util.List;

import static io.trailhunt.cep.signin.SignInEvents.ATTACKER;
import static io.trailhunt.cep.signin.SignInEvents.GRACE;
import static io.trailhunt.cep.signin.SignInEvents.fail;
import static io.trailhunt.cep.signin.SignInEvents.ok;
import static io.trailhunt.cep.signin.SignInEvents.seconds;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * The job's CEP operator (indexed maps) and Flink's own restore each other's state under the same
 * uid: a story half-seen, with a failure still queued for the watermark, is completed after the
 * restore either way.
 */
class IndexedCepRestoreTest {
    private static final SequencePattern RULE = new FailedLoginsThenSuccess(FailedLoginsSettings.defaults());
    private static final AuditEvent F1 = fail(GRACE, 0, ATTACKER);
    private static final AuditEvent F2 = fail(GRACE, 41, ATTACKER);
    private static final AuditEvent F3 = fail(GRACE, 82, ATTACKER);
    private static final AuditEvent OK = ok(GRACE, 300, ATTACKER);

    private static TypeSerializer<AuditEvent> serializer() {
        ExecutionConfig config = new ExecutionConfig();
        config.disableGenericTypes();
        return TypeInformation.of(AuditEvent.class).createSerializer(config.getSerializerConfig());
    }

    private static OneInputStreamOperator<AuditEvent, Finding> operator(String kind) {
        if (kind.equals("indexed")) {
            return CepOperators.of(RULE, serializer(), SequenceHarness.LATE);
        }
        return new CepOperator<>(serializer(), false, NFACompiler.compileFactory(RULE.pattern(), RULE.process() instanceof TimedOutPartialMatchHandler), new StepOrder(RULE),
                RULE.pattern().getAfterMatchSkipStrategy(), RULE.process(), SequenceHarness.LATE);
    }

    private static KeyedOneInputStreamOperatorTestHarness<String, AuditEvent, Finding> harness(String kind, String backend) throws Exception {
        var h = new KeyedOneInputStreamOperatorTestHarness<>(operator(kind), RULE::key, Types.STRING);
        h.getExecutionConfig().disableGenericTypes();
        h.setStateBackend(SequenceHarness.backend(backend));
        return h;
    }

    private static void send(KeyedOneInputStreamOperatorTestHarness<String, AuditEvent, Finding> h, AuditEvent... events) throws Exception {
        for (AuditEvent e : events) {
            AuditEvent slim = RULE.slim(e);
            h.processElement(new StreamRecord<>(slim, slim.eventTime));
        }
    }

    @ParameterizedTest
    @CsvSource({"flink, indexed, rocksdb", "flink, indexed, heap", "indexed, flink, rocksdb", "indexed, indexed, rocksdb"})
    void aStoryHalfSeenBeforeTheRestoreIsFoundAfterIt(String before, String after, String backend) throws Exception {
        OperatorSubtaskState snapshot;
        try (var h = harness(before, backend)) {
            h.open();
            send(h, F1, F2, F3);
            // two failures reach the NFA; the third waits in the event queue for the watermark
            h.processWatermark(new Watermark(seconds(60)));
            assertThat(h.extractOutputValues()).isEmpty();
            snapshot = h.snapshot(1L, 1L);
        }
        try (var h = harness(after, backend)) {
            h.initializeState(snapshot);
            h.open();
            send(h, OK);
            h.processWatermark(new Watermark(Long.MAX_VALUE));
            assertFound(h.extractOutputValues());
        }
    }

    /**
     * Rolled back to Flink's operator and upgraded again: Flink's operator carried the indexes along
     * unread while it changed the queue (the third failure taken out, and with the success arriving
     * then, the success put in; without it the queue is left empty under its old index).
     */
    @ParameterizedTest
    @CsvSource({"rocksdb, true", "rocksdb, false", "heap, true", "heap, false"})
    void indexesCarriedThroughFlinksOperatorAreRebuilt(String backend, boolean successDuringRollback) throws Exception {
        OperatorSubtaskState snapshot;
        try (var h = harness("indexed", backend)) {
            h.open();
            send(h, F1, F2, F3);
            h.processWatermark(new Watermark(seconds(60)));
            snapshot = h.snapshot(1L, 1L);
        }
        try (var h = harness("flink", backend)) {
            h.initializeState(snapshot);
            h.open();
            h.processWatermark(new Watermark(seconds(90)));
            if (successDuringRollback) {
                send(h, OK);
            }
            assertThat(h.extractOutputValues()).isEmpty();
            snapshot = h.snapshot(2L, 2L);
        }
        try (var h = harness("indexed", backend)) {
            h.initializeState(snapshot);
            h.open();
            if (!successDuringRollback) {
                send(h, OK);
            }
            h.processWatermark(new Watermark(Long.MAX_VALUE));
            assertFound(h.extractOutputValues());
        }
    }

    private static void assertFound(List<Finding> out) {
        assertThat(out).hasSize(1);
        assertThat(out.get(0).evidence.stream().map(e -> e.eventId)).containsExactly(F1.eventId, F2.eventId, F3.eventId, OK.eventId);
    }
}
