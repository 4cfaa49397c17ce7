package io.trailhunt.enrichment.geoip;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;

/** MaxMind's test databases (src/test/resources/geoip, with their licences). */
final class TestDatabases {
    static final String CITY = "GeoIP2-City-Test.mmdb";
    static final String LITE_CITY = "GeoLite2-City-Test.mmdb";
    static final String COUNTRY = "GeoIP2-Country-Test.mmdb";
    static final String ASN = "GeoLite2-ASN-Test.mmdb";
    static final String ANONYMOUS_IP = "GeoIP2-Anonymous-IP-Test.mmdb";

    private TestDatabases() {}

    static Path path(String file) {
        try {
            return Path.of(TestDatabases.class.getResource("/geoip/" + file).toURI());
        } catch (URISyntaxException e) {
            throw new IllegalStateException(e);
        }
    }

    /** City, ASN and Anonymous IP, the set bundled for the sample run. */
    static GeoIpSettings all() {
        return GeoIpSettings.defaults().withTestDatabases(path(CITY).getParent());
    }

    static GeoIpSettings settings(String city, String country, String asn, String anonymousIp, int cacheSize) {
        return new GeoIpSettings(true, city, country, asn, anonymousIp, cacheSize, GeoIpSettings.DEFAULT_RELOAD_CHECK_INTERVAL, false);
    }

    /** Puts a new file at {@code target} the way geoipupdate does: written beside it, renamed over it. */
    static void replace(Path target, byte[] content) {
        try {
            Path tmp = target.resolveSibling(target.getFileName() + ".tmp");
            Files.write(tmp, content);
            Files.move(tmp, target, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static byte[] bytes(String file) {
        try {
            return Files.readAllBytes(path(file));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
