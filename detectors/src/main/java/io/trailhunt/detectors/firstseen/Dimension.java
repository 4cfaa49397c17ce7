package io.trailhunt.detectors.firstseen;

import io.trailhunt.detectors.common.Locations;
import io.trailhunt.detectors.common.Networks;
import io.trailhunt.events.model.AuditEvent;
import io.trailhunt.events.model.Severity;

/**
 * What a first-seen rule remembers about where a principal acts from, from the finest to the
 * coarsest. The severity of a new value rises with coarseness: a new address is common, a new
 * network provider less so, a new country rare.
 */
public enum Dimension {
    SOURCE_IP("new-source-ip", "address", Severity.LOW),
    ASN("new-asn", "network (ASN)", Severity.MEDIUM),
    COUNTRY("new-country", "country", Severity.HIGH);

    private final String ruleId;
    private final String noun;
    private final Severity severity;

    Dimension(String ruleId, String noun, Severity severity) {
        this.ruleId = ruleId;
        this.noun = noun;
        this.severity = severity;
    }

    public String ruleId() {
        return ruleId;
    }

    String noun() {
        return noun;
    }

    Severity severity() {
        return severity;
    }

    /**
     * The event's value in this dimension, or null when unknown. Addresses count only when public,
     * IPv6 ones by their /64 (a subscriber's prefix; the host part changes daily with privacy addresses);
     * ASN and country come from GeoIP (country also from Entra's own location).
     */
    String valueOf(AuditEvent e, AsnNames asnNames) {
        switch (this) {
            case SOURCE_IP:
                return Networks.isPublic(e.sourceIp) ? Networks.subscriber(e.sourceIp) : null;
            case ASN:
                Long asn = e.asn();
                return asn == null ? null : asnNames.of(asn);
            default:
                return Locations.country(e);
        }
    }

    /** The map of a state that holds this dimension's values when it is a coarser one. */
    java.util.Map<String, Long> coarserMap(FirstSeenState s) {
        return this == ASN ? s.asns : s.countries;
    }
}
