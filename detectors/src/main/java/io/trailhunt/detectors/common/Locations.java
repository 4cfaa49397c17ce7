package io.trailhunt.detectors.common;

import io.trailhunt.events.model.AuditEvent;
import io.trailhunt.events.model.Geo;

/**
 * Where an event came from, for rules that compare places. {@code geo} comes first: GeoIP's answer,
 * except for Entra sign-ins, where the enrichment keeps Entra's own location there (Entra saw the
 * sign-in) and adds GeoIP's anonymizer flags (the network is {@link AuditEvent#asn()}). Without enrichment, Entra's location is
 * only in {@code providerGeo}, and used from there; it never supplies anonymizer flags or an accuracy radius, which Entra does not give.
 */
public final class Locations {
    private Locations() {}

    public static String country(AuditEvent e) {
        if (e.geo != null && e.geo.countryIso != null) {
            return e.geo.countryIso;
        }
        return e.providerGeo != null ? e.providerGeo.countryIso : null;
    }

    /** The Geo with coordinates to use for distances, or null when neither source has any. */
    public static Geo located(AuditEvent e) {
        if (e.geo != null && e.geo.hasCoordinates()) {
            return e.geo;
        }
        if (e.providerGeo != null && e.providerGeo.hasCoordinates()) {
            return e.providerGeo;
        }
        return null;
    }

    /** True when GeoIP flags the source as an anonymizer (Tor, VPN, proxy): its place is not the caller's. */
    public static boolean anonymized(AuditEvent e) {
        return e.geo != null && e.geo.anyAnonymizer();
    }

    /** "Changchun, CN", "CN", or the address when nothing else is known. */
    public static String describe(String city, String countryIso, String fallback) {
        if (city != null && countryIso != null) {
            return city + ", " + countryIso;
        }
        if (countryIso != null) {
            return countryIso;
        }
        return city != null ? city : fallback;
    }
}
