package io.trailhunt.detectors.manyips;

import io.trailhunt.detectors.RecordingContext;
import io.trailhunt.detectors.common.Timers;
import io.trailhunt.detectors.common.AllowRules;
import io.trailhunt.events.model.AuditEvent;
import io.trailhunt.events.model.Finding;
import io.trailhunt.events.model.Severity;
import io.trailhunt.events.settings.Cidr;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.List;

import static io.trailhunt.detectors.TestPlaces.geo;
import static io.trailhunt.events.testing.EventBuilder.BEGINNING;
import static io.trailhunt.events.testing.EventBuilder.gcp;
import static org.assertj.core.api.Assertions.assertThat;

class ManySourceIpsDetectorTest {
    private final RecordingContext ctx = new RecordingContext();
    private final ManySourceIpsDetector detector = new ManySourceIpsDetector(ManySourceIpsSettings.defaults());

    private static AuditEvent read(Duration after, String ip) {
        return gcp("storage.googleapis.com", "storage.objects.get").principal("etl@acme-prod.iam.gserviceaccount.com").ip(ip).after(after).build();
    }

    private ManySourceIpsState feed(ManySourceIpsState s, AuditEvent e) {
        assertThat(detector.accepts(e)).isTrue();
        return detector.onEvent(s, e, ctx);
    }

    @Test
    void elevenAddressesInADayIsOneFinding() {
        ManySourceIpsState s = null;
        for (int i = 0; i < 10; i++) {
            s = feed(s, read(Duration.ofHours(i), "198.51.100." + i));
            s = feed(s, read(Duration.ofHours(i).plusMinutes(1), "198.51.100." + i)); // the same address again
        }
        assertThat(ctx.findings).isEmpty();
        AuditEvent eleventh = read(Duration.ofHours(23), "203.0.113.7");
        s = feed(s, eleventh);
        assertThat(ctx.findings).hasSize(1);
        Finding f = ctx.findings.get(0);
        assertThat(f.ruleId).isEqualTo("many-source-ips");
        assertThat(f.severity).isEqualTo(Severity.MEDIUM);
        assertThat(f.title).isEqualTo("11 source addresses within 1d");
        assertThat(f.facts).containsEntry("distinct_addresses", "11").containsEntry("max_addresses", "10").containsEntry("window", "1d");
        assertThat(f.evidence).hasSize(11);
        assertThat(f.evidence.get(10).eventId).isEqualTo(eleventh.eventId);
        assertThat(f.sourceIps).hasSize(11).startsWith("198.51.100.0").endsWith("203.0.113.7");
        // A known address's repeat within five minutes is not recorded: the first call stands for it.
        assertThat(f.firstSeen).isEqualTo(BEGINNING.toEpochMilli());

        // A twelfth address on the same day adds nothing: one finding per window.
        feed(s, read(Duration.ofHours(23).plusMinutes(5), "203.0.113.8"));
        assertThat(ctx.findings).hasSize(1);
    }

    @Test
    void addressesSpreadOverMoreThanADayAreNot() {
        ManySourceIpsState s = null;
        for (int i = 0; i < 11; i++) {
            s = feed(s, read(Duration.ofHours(i * 3L), "198.51.100." + i));
        }
        assertThat(ctx.findings).isEmpty();
        assertThat(s.sightings).hasSize(8); // by 30 h, those of 0 h, 3 h and 6 h have slid out
    }

