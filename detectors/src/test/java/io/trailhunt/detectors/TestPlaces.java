package io.trailhunt.detectors;

import io.trailhunt.events.model.AuditEvent;
import io.trailhunt.events.model.Geo;

/**
 * Locations as MaxMind's test databases give them (GeoIP2-City-Test, GeoLite2-ASN-Test,
 * GeoIP2-Anonymous-IP-Test in /work/shared/geoip), so the travel scenarios are exact.
 */
public final class TestPlaces {
    /** 81.2.69.142: London, GB, accuracy 10 km (no ASN in the test data). */
    public static final String LONDON_IP = "81.2.69.142";
    /** 2.125.160.216: Boxford, GB, accuracy 100 km. */
    public static final String BOXFORD_IP = "2.125.160.216";
    /** 175.16.199.20: Changchun, CN, accuracy 100 km. */
    public static final String CHANGCHUN_IP = "175.16.199.20";
    /** 89.160.20.115: Linköping, SE, accuracy 76 km, AS29518 Bredband2 AB. */
    public static final String LINKOPING_IP = "89.160.20.115";
    /** 216.160.83.58: Milton, US, accuracy 22 km, AS209. */
    public static final String MILTON_IP = "216.160.83.58";
    /** 149.101.100.5: the US centroid, accuracy 1000 km, AS6167 (Verizon Wireless). */
    public static final String US_MOBILE_IP = "149.101.100.5";

    private TestPlaces() {}

    public static Geo geo(String ip) {
        switch (ip) {
            case LONDON_IP:
                return geo("GB", "London", 51.5142, -0.0931, 10, null, null);
            case BOXFORD_IP:
                return geo("GB", "Boxford", 51.75, -1.25, 100, null, null);
            case CHANGCHUN_IP:
            case "175.16.199.40":
                return geo("CN", "Changchun", 43.88, 125.3228, 100, null, null);
            case LINKOPING_IP:
            case "89.160.20.130":
            case "89.160.20.140":
                return geo("SE", "Linköping", 58.4167, 15.6167, 76, 29518L, "Bredband2 AB");
            case MILTON_IP:
                return geo("US", "Milton", 47.2513, -122.3149, 22, 209L, null);
            case US_MOBILE_IP:
                return geo("US", null, 37.751, -97.822, 1000, 6167L, "CELLCO-PART");
            default:
                throw new IllegalArgumentException("no test location for " + ip);
        }
    }

    /** The Anonymous-IP test data flags 81.2.69.0/24 as everything at once. */
    public static Geo torExitLondon() {
        Geo g = geo(LONDON_IP);
        g.anonymous = true;
        g.anonymousVpn = true;
        g.hostingProvider = true;
        g.publicProxy = true;
        g.residentialProxy = true;
        g.torExitNode = true;
        return g;
    }

    public static Geo geo(String country, String city, double lat, double lon, int accuracyKm, Long asn, String asOrg) {
        Geo g = new Geo();
        g.source = Geo.SOURCE_GEOIP;
        g.countryIso = country;
        g.city = city;
        g.latitude = lat;
        g.longitude = lon;
        g.accuracyRadiusKm = accuracyKm;
        g.asn = asn;
        g.asOrg = asOrg;
        return g;
    }

    /** The event, from {@code ip}, located as the test databases locate it. */
    public static AuditEvent at(AuditEvent e, String ip) {
        e.sourceIp = ip;
        e.geo = geo(ip);
        return e;
    }
}
