package io.trailhunt.cep;

import io.trailhunt.events.model.AuditEvent;

import java.io.Serializable;
import java.util.HashSet;
import java.util.Set;

/**
 * For patterns that run without a skip strategy (so a match is never held back behind an
 * unrelated partial match): when one event completes several partial matches of the same story
 * (with and without an optional first step), Flink hands them over in one call, earliest start
 * first, and the earliest is the fullest story. This keeps the first match per deciding event and
 * drops its twins. Twins never span two calls, and every match of one call carries the call's
 * time, so the events seen are forgotten when the time moves on: no state is needed. (Matches
 * reported at a window's end arrive together in one call for several deciding events, possibly
 * interleaved, hence a set rather than the last one.)
 */
public final class OncePerEvent implements Serializable {
    private static final long serialVersionUID = 1L;

    private transient long time = Long.MIN_VALUE;
    private transient Set<String> seen;

    /**
     * True for the first match decided by this event (of this principal) among the matches handed
     * over at {@code callTime} (the CEP context's timestamp), false for its twins.
     */
    public boolean first(AuditEvent deciding, long callTime) {
        if (seen == null || callTime != time) {
            seen = new HashSet<>();
            time = callTime;
        }
        // the call and what it named too: event ids are not always unique (test corpora, some exports)
        return seen.add(deciding.principalKey() + "\n" + deciding.eventId + "@" + deciding.eventTime + "\n" + deciding.action
                + "\n" + deciding.resources);
    }
}
