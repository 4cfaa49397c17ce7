package io.trailhunt.enrichment.geoip;

import io.trailhunt.events.settings.Quantities;
import io.trailhunt.events.settings.Section;
import io.trailhunt.events.settings.SettingsException;

import java.io.Serializable;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * Settings of {@code geoip} (docs/configuration.md).
 *
 * @param enabled false leaves the enrichment step out of the job entirely
 * @param city path of a GeoIP2/GeoLite2 City database (or any compatible .mmdb); null when not set
 * @param country path of a Country database, instead of a City one
 * @param asn path of a GeoLite2 ASN database; optional
 * @param anonymousIp path of a GeoIP2 Anonymous IP database; optional
 * @param cacheSize addresses remembered per subtask (0: no cache)
 * @param reloadCheckInterval how often, in processing time, the files are checked for a
 *     replacement; zero: never
 * @param testDatabases whether the databases are MaxMind's test files bundled for the sample run
 */
public record GeoIpSettings(
        boolean enabled,
        String city,
        String country,
        String asn,
        String anonymousIp,
        int cacheSize,
        Duration reloadCheckInterval,
        boolean testDatabases) implements Serializable {

    public static final String SECTION = "geoip";
    public static final int DEFAULT_CACHE_SIZE = 10_000;
    public static final Duration DEFAULT_RELOAD_CHECK_INTERVAL = Duration.ofMinutes(1);
    public static final int MAX_CACHE_SIZE = 10_000_000;

    /** Files of MaxMind's test databases, as bundled beside the sample data. */
    public static final String TEST_CITY_FILE = "GeoIP2-City-Test.mmdb";
    public static final String TEST_ASN_FILE = "GeoLite2-ASN-Test.mmdb";
    public static final String TEST_ANONYMOUS_IP_FILE = "GeoIP2-Anonymous-IP-Test.mmdb";

    /** How to get real databases; every message about a missing database ends with it. */
    public static final String HOW_TO_GET = "get the free GeoLite2 databases with a MaxMind licence key "
            + "(sign up at https://www.maxmind.com/en/geolite2/signup) and geoipupdate "
            + "(https://github.com/maxmind/geoipupdate, EditionIDs GeoLite2-City GeoLite2-ASN), "
            + "or use any GeoIP2-compatible .mmdb file, and set " + SECTION + ".city to its path";

    public static GeoIpSettings defaults() {
        return new GeoIpSettings(true, null, null, null, null, DEFAULT_CACHE_SIZE, DEFAULT_RELOAD_CHECK_INTERVAL, false);
    }

    /** Reads the section and checks its shape; the files themselves are checked by {@link GeoIpDatabases#verify}. */
    public static GeoIpSettings from(Section s) {
        boolean enabled = s.bool("enabled", true);
        String city = path(s, "city");
        String country = path(s, "country");
        String asn = path(s, "asn");
        String anonymousIp = path(s, "anonymous-ip");
        int cacheSize = s.integer("cache-size", DEFAULT_CACHE_SIZE, 0, MAX_CACHE_SIZE);
        Duration reload = s.duration("reload-check-interval", DEFAULT_RELOAD_CHECK_INTERVAL, Duration.ZERO, Duration.ofDays(7));
        if (city != null && country != null) {
            throw new SettingsException(s.key("country"), "set either " + s.key("city") + " or " + s.key("country")
                    + ", not both: a City database already holds the country");
        }
        if (city == null && country == null && (asn != null || anonymousIp != null)) {
            throw new SettingsException(s.key("city"), "is required when " + s.key(asn != null ? "asn" : "anonymous-ip")
                    + " is set: locations come from a City (or Country) database; " + HOW_TO_GET);
        }
        return new GeoIpSettings(enabled, city, country, asn, anonymousIp, cacheSize, reload, false);
    }

    private static String path(Section s, String key) {
        String p = s.string(key, null);
        if (p != null && p.isBlank()) {
            throw new SettingsException(s.key(key), "is empty: give the path of the .mmdb file or leave the key out");
        }
        return p;
    }

    /**
     * MaxMind's test databases in {@code dir} (City, ASN, Anonymous IP), for the bundled sample
     * only: they locate a few hundred test networks, not the Internet.
     */
    public GeoIpSettings withTestDatabases(Path dir) {
        return new GeoIpSettings(enabled, dir.resolve(TEST_CITY_FILE).toString(), null, dir.resolve(TEST_ASN_FILE).toString(),
                dir.resolve(TEST_ANONYMOUS_IP_FILE).toString(), cacheSize, reloadCheckInterval, true);
    }

    public GeoIpSettings withEnabled(boolean on) {
        return new GeoIpSettings(on, city, country, asn, anonymousIp, cacheSize, reloadCheckInterval, testDatabases);
    }

    /** Whether any database is configured: without one, addresses are classified but not looked up. */
    public boolean hasDatabases() {
        return city != null || country != null;
    }

    /** The configured databases, each with its key, in lookup order. */
    public List<ConfiguredDatabase> databases() {
        List<ConfiguredDatabase> out = new ArrayList<>();
        if (city != null) {
            out.add(new ConfiguredDatabase(DatabaseKind.CITY, Path.of(city)));
        }
        if (country != null) {
            out.add(new ConfiguredDatabase(DatabaseKind.COUNTRY, Path.of(country)));
        }
        if (asn != null) {
            out.add(new ConfiguredDatabase(DatabaseKind.ASN, Path.of(asn)));
        }
        if (anonymousIp != null) {
            out.add(new ConfiguredDatabase(DatabaseKind.ANONYMOUS_IP, Path.of(anonymousIp)));
        }
        return out;
    }

    /** For start-up messages: {@code cache 10000 addresses per subtask, files checked for updates every 1m}. */
    public String describeCacheAndReload() {
        return "cache " + cacheSize + " addresses per subtask, files checked for updates "
                + (reloadCheckInterval.isZero() ? "never" : "every " + Quantities.format(reloadCheckInterval));
    }

    /** One database file and what it is for. */
    public record ConfiguredDatabase(DatabaseKind kind, Path path) {}
}
