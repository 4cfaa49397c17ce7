package io.trailhunt.cep;

import io.trailhunt.events.model.AuditEvent;
import io.trailhunt.events.model.Finding;
import org.apache.flink.api.common.ExecutionConfig;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.api.java.functions.KeySelector;
import org.apache.flink.cep.operator.CepOperator;
import org.apache.flink.contrib.streaming.state.EmbeddedRocksDBStateBackend;
import org.apache.flink.runtime.checkpoint.OperatorSubtaskState;
import org.apache.flink.runtime.state.StateBackend;
import org.apache.flink.runtime.state.hashmap.HashMapStateBackend;
import org.apache.flink.streaming.api.functions.KeyedProcessFunction;
import org.apache.flink.streaming.api.operators.KeyedProcessOperator;
import org.apache.flink.streaming.api.watermark.Watermark;
import org.apache.flink.streaming.runtime.streamrecord.StreamRecord;
import org.apache.flink.streaming.util.KeyedOneInputStreamOperatorTestHarness;
import org.apache.flink.util.OutputTag;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ConcurrentLinkedQueue;

/**
 * A {@link SequencePattern} in Flink's operator test harness, its CEP operator built as the job
 * builds it ({@link CepOperators}), with the pattern's gate in front and its after-function behind when it
 * has them (the after-function keyed by the finding's principal, as in the job). Events go in only
 * when the pattern would let them (its candidate test runs first, and the NFA gets the slim copy,
 * as in the job); time moves only with the watermarks the test sends.
 */
public final class SequenceHarness implements AutoCloseable {
    public static final OutputTag<AuditEvent> LATE = new OutputTag<>("late", TypeInformation.of(AuditEvent.class));

    private final SequencePattern pattern;
    private final KeyedOneInputStreamOperatorTestHarness<String, AuditEvent, Finding> cep;
    private final KeyedOneInputStreamOperatorTestHarness<String, AuditEvent, AuditEvent> gate;
    private final KeyedOneInputStreamOperatorTestHarness<String, Finding, Finding> after;
    private final List<AuditEvent> late = new ArrayList<>();
    private long nfaInputs;

    private SequenceHarness(SequencePattern pattern, StateBackend backend) throws Exception {
        this.pattern = pattern;
        KeySelector<AuditEvent, String> key = pattern::key;
        this.cep = new KeyedOneInputStreamOperatorTestHarness<>(operator(pattern), key, Types.STRING);
        cep.getExecutionConfig().disableGenericTypes();
        cep.getExecutionConfig().enableObjectReuse();
        cep.setStateBackend(backend);
        KeyedProcessFunction<String, AuditEvent, AuditEvent> g = pattern.gate();
        if (g != null) {
            gate = new KeyedOneInputStreamOperatorTestHarness<>(new KeyedProcessOperator<>(g), key, Types.STRING);
            gate.getExecutionConfig().disableGenericTypes();
            gate.setStateBackend(backend);
        } else {
            gate = null;
        }
        KeyedProcessFunction<String, Finding, Finding> a = pattern.after();
        if (a != null) {
            KeySelector<Finding, String> findingKey = Finding::principalKey;
            after = new KeyedOneInputStreamOperatorTestHarness<>(new KeyedProcessOperator<>(a), findingKey, Types.STRING);
            after.getExecutionConfig().disableGenericTypes();
            after.setStateBackend(backend);
        } else {
            after = null;
        }
    }

    public static SequenceHarness of(SequencePattern pattern) throws Exception {
        return of(pattern, "heap");
    }

    public static SequenceHarness of(SequencePattern pattern, String backend) throws Exception {
        SequenceHarness h = new SequenceHarness(pattern, backend(backend));
        h.open(null, null, null);
        return h;
    }

    /** Restores a pattern (possibly a new instance with the same settings) from a snapshot taken by {@link #snapshot}. */
    public static SequenceHarness restore(SequencePattern pattern, String backend, Snapshot snapshot) throws Exception {
        SequenceHarness h = new SequenceHarness(pattern, backend(backend));
        h.open(snapshot.cep, snapshot.gate, snapshot.after);
        return h;
    }

    private void open(OperatorSubtaskState cepState, OperatorSubtaskState gateState, OperatorSubtaskState afterState) throws Exception {
        if (cepState != null) {
            cep.initializeState(cepState);
        }
        cep.open();
        if (gate != null) {
            if (gateState != null) {
                gate.initializeState(gateState);
            }
            gate.open();
        }
        if (after != null) {
            if (afterState != null) {
                after.initializeState(afterState);
            }
            after.open();
        }
    }