    @Test
    void ipv6AddressesCountByTheirSlash64() {
        ManySourceIpsState s = null;
        // One laptop's privacy addresses, a new one every hour: one subscriber, one address.
        for (int i = 0; i < 11; i++) {
            s = feed(s, read(Duration.ofHours(i), "2001:db8:7:1:a1b2:c3d4:e5f6:" + Integer.toHexString(0x10 + i)));
        }
        assertThat(ctx.findings).isEmpty();
        assertThat(s.sightings).singleElement().satisfies(x -> {
            assertThat(x.prefix).isEqualTo("2001:db8:7:1::/64");
            assertThat(x.sourceIp).isEqualTo("2001:db8:7:1:a1b2:c3d4:e5f6:1a"); // the latest address within it
        });

        // Eleven prefixes are eleven addresses; the evidence names the addresses themselves.
        for (int i = 2; i < 12; i++) {
            s = feed(s, read(Duration.ofHours(11).plusMinutes(i), "2001:db8:7:" + i + "::5"));
        }
        assertThat(ctx.findings).hasSize(1);
        assertThat(ctx.findings.get(0).facts).containsEntry("distinct_addresses", "11");
        assertThat(ctx.findings.get(0).sourceIps).hasSize(11).startsWith("2001:db8:7:1:a1b2:c3d4:e5f6:1a").endsWith("2001:db8:7:11::5");
        // IPv4 addresses count as themselves and keep no prefix.
        s = feed(s, read(Duration.ofHours(12), "198.51.100.1"));
        assertThat(s.sightings.get(s.sightings.size() - 1).prefix).isNull();
    }

    @Test
    void threeCountriesMakeItHigh() {
        ManySourceIpsState s = null;
        String[] countries = {"US", "DE", "BR"};
        for (int i = 0; i < 11; i++) {
            AuditEvent e = read(Duration.ofMinutes(i), "198.51.100." + i);
            e.geo = geo(countries[i % 3], null, 0, 0, 100, 64500L + i, null);
            s = feed(s, e);
        }
        assertThat(ctx.findings.get(0).severity).isEqualTo(Severity.HIGH);
        assertThat(ctx.findings.get(0).facts).containsEntry("countries", "BR,DE,US").containsEntry("asns", "11");
    }

    @Test
    void privateAddressesAndAllowedNetworksDoNotCount() {
        assertThat(detector.accepts(read(Duration.ZERO, "10.0.0.1"))).isFalse();
        assertThat(detector.accepts(read(Duration.ZERO, "100.100.100.100"))).isFalse();
        ManySourceIpsDetector allowing = new ManySourceIpsDetector(new ManySourceIpsSettings(true, 10, Duration.ofDays(1),
                new AllowRules(List.of(), List.of(Cidr.parse("198.51.100.0/24")), List.of(), List.of())));
        ManySourceIpsState s = null;
        for (int i = 0; i < 20; i++) {
            s = allowing.onEvent(s, read(Duration.ofMinutes(i), "198.51.100." + i), ctx);
        }
        assertThat(s).isNull();
        assertThat(ctx.findings).isEmpty();
    }

    @Test
    void theTimerEmptiesTheWindowAndThenTheState() {
        ManySourceIpsState s = null;
        for (int i = 0; i < 11; i++) {
            s = feed(s, read(Duration.ofMinutes(i), "198.51.100." + i));
        }
        assertThat(ctx.findings).hasSize(1);
        // The timer is due when the principal has been idle for a week (on the grid): all gone then.
        long due = Timers.at(BEGINNING.plus(Duration.ofDays(7).plusMinutes(10)).toEpochMilli());
        assertThat(ctx.timers).containsExactly(due);
        s = ctx.advanceTo(detector, s, due - 1);
        assertThat(s.sightings).hasSize(11);
        s = ctx.advanceTo(detector, s, due);
        assertThat(s).isNull();
    }

    @Test
    void aKnownAddressSeenAgainSoonIsNotWrittenBack() {
        ManySourceIpsState s = feed(null, read(Duration.ZERO, "198.51.100.1"));
        feed(s, read(Duration.ofMinutes(2), "198.51.100.1"));
        assertThat(ctx.unchangedCalls).isEqualTo(1);
        feed(s, read(Duration.ofMinutes(7), "198.51.100.1"));
        assertThat(ctx.unchangedCalls).isEqualTo(1);
        assertThat(s.sightings.get(0).lastSeen).isEqualTo(BEGINNING.plus(Duration.ofMinutes(7)).toEpochMilli());
    }
}
