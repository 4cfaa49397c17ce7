package io.trailhunt.bench.engines;

import io.trailhunt.cep.snapshot.SnapshotSteps;
import io.trailhunt.events.model.AuditEvent;

import java.util.List;

/**
 * The columns the other engines' queries read, taken from an {@link AuditEvent} as a table row
 * or a Siddhi event would carry them. Only extraction here: which events are steps of a story is
 * written in each engine's own language (SQL, SiddhiQL), as Trailhunt writes it in Java.
 */
final class FlatEvent {
    static final String[] COLUMNS = {"pkey", "event_id", "category", "action", "outcome", "account", "snapshot", "shared_to"};

    private FlatEvent() {}

    static Object[] columns(AuditEvent e) {
        List<String> added = SnapshotSteps.addedAccounts(e);
        return new Object[] {
            e.principalKey(), e.eventId, e.category == null ? null : e.category.name(), e.action,
            e.outcome == null ? null : e.outcome.name(), e.account, e.resource("snapshotId"), added.isEmpty() ? null : added.get(0)
        };
    }
}
