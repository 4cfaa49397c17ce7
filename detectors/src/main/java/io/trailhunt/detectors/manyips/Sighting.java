package io.trailhunt.detectors.manyips;

import io.trailhunt.events.model.AuditEvent;
import io.trailhunt.events.model.Evidence;
import io.trailhunt.events.model.Outcome;

/** The latest event from one source address of a principal (a copy, small enough to keep dozens). */
public class Sighting {
    public String sourceIp;
    public long lastSeen;
    public String eventId;
    public String service;
    public String action;
    public String countryIso;
    public Long asn;

    public Sighting() {}

    static Sighting of(AuditEvent e) {
        Sighting s = new Sighting();
        s.sourceIp = e.sourceIp;
        s.update(e);
        return s;
    }

    void update(AuditEvent e) {
        lastSeen = e.eventTime;
        eventId = e.eventId;
        service = e.service;
        action = e.action;
        countryIso = e.geo != null ? e.geo.countryIso : e.providerGeo != null ? e.providerGeo.countryIso : null;
        asn = e.geo == null ? null : e.geo.asn;
    }

    Evidence evidence() {
        Evidence ev = new Evidence();
        ev.eventId = eventId;
        ev.eventTime = lastSeen;
        ev.service = service;
        ev.action = action;
        ev.outcome = Outcome.SUCCESS;
        ev.sourceIp = sourceIp;
        ev.countryIso = countryIso;
        ev.asn = asn;
        return ev;
    }
}