    public static StateBackend backend(String name) {
        return name.equals("rocksdb") ? new EmbeddedRocksDBStateBackend() : new HashMapStateBackend();
    }

    static CepOperator<AuditEvent, String, Finding> operator(SequencePattern p) {
        ExecutionConfig config = new ExecutionConfig();
        config.disableGenericTypes();
        return CepOperators.of(p, TypeInformation.of(AuditEvent.class).createSerializer(config.getSerializerConfig()), LATE);
    }

    /** Sends the events, in the order given, if the pattern's candidate test accepts them. */
    public SequenceHarness send(AuditEvent... events) throws Exception {
        for (AuditEvent e : events) {
            if (!pattern.isCandidate(e)) {
                continue;
            }
            AuditEvent slim = pattern.slim(e);
            if (gate == null) {
                nfaInputs++;
                cep.processElement(new StreamRecord<>(slim, slim.eventTime));
            } else {
                gate.processElement(new StreamRecord<>(slim, slim.eventTime));
                forwardFromGate();
            }
        }
        return this;
    }

    /**
     * Sends the events in the order given, with the watermark trailing the newest event time by
     * {@code boundMillis} as the job's watermarks do, then closes the stream (watermark MAX).
     */
    public List<Finding> replay(long boundMillis, AuditEvent... events) throws Exception {
        long newest = Long.MIN_VALUE;
        for (AuditEvent e : events) {
            send(e);
            if (e.eventTime > newest) {
                newest = e.eventTime;
                watermark(newest - boundMillis - 1);
            }
        }
        watermark(Long.MAX_VALUE);
        return findings();
    }

    public SequenceHarness watermark(long time) throws Exception {
        if (gate != null) {
            gate.processWatermark(new Watermark(time));
            forwardFromGate();
        }
        cep.processWatermark(new Watermark(time));
        collectLate();
        if (after != null) {
            forwardToAfter();
            after.processWatermark(new Watermark(time));
        }
        return this;
    }

    private void forwardFromGate() throws Exception {
        for (AuditEvent e : gate.extractOutputValues()) {
            nfaInputs++;
            cep.processElement(new StreamRecord<>(e, e.eventTime));
        }
        gate.getOutput().clear();
        collectLate();
    }

    private void collectLate() {
        ConcurrentLinkedQueue<StreamRecord<AuditEvent>> side = cep.getSideOutput(LATE);
        if (side != null) {
            side.forEach(r -> late.add(r.getValue()));
            side.clear();
        }
    }

    /** The NFA's findings, with the time they were matched at, go on to the after-function. */
    private void forwardToAfter() throws Exception {
        for (StreamRecord<? extends Finding> r : cep.extractOutputStreamRecords()) {
            after.processElement(new StreamRecord<>(r.getValue(), r.getTimestamp()));
        }
        cep.getOutput().clear();
    }

    /** Findings so far (and forgets them). */
    public List<Finding> findings() throws Exception {
        if (after == null) {
            List<Finding> out = new ArrayList<>(cep.extractOutputValues());
            cep.getOutput().clear();
            return out;
        }
        forwardToAfter();
        List<Finding> out = new ArrayList<>(after.extractOutputValues());
        after.getOutput().clear();
        return out;
    }

    /** How many events reached the NFA (after the candidate test and the gate). */
    public long nfaInputs() {
        return nfaInputs;
    }

    public List<AuditEvent> late() {
        return late;
    }

    public KeyedOneInputStreamOperatorTestHarness<String, AuditEvent, Finding> cep() {
        return cep;
    }

    public KeyedOneInputStreamOperatorTestHarness<String, AuditEvent, AuditEvent> gateHarness() {
        return gate;
    }

    public KeyedOneInputStreamOperatorTestHarness<String, Finding, Finding> afterHarness() {
        return after;
    }

    public Snapshot snapshot(long id) throws Exception {
        if (after != null) {
            forwardToAfter(); // what the NFA emitted before the barrier has reached the after-function
        }
        return new Snapshot(cep.snapshot(id, id), gate == null ? null : gate.snapshot(id, id), after == null ? null : after.snapshot(id, id));
    }

    @Override
    public void close() throws Exception {
        cep.close();
        if (gate != null) {
            gate.close();
        }
        if (after != null) {
            after.close();
        }
    }

    /** The operator states of one snapshot. */
    public record Snapshot(OperatorSubtaskState cep, OperatorSubtaskState gate, OperatorSubtaskState after) {}
}
