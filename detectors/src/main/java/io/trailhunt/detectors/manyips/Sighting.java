package io.trailhunt.detectors.manyips;

import io.trailhunt.events.model.AuditEvent;
import io.trailhunt.events.model.Evidence;
import io.trailhunt.events.model.Outcome;

/**
 * The latest event from one source address of a principal (a copy, small enough to keep dozens).
 * An IPv6 address counts by its /64, as in the first-seen rules: privacy addresses rotate the host
 * part, so one subscriber's prefix is one address here.
 */
public class Sighting {
    /** The latest address (for IPv6, the latest one within the /64). */
    public String sourceIp;
    /** The /64 an IPv6 address counts as ("2001:db8:1:2::/64"); null for IPv4, which counts as itself. */
    public String prefix;
    public long lastSeen;
    public String eventId;
    public String service;
    public String action;
    public String countryIso;
    public Long asn;

    public Sighting() {}

    static Sighting of(AuditEvent e, String counted) {
        Sighting s = new Sighting();
        s.prefix = counted.equals(e.sourceIp) ? null : counted;
        s.update(e);
        return s;
    }

    /** The address as it counts: IPv4 as it is, IPv6 by its /64. */
    String counted() {
        return prefix != null ? prefix : sourceIp;
    }

    void update(AuditEvent e) {
        sourceIp = e.sourceIp;
        lastSeen = e.eventTime;
        eventId = e.eventId;
        service = e.service;
        action = e.action;
        countryIso = e.geo != null ? e.geo.countryIso : e.providerGeo != null ? e.providerGeo.countryIso : null;
        asn = e.asn();
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
