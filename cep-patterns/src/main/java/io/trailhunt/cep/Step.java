package io.trailhunt.cep;

import io.trailhunt.events.model.AuditEvent;
import org.apache.flink.cep.pattern.conditions.IterativeCondition;

import java.io.Serializable;
import java.util.ArrayList;
import java.util.List;

/**
 * A pattern condition written as a lambda: the event, and the events this partial match has
 * taken so far (empty lists for steps not taken), so a step can be linked to earlier ones.
 */
public final class Step extends IterativeCondition<AuditEvent> {
    private static final long serialVersionUID = 1L;

    /** The test itself. */
    @FunctionalInterface
    public interface Test extends Serializable {
        boolean test(AuditEvent event, Taken taken) throws Exception;
    }

    /** Read access to the events a partial match has taken, by step name. */
    @FunctionalInterface
    public interface Taken {
        List<AuditEvent> of(String step) throws Exception;

        /** The first event taken for the step, or null. */
        default AuditEvent first(String step) throws Exception {
            List<AuditEvent> events = of(step);
            return events.isEmpty() ? null : events.get(0);
        }
    }

    private final Test test;

    private Step(Test test) {
        this.test = test;
    }

    public static Step where(Test test) {
        return new Step(test);
    }

    @Override
    public boolean filter(AuditEvent event, Context<AuditEvent> ctx) throws Exception {
        return test.test(event, step -> {
            List<AuditEvent> out = new ArrayList<>();
            for (AuditEvent e : ctx.getEventsForPattern(step)) {
                out.add(e);
            }
            return out;
        });
    }
}
