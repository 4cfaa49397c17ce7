package io.trailhunt.cep;

import io.trailhunt.events.model.AuditEvent;

import java.io.Serializable;

/**
 * For patterns that run without a skip strategy (so a match is never held back behind an
 * unrelated partial match): when one event completes several partial matches of the same story
 * (with and without an optional first step), Flink hands them over one after the other in one
 * call, earliest start first. This keeps the first and drops the rest. No state is needed: the
 * twins never span two calls.
 */
public final class OncePerEvent implements Serializable {
    private static final long serialVersionUID = 1L;

    private transient String lastKey;

    /** True for the first match ending on this event (of this principal), false for its twins. */
    public boolean first(AuditEvent ending) {
        String key = ending.principalKey() + "\n" + ending.eventId + "@" + ending.eventTime;
        if (key.equals(lastKey)) {
            return false;
        }
        lastKey = key;
        return true;
    }
}
