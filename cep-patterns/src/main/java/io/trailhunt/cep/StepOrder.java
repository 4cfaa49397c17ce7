package io.trailhunt.cep;

import io.trailhunt.events.model.AuditEvent;
import org.apache.flink.cep.EventComparator;

/**
 * Orders events that share a timestamp: by their place in the story, then by event id. The NFA
 * sees them in this order whatever order they arrived in, so a replay in another order finds the
 * same matches.
 */
public final class StepOrder implements EventComparator<AuditEvent> {
    private static final long serialVersionUID = 1L;

    private final SequencePattern pattern;

    public StepOrder(SequencePattern pattern) {
        this.pattern = pattern;
    }

    @Override
    public int compare(AuditEvent a, AuditEvent b) {
        int c = Integer.compare(pattern.stepOrder(a), pattern.stepOrder(b));
        if (c != 0) {
            return c;
        }
        String x = a.eventId == null ? "" : a.eventId;
        String y = b.eventId == null ? "" : b.eventId;
        return x.compareTo(y);
    }
}
