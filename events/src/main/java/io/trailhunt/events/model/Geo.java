package io.trailhunt.events.model;

import java.util.Objects;

/**
 * Where an address is and whose network it belongs to. Filled from the provider's own location
 * (Entra sign-ins) by the decoders, or from GeoIP by the enrichment step. Every field may be
 * null: a database that lacks a field leaves it unknown rather than guessing.
 */
public class Geo {
    /** Where this answer came from. */
    public static final String SOURCE_PROVIDER = "provider";

    public static final String SOURCE_GEOIP = "geoip";

    public String source;
    public String countryIso;
    public String country;
    public String region;
    public String city;
    public Double latitude;
    public Double longitude;
    public Integer accuracyRadiusKm;
    public String timeZone;
    public Long asn;
    public String asOrg;
    public boolean anonymous;
    public boolean anonymousVpn;
    public boolean hostingProvider;
    public boolean publicProxy;
    public boolean residentialProxy;
    public boolean torExitNode;

    public Geo() {}

    /** A field-by-field copy: answers shared by a cache are handed out as copies. */
    public Geo copy() {
        Geo g = new Geo();
        g.source = source;
        g.countryIso = countryIso;
        g.country = country;
        g.region = region;
        g.city = city;
        g.latitude = latitude;
        g.longitude = longitude;
        g.accuracyRadiusKm = accuracyRadiusKm;
        g.timeZone = timeZone;
        g.asn = asn;
        g.asOrg = asOrg;
        g.anonymous = anonymous;
        g.anonymousVpn = anonymousVpn;
        g.hostingProvider = hostingProvider;
        g.publicProxy = publicProxy;
        g.residentialProxy = residentialProxy;
        g.torExitNode = torExitNode;
        return g;
    }

    /** Whether this names a place (country, region, city or coordinates), not only a network. */
    public boolean hasPlace() {
        return countryIso != null || country != null || region != null || city != null || hasCoordinates();
    }

    public boolean hasCoordinates() {
        return latitude != null && longitude != null;
    }

    public boolean anyAnonymizer() {
        return anonymous || anonymousVpn || publicProxy || residentialProxy || torExitNode;
    }

    @Override
    public boolean equals(Object o) {
        if (this == o) {
            return true;
        }
        if (!(o instanceof Geo)) {
            return false;
        }
        Geo g = (Geo) o;
        return anonymous == g.anonymous
                && anonymousVpn == g.anonymousVpn
                && hostingProvider == g.hostingProvider
                && publicProxy == g.publicProxy
                && residentialProxy == g.residentialProxy
                && torExitNode == g.torExitNode
                && Objects.equals(source, g.source)
                && Objects.equals(countryIso, g.countryIso)
                && Objects.equals(country, g.country)
                && Objects.equals(region, g.region)
                && Objects.equals(city, g.city)
                && Objects.equals(latitude, g.latitude)
                && Objects.equals(longitude, g.longitude)
                && Objects.equals(accuracyRadiusKm, g.accuracyRadiusKm)
                && Objects.equals(timeZone, g.timeZone)
                && Objects.equals(asn, g.asn)
                && Objects.equals(asOrg, g.asOrg);
    }

    @Override
    public int hashCode() {
        return Objects.hash(countryIso, city, latitude, longitude, asn);
    }

    @Override
    public String toString() {
        return "Geo{" + source + " " + countryIso + "/" + city + " (" + latitude + "," + longitude + ") AS" + asn + " " + asOrg + "}";
    }
}
