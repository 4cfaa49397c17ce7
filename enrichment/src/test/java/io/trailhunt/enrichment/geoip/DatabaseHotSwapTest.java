package io.trailhunt.enrichment.geoip;

import io.trailhunt.events.model.AuditEvent;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicLong;

import static io.trailhunt.events.testing.EventBuilder.aws;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Database updates without a restart, in plain Java: the file at the configured path is replaced
 * (written beside it and renamed over it, as geoipupdate does) and the enricher swaps readers at
 * its next check. GeoLite2-City-Test does not know 214.0.0.0/24; GeoIP2-City-Test places it in
 * Singapore.
 */
class DatabaseHotSwapTest {
    private static final String SINGAPORE_IP = "214.0.0.5";
    private static final Duration CHECK = Duration.ofMinutes(1);

    @TempDir
    Path dir;

    private final AtomicLong nanos = new AtomicLong();
    private Path city;
    private GeoIpEnricher enricher;

    @BeforeEach
    void start() throws IOException {
        city = dir.resolve("GeoLite2-City.mmdb");
        Files.write(city, TestDatabases.bytes(TestDatabases.LITE_CITY));
        GeoIpSettings settings = new GeoIpSettings(true, city.toString(), null, null, null, 100, CHECK, false);
        enricher = GeoIpEnricher.open(settings, nanos::get);
    }

    @AfterEach
    void close() throws IOException {
        enricher.close();
    }

    private AuditEvent enrich(String ip) {
        AuditEvent e = aws("s3.amazonaws.com", "GetObject").ip(ip).build();
        enricher.enrich(e);
        return e;
    }

    private void advance(Duration d) {
        nanos.addAndGet(d.toNanos());
    }

    @Test
    void aReplacedFileIsSwappedInAtTheNextCheckAndTheCacheForgotten() {
        assertThat(enrich(SINGAPORE_IP).geo).isNull(); // cached: not found
        assertThat(enrich("81.2.69.142").geo.city).isEqualTo("London");

        TestDatabases.replace(city, TestDatabases.bytes(TestDatabases.CITY));
        advance(CHECK.minusSeconds(1));
        assertThat(enrich(SINGAPORE_IP).geo).as("before the check interval has passed").isNull();
        advance(Duration.ofSeconds(1));
        AuditEvent after = enrich(SINGAPORE_IP);

        assertThat(after.geo.city).isEqualTo("Singapore");
        assertThat(after.geo.countryIso).isEqualTo("SG");
        assertThat(enrich("81.2.69.142").geo.city).isEqualTo("London");
        assertThat(enricher.reloads()).isEqualTo(1);
        assertThat(enricher.reloadFailures()).isZero();
        assertThat(enricher.cacheSize()).isEqualTo(2);
    }

    @Test
    void aCorruptReplacementIsLoggedAndTheOldDatabaseKept() {
        assertThat(enrich("81.2.69.142").geo.city).isEqualTo("London");

        TestDatabases.replace(city, "<html>502 Bad Gateway</html>".getBytes());
        advance(CHECK);
        assertThat(enrich("81.2.69.142").geo.city).isEqualTo("London");
        assertThat(enrich("175.16.199.20").geo.city).isEqualTo("Changchun"); // a real lookup on the old reader
        assertThat(enricher.reloads()).isZero();
        assertThat(enricher.reloadFailures()).isEqualTo(1);

        // The same bad file is not tried again at every check ...
        advance(CHECK);
        enrich("81.2.69.142");
        assertThat(enricher.reloadFailures()).isEqualTo(1);

        // ... a truncated one is refused too, and a good one is then taken.
        byte[] good = TestDatabases.bytes(TestDatabases.CITY);
        TestDatabases.replace(city, java.util.Arrays.copyOf(good, good.length / 2));
        advance(CHECK);
        enrich("81.2.69.142");
        assertThat(enricher.reloadFailures()).isEqualTo(2);
        TestDatabases.replace(city, good);
        advance(CHECK);
        assertThat(enrich(SINGAPORE_IP).geo.city).isEqualTo("Singapore");
        assertThat(enricher.reloads()).isEqualTo(1);
    }

    @Test
    void aDatabaseOfAnotherTypeIsNotSwappedIn() {
        TestDatabases.replace(city, TestDatabases.bytes(TestDatabases.ASN));
        advance(CHECK);
        assertThat(enrich("81.2.69.142").geo.city).isEqualTo("London");
        assertThat(enricher.reloadFailures()).isEqualTo(1);
    }

    @Test
    void aFileThatDisappearsKeepsTheOldDatabaseUntilOneIsBack() throws IOException {
        Files.delete(city);
        advance(CHECK);
        assertThat(enrich("81.2.69.142").geo.city).isEqualTo("London");
        advance(CHECK);
        enrich("81.2.69.142");
        assertThat(enricher.reloadFailures()).isEqualTo(1);

        Files.write(city, TestDatabases.bytes(TestDatabases.CITY));
        advance(CHECK);
        assertThat(enrich(SINGAPORE_IP).geo.city).isEqualTo("Singapore");
        assertThat(enricher.reloads()).isEqualTo(1);
    }

    @Test
    void anUnchangedFileIsNotReopened() {
        for (int i = 0; i < 5; i++) {
            advance(CHECK);
            enrich("81.2.69.142");
        }
        assertThat(enricher.reloads()).isZero();
        assertThat(enricher.checkForUpdates()).isFalse();
    }
}
