package io.trailhunt.cep;

import io.trailhunt.events.model.AuditEvent;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;

/** Read access to one match (or window-end partial match): the events of each step. */
public final class Match {
    private final Map<String, List<AuditEvent>> steps;

    public Match(Map<String, List<AuditEvent>> steps) {
        this.steps = steps;
    }

    public List<AuditEvent> all(String step) {
        List<AuditEvent> events = steps.get(step);
        return events == null ? List.of() : events;
    }

    public AuditEvent first(String step) {
        List<AuditEvent> events = all(step);
        return events.isEmpty() ? null : events.get(0);
    }

    public AuditEvent last(String step) {
        List<AuditEvent> events = all(step);
        return events.isEmpty() ? null : events.get(events.size() - 1);
    }

    public boolean has(String step) {
        return !all(step).isEmpty();
    }

    /** Every event of the match in time order. */
    public List<AuditEvent> events() {
        List<AuditEvent> out = new ArrayList<>();
        steps.values().forEach(out::addAll);
        out.sort(Comparator.comparingLong((AuditEvent e) -> e.eventTime));
        return out;
    }

    /** The event the match ended on: the latest in time. */
    public AuditEvent lastEvent() {
        List<AuditEvent> events = events();
        return events.get(events.size() - 1);
    }
}
