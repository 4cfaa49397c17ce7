package io.trailhunt.detectors.travel;

import io.trailhunt.detectors.RecordingContext;
import io.trailhunt.detectors.TestPlaces;
import io.trailhunt.enrichment.geoip.GeoIpEnricher;
import io.trailhunt.enrichment.geoip.GeoIpSettings;
import io.trailhunt.events.model.AuditEvent;
import io.trailhunt.events.model.Finding;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

import static io.trailhunt.events.testing.EventBuilder.aws;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * The travel scenarios with MaxMind's test addresses looked up in MaxMind's own test databases
 * (the enrichment module's test resources) by the real enricher, not in hand-copied coordinates:
 * London 81.2.69.142, Boxford 2.125.160.216, Changchun 175.16.199.0/24, Linköping 89.160.20.112
 * (GeoIP2-City-Test.source.json in /work/shared/geoip).
 */
class MaxMindTestAddressesTest {
    private static final String LONDON = "81.2.69.142";
    private static final String BOXFORD = "2.125.160.216";
    private static final String CHANGCHUN = "175.16.199.7";
    private static final String LINKOPING = "89.160.20.112";

    @TempDir
    static Path dir;
    /** The City database alone, and with the Anonymous-IP one (which flags 81.2.69.0/24 as a Tor exit, among others). */
    private static GeoIpEnricher cityOnly;
    private static GeoIpEnricher withAnonymousIp;

    private final RecordingContext ctx = new RecordingContext();
    private final ImpossibleTravelDetector detector = new ImpossibleTravelDetector(ImpossibleTravelSettings.defaults());
    private GeoIpEnricher enricher;

    @BeforeAll
    static void openDatabases() throws IOException {
        String city = copy(GeoIpSettings.TEST_CITY_FILE);
        cityOnly = GeoIpEnricher.open(new GeoIpSettings(true, city, null, null, null, 0, Duration.ZERO, true), () -> 0L);
        withAnonymousIp = GeoIpEnricher.open(new GeoIpSettings(true, city, null, null, copy(GeoIpSettings.TEST_ANONYMOUS_IP_FILE), 0,
                Duration.ZERO, true), () -> 0L);
    }

    @AfterAll
    static void closeDatabases() throws IOException {
        cityOnly.close();
        withAnonymousIp.close();
    }

    private void open(boolean anonymousIp) {
        enricher = anonymousIp ? withAnonymousIp : cityOnly;
    }

    /** The databases come in the enrichment module's test-jar; the reader wants files. */
    private static String copy(String file) throws IOException {
        Path target = dir.resolve(file);
        if (!Files.exists(target)) {
            try (InputStream in = MaxMindTestAddressesTest.class.getResourceAsStream("/geoip/" + file)) {
                assertThat(in).as("/geoip/" + file + " from trailhunt-enrichment's test-jar").isNotNull();
                Files.copy(in, target);
            }
        }
        return target.toString();
    }

    private AuditEvent call(Duration after, String ip) {
        AuditEvent e = aws("ec2.amazonaws.com", "DescribeInstances").ip(ip).after(after).build();
        enricher.enrich(e);
        return e;
    }

    private List<Finding> feed(AuditEvent... events) {
        ImpossibleTravelState s = null;
        for (AuditEvent e : events) {
            s = detector.onEvent(s, e, ctx);
        }
        return ctx.findings;
    }

    @Test
    void theDatabasesPlaceTheTestAddressesWhereTheHandCopiedPlacesSay() {
        open(false);
        for (String ip : List.of(LONDON, BOXFORD, TestPlaces.CHANGCHUN_IP, "175.16.199.40", TestPlaces.LINKOPING_IP)) {
            AuditEvent e = call(Duration.ZERO, ip);
            assertThat(e.geo.city).as(ip).isEqualTo(TestPlaces.geo(ip).city);
            assertThat(e.geo.latitude).as(ip).isEqualTo(TestPlaces.geo(ip).latitude);
            assertThat(e.geo.longitude).as(ip).isEqualTo(TestPlaces.geo(ip).longitude);
            assertThat(e.geo.accuracyRadiusKm).as(ip).isEqualTo(TestPlaces.geo(ip).accuracyRadiusKm);
        }
    }

    @Test
    void londonToChangchunInAnHourIsImpossible() {
        open(false);
        List<Finding> out = feed(call(Duration.ZERO, LONDON), call(Duration.ofHours(1), CHANGCHUN));
        assertThat(out).hasSize(1);
        Finding f = out.get(0);
        assertThat(f.severity.id()).isEqualTo("high");
        assertThat(f.subject).isEqualTo("London, GB -> Changchun, CN");
        // 8,182 km, less London's 10 km and Changchun's 100 km of accuracy radius, in an hour.
        assertThat(f.facts).containsEntry("distance_km", "8182").containsEntry("accuracy_allowance_km", "110")
                .containsEntry("speed_kmh", "8072").containsEntry("from_ip", LONDON).containsEntry("to_ip", CHANGCHUN);
    }

    @Test
    void londonToBoxfordIsNot() {
        open(false);
        // 84 km apart, within the 10 + 100 km the databases allow for: no distance is certain.
        assertThat(feed(call(Duration.ZERO, LONDON), call(Duration.ofMinutes(5), BOXFORD))).isEmpty();
    }

    @Test
    void aTorExitBetweenLinkopingAndChangchunDoesNotHideTheTrip() {
        open(true);
        AuditEvent tor = call(Duration.ofMinutes(5), LONDON);
        assertThat(tor.geo.torExitNode).isTrue();
        List<Finding> out = feed(call(Duration.ZERO, LINKOPING), tor, call(Duration.ofMinutes(15), CHANGCHUN));
        assertThat(out).extracting(f -> f.subject + " " + f.severity.id() + " " + f.facts.get("weak_because"))
                .containsExactly("Linköping, SE -> London, GB low tor-exit", "Linköping, SE -> Changchun, CN high null");
    }
}
