package io.trailhunt.job.graph;

import io.trailhunt.cep.CepOperators;
import io.trailhunt.cep.SequencePattern;
import io.trailhunt.events.model.AuditEvent;
import io.trailhunt.events.model.DeadLetter;
import io.trailhunt.events.model.Finding;
import org.apache.flink.api.common.functions.FlatMapFunction;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.api.common.typeutils.TypeSerializer;
import org.apache.flink.api.java.functions.KeySelector;
import org.apache.flink.streaming.api.datastream.DataStream;
import org.apache.flink.streaming.api.datastream.DataStreamUtils;
import org.apache.flink.streaming.api.datastream.KeyedStream;
import org.apache.flink.streaming.api.datastream.SingleOutputStreamOperator;
import org.apache.flink.util.Collector;
import org.apache.flink.util.OutputTag;

import java.util.List;

/**
 * The sequence rules' part of the graph. Per pattern:
 * <pre>
 * events → candidates (stateless filter and slim copy, chained to the split) → keyBy(pattern key) [→ gate]
 *   → CEP in event time ({@link CepOperators}), same-second events in story order → findings [→ keyBy(principal) → after]
 *                                                         └→ events behind its watermark → dead letters
 * </pre>
 * CEP drops what arrives behind its watermark; here those events go to the dead-letter output as
 * late for that rule, counted, never lost silently.
 */
public final class SequenceStage {
    private static final TypeInformation<AuditEvent> EVENTS = TypeInformation.of(AuditEvent.class);

    private SequenceStage() {}

    /** Findings of every pattern (null when none is enabled) and the events some pattern received late (null likewise). */
    public record Output(DataStream<Finding> findings, DataStream<DeadLetter> late) {}

    public static Output apply(DataStream<AuditEvent> events, List<SequencePattern> patterns, int deadLetterPrefixBytes) {
        DataStream<Finding> findings = null;
        DataStream<DeadLetter> late = null;
        for (SequencePattern p : patterns) {
            String uid = Uids.cep(p.name());
            KeySelector<AuditEvent, String> key = new PatternKey(p);
            KeyedStream<AuditEvent, String> keyed = events
                    .flatMap(new Candidates(p), EVENTS).uid(uid + "-candidates").name("Candidates: " + p.name())
                    .keyBy(key);
            if (p.gate() != null) {
                keyed = DataStreamUtils.reinterpretAsKeyedStream(
                        keyed.process(p.gate()).uid(uid + "-gate").name("Gate: " + p.name()), key, Types.STRING);
            }
            OutputTag<AuditEvent> lateTag = new OutputTag<>("late-" + p.name(), EVENTS);
            TypeSerializer<AuditEvent> serializer = EVENTS.createSerializer(keyed.getExecutionConfig().getSerializerConfig());
            SingleOutputStreamOperator<Finding> matched = keyed
                    .transform("CEP: " + p.name(), TypeInformation.of(Finding.class), CepOperators.of(p, serializer, lateTag))
                    .uid(uid);
            DataStream<Finding> told = matched;
            if (p.after() != null) {
                told = matched.keyBy(new FindingKey())
                        .process(p.after(), TypeInformation.of(Finding.class)).uid(uid + "-once").name("Once per story: " + p.name());
            }
            DataStream<DeadLetter> lateLetters = matched.getSideOutput(lateTag)
                    .map(new LateForSequence(p.name(), deadLetterPrefixBytes)).uid(uid + "-late").name("Late for " + p.name());
            findings = findings == null ? told : findings.union(told);
            late = late == null ? lateLetters : late.union(lateLetters);
        }
        return new Output(findings, late);
    }

    /** The pattern's candidate test; a candidate goes on as the pattern's slim copy. */
    static final class Candidates implements FlatMapFunction<AuditEvent, AuditEvent> {
        private static final long serialVersionUID = 1L;
        private final SequencePattern pattern;

        Candidates(SequencePattern pattern) {
            this.pattern = pattern;
        }

        @Override
        public void flatMap(AuditEvent e, Collector<AuditEvent> out) {
            if (pattern.isCandidate(e)) {
                out.collect(pattern.slim(e));
            }
        }
    }

    static final class FindingKey implements KeySelector<Finding, String> {
        private static final long serialVersionUID = 1L;

        @Override
        public String getKey(Finding f) {
            return f.principalKey();
        }
    }

    static final class PatternKey implements KeySelector<AuditEvent, String> {
        private static final long serialVersionUID = 1L;
        private final SequencePattern pattern;

        PatternKey(SequencePattern pattern) {
            this.pattern = pattern;
        }

        @Override
        public String getKey(AuditEvent e) {
            return pattern.key(e);
        }
    }
}
