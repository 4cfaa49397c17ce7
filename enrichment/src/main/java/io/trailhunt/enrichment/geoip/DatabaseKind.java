package io.trailhunt.enrichment.geoip;

import com.maxmind.geoip2.DatabaseReader;
import com.maxmind.geoip2.exception.GeoIp2Exception;

import java.io.IOException;
import java.net.InetAddress;

/** The four kinds of database the enrichment reads, with their configuration keys. */
public enum DatabaseKind {
    CITY("city", "location (city)"),
    COUNTRY("country", "location (country)"),
    ASN("asn", "ASN"),
    ANONYMOUS_IP("anonymous-ip", "anonymizer flags");

    /** Any IPv4 address: the probe is about the database's type, not the answer. */
    private static final byte[] PROBE = {1, 1, 1, 1};

    private final String key;
    private final String provides;

    DatabaseKind(String key, String provides) {
        this.key = key;
        this.provides = provides;
    }

    /** The key under {@code geoip}. */
    public String key() {
        return key;
    }

    public String settingsKey() {
        return GeoIpSettings.SECTION + "." + key;
    }

    /** What this kind of database adds to an event, for start-up messages. */
    public String provides() {
        return provides;
    }

    /**
     * Makes one lookup of this kind, so a database of another type (an ASN file given as the City
     * database) or one whose search tree is broken fails now rather than on the first event.
     *
     * @throws UnsupportedOperationException when the database is of another type
     */
    void probe(DatabaseReader reader) throws IOException {
        InetAddress a = InetAddress.getByAddress(PROBE);
        try {
            switch (this) {
                case CITY -> reader.tryCity(a);
                case COUNTRY -> reader.tryCountry(a);
                case ASN -> reader.tryAsn(a);
                case ANONYMOUS_IP -> reader.tryAnonymousIp(a);
                default -> throw new IllegalStateException(name());
            }
        } catch (GeoIp2Exception e) {
            throw new IOException(e.getMessage(), e);
        }
    }
}
