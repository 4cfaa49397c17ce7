package io.trailhunt.detectors.travel;

import io.trailhunt.detectors.common.Locations;
import io.trailhunt.events.model.AuditEvent;
import io.trailhunt.events.model.Evidence;
import io.trailhunt.events.model.Geo;

/**
 * Where and when a principal last acted, with just enough of the event to show it as evidence.
 * A copy: the event it came from is reused by Flink after the call.
 */
public class Place {
    public String eventId;
    public long eventTime;
    public String service;
    public String action;
    public String sourceIp;
    public String countryIso;
    public String city;
    public double latitude;
    public double longitude;
    /** The database's accuracy radius; 0 when it gave none (Entra's own locations). */
    public int accuracyKm;
    public Long asn;
    public String asOrg;
    /** Why this place is weak evidence of where the principal is ("tor-exit", "hosting-provider", ...), or null. */
    public String weakBecause;

    public Place() {}

    static Place of(AuditEvent e, Geo g, String weakBecause) {
        Place p = new Place();
        p.eventId = e.eventId;
        p.eventTime = e.eventTime;
        p.service = e.service;
        p.action = e.action;
        p.sourceIp = e.sourceIp;
        p.countryIso = g.countryIso;
        p.city = g.city;
        p.latitude = g.latitude;
        p.longitude = g.longitude;
        p.accuracyKm = g.accuracyRadiusKm == null ? 0 : Math.max(0, g.accuracyRadiusKm);
        p.asn = g.asn;
        p.asOrg = g.asOrg;
        p.weakBecause = weakBecause;
        return p;
    }

    /** Same spot as far as travel is concerned: same coordinates, radius and weakness. */
    boolean sameSpot(Place o) {
        return latitude == o.latitude && longitude == o.longitude && accuracyKm == o.accuracyKm
                && java.util.Objects.equals(weakBecause, o.weakBecause);
    }

    String describe() {
        return Locations.describe(city, countryIso, String.format(java.util.Locale.ROOT, "%.2f,%.2f", latitude, longitude));
    }

    Evidence evidence() {
        Evidence ev = new Evidence();
        ev.eventId = eventId;
        ev.eventTime = eventTime;
        ev.service = service;
        ev.action = action;
        ev.outcome = io.trailhunt.events.model.Outcome.SUCCESS;
        ev.sourceIp = sourceIp;
        ev.countryIso = countryIso;
        ev.city = city;
        ev.latitude = latitude;
        ev.longitude = longitude;
        ev.asn = asn;
        ev.asOrg = asOrg;
        return ev;
    }
}
