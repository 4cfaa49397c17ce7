package io.trailhunt.cep;

import io.trailhunt.cep.state.IndexedCepOperator;
import io.trailhunt.events.model.AuditEvent;
import io.trailhunt.events.model.Finding;
import org.apache.flink.api.common.typeutils.TypeSerializer;
import org.apache.flink.cep.functions.PatternProcessFunction;
import org.apache.flink.cep.functions.TimedOutPartialMatchHandler;
import org.apache.flink.cep.nfa.compiler.NFACompiler;
import org.apache.flink.cep.pattern.Pattern;
import org.apache.flink.util.OutputTag;

/**
 * A pattern's CEP operator, built as {@code CEP.pattern(stream, pattern, new StepOrder(p)).inEventTime()
 * .sideOutputLateData(late).process(p.process())} builds Flink's (same NFA, comparator, skip strategy
 * and function), as an {@link IndexedCepOperator}. The job and the tests build it here.
 */
public final class CepOperators {
    private CepOperators() {}

    public static IndexedCepOperator<AuditEvent, String, Finding> of(SequencePattern p, TypeSerializer<AuditEvent> events, OutputTag<AuditEvent> late) {
        Pattern<AuditEvent, ?> pattern = p.pattern();
        PatternProcessFunction<AuditEvent, Finding> function = p.process();
        return new IndexedCepOperator<>(
                events,
                false,
                NFACompiler.compileFactory(pattern, function instanceof TimedOutPartialMatchHandler),
                new StepOrder(p),
                pattern.getAfterMatchSkipStrategy(),
                function,
                late);
    }
}
