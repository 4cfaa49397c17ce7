package io.trailhunt.detectors.travel;

import io.trailhunt.detectors.RecordingContext;
import io.trailhunt.detectors.common.Timers;
import io.trailhunt.detectors.common.AllowRules;
import io.trailhunt.events.model.AuditEvent;
import io.trailhunt.events.model.Category;
import io.trailhunt.events.model.Finding;
import io.trailhunt.events.model.Geo;
import io.trailhunt.events.model.Severity;
import io.trailhunt.events.settings.Cidr;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.List;

import static io.trailhunt.detectors.TestPlaces.BOXFORD_IP;
import static io.trailhunt.detectors.TestPlaces.CHANGCHUN_IP;
import static io.trailhunt.detectors.TestPlaces.LINKOPING_IP;
import static io.trailhunt.detectors.TestPlaces.LONDON_IP;
import static io.trailhunt.detectors.TestPlaces.at;
import static io.trailhunt.detectors.TestPlaces.torExitLondon;
import static io.trailhunt.events.testing.EventBuilder.BEGINNING;
import static io.trailhunt.events.testing.EventBuilder.aws;
import static io.trailhunt.events.testing.EventBuilder.azure;
import static org.assertj.core.api.Assertions.assertThat;

class ImpossibleTravelDetectorTest {
    private final RecordingContext ctx = new RecordingContext();
    private ImpossibleTravelDetector detector = new ImpossibleTravelDetector(ImpossibleTravelSettings.defaults());

    private static AuditEvent call(Duration after, String ip) {
        return at(aws("ec2.amazonaws.com", "DescribeInstances").after(after).build(), ip);
    }

    private ImpossibleTravelState feed(ImpossibleTravelState s, AuditEvent... events) {
        for (AuditEvent e : events) {
            assertThat(detector.accepts(e)).isTrue();
            s = detector.onEvent(s, e, ctx);
        }
        return s;
    }

    @Test
    void londonToChangchunInAnHourIsImpossible() {
        AuditEvent london = call(Duration.ZERO, LONDON_IP);
        AuditEvent changchun = call(Duration.ofHours(1), CHANGCHUN_IP);
        feed(null, london, changchun);

        assertThat(ctx.findings).hasSize(1);
        Finding f = ctx.findings.get(0);
        assertThat(f.ruleId).isEqualTo("impossible-travel");
        assertThat(f.severity).isEqualTo(Severity.HIGH);
        assertThat(f.mitre).containsExactly("T1078.004");
        assertThat(f.title).isEqualTo("Impossible travel: London, GB to Changchun, CN");
        assertThat(f.subject).isEqualTo("London, GB -> Changchun, CN");
        // 8,182 km great-circle; 10 + 100 km of accuracy radius allowed for; 8,072 km in one hour.
        assertThat(f.facts).containsEntry("distance_km", "8182").containsEntry("accuracy_allowance_km", "110")
                .containsEntry("gap_minutes", "60.0").containsEntry("speed_kmh", "8072").containsEntry("max_speed_kmh", "900")
                .containsEntry("from_ip", LONDON_IP).containsEntry("to_ip", CHANGCHUN_IP)
                .containsEntry("from_time", "2026-11-02T09:00:00Z").containsEntry("to_time", "2026-11-02T10:00:00Z")
                .doesNotContainKey("weak_because");
        assertThat(f.evidence).extracting(ev -> ev.eventId).containsExactly(london.eventId, changchun.eventId);
        assertThat(f.evidence.get(0).city).isEqualTo("London");
        assertThat(f.evidence.get(1).city).isEqualTo("Changchun");
        assertThat(f.sourceIps).containsExactly(LONDON_IP, CHANGCHUN_IP);
        assertThat(f.firstSeen).isEqualTo(london.eventTime);
        assertThat(f.lastSeen).isEqualTo(changchun.eventTime);
        assertThat(f.geo.city).isEqualTo("Changchun");
        assertThat(f.explanation).startsWith("arn:aws:iam::111122223333:user/alice acted from London, GB (81.2.69.142) and, 60 minutes later,"
                + " from Changchun, CN (175.16.199.20): 8,182 km, 8,072 km/h where at most 900 km/h is possible.");
    }

    @Test
    void londonToBoxfordIsNot() {
        feed(null, call(Duration.ZERO, LONDON_IP), call(Duration.ofMinutes(5), BOXFORD_IP));
        assertThat(ctx.findings).isEmpty();
    }

    @Test
    void aFlightThatCouldHaveBeenFlownIsNot() {
        // London to Changchun in 10 hours: 807 km/h, a long-haul flight.
        feed(null, call(Duration.ZERO, LONDON_IP), call(Duration.ofHours(10), CHANGCHUN_IP));
        assertThat(ctx.findings).isEmpty();
    }

    @Test
    void theAccuracyRadiiAreAllowedFor() {
        AuditEvent a = call(Duration.ZERO, LONDON_IP);
        AuditEvent b = call(Duration.ofMinutes(30), LINKOPING_IP);
        // 1,258 km apart; with radii of 400 km each only 458 km are certain: below the 500 km floor.
        a.geo.accuracyRadiusKm = 400;
        b.geo.accuracyRadiusKm = 400;
        feed(null, a, b);
        assertThat(ctx.findings).isEmpty();

        b.geo.accuracyRadiusKm = 76;
        b.eventId = "other";
        feed(null, a, b);
        assertThat(ctx.findings).hasSize(1);
        assertThat(ctx.findings.get(0).facts).containsEntry("accuracy_allowance_km", "476");
    }

    @Test
    void anonymizersAreDemotedByDefaultAndSkippedWhenConfigured() {
        AuditEvent london = call(Duration.ZERO, LONDON_IP);
        london.geo.torExitNode = true;
        AuditEvent changchun = call(Duration.ofHours(1), CHANGCHUN_IP);
        feed(null, london, changchun);
        assertThat(ctx.findings).hasSize(1);
        assertThat(ctx.findings.get(0).severity).isEqualTo(Severity.LOW);
        assertThat(ctx.findings.get(0).facts).containsEntry("weak_because", "tor-exit");
        assertThat(ctx.findings.get(0).explanation).contains("One address is a tor exit");

        ctx.findings.clear();
        detector = new ImpossibleTravelDetector(new ImpossibleTravelSettings(true, 900, 500, true, true, AllowRules.none(),
                Duration.ofMinutes(30), AllowRules.none()));
        ImpossibleTravelState s = feed(null, london, changchun);
        assertThat(ctx.findings).isEmpty();
        assertThat(s.last.city).isEqualTo("Changchun"); // the Tor exit was never taken as a place
    }

    /** dave in Linköping, a Tor exit in London 5 minutes later, Changchun 10 minutes after that. */
    private static AuditEvent[] linkopingTorLondonChangchun() {
        AuditEvent tor = call(Duration.ofMinutes(5), LONDON_IP);
        tor.geo = torExitLondon();
        return new AuditEvent[] {call(Duration.ZERO, LINKOPING_IP), tor, call(Duration.ofMinutes(15), CHANGCHUN_IP)};
    }

    @Test
    void anExitInBetweenDoesNotHideTheStrongPlaceBeforeIt() {
        AuditEvent[] events = linkopingTorLondonChangchun();
        ImpossibleTravelState s = feed(null, events);

        // The Tor exit is a low finding; Changchun is compared with Linköping too, the last place that
        // says where dave was: high, although the low finding's quiet window is still open.
        assertThat(ctx.findings).extracting(f -> f.subject + " " + f.severity.id())
                .containsExactly("Linköping, SE -> London, GB low", "Linköping, SE -> Changchun, CN high");
        Finding high = ctx.findings.get(1);
        assertThat(high.evidence).extracting(ev -> ev.eventId).containsExactly(events[0].eventId, events[2].eventId);
        assertThat(high.facts).containsEntry("from_ip", LINKOPING_IP).containsEntry("to_ip", CHANGCHUN_IP)
                .containsEntry("gap_minutes", "15.0").doesNotContainKey("weak_because");
        assertThat(s.last.city).isEqualTo("Changchun");
        assertThat(s.strongBefore).isNull(); // the last place is strong again: nothing kept apart
    }

    @Test
    void withoutTheExitTheSameTripIsOneHighFinding() {
        AuditEvent[] events = linkopingTorLondonChangchun();
        feed(null, events[0], events[2]);
        assertThat(ctx.findings).extracting(f -> f.subject + " " + f.severity.id()).containsExactly("Linköping, SE -> Changchun, CN high");
    }

    @Test
    void theStrongPlaceIsKeptApartOnlyWhileTheLastPlaceIsAnExit() {
        AuditEvent[] events = linkopingTorLondonChangchun();
        ImpossibleTravelState s = feed(null, events[0]);
        assertThat(s.last.city).isEqualTo("Linköping");
        assertThat(s.strongBefore).isNull();
        s = feed(s, events[1]);
        assertThat(s.last.weakBecause).isEqualTo("tor-exit");
        assertThat(s.strongBefore.eventId).isEqualTo(events[0].eventId);
    }

    @Test
    void aHighFindingFollowsALowOneOnceAndThenQuietsBoth() {
        ImpossibleTravelState s = feed(null, linkopingTorLondonChangchun());
        AuditEvent torAgain = call(Duration.ofMinutes(20), LONDON_IP);
        torAgain.geo = torExitLondon();
        // Within the window: back to Linköping (strong, a repeat of the high story), the Tor exit
        // again (weak, quiet after any finding), Changchun again.
        feed(s, call(Duration.ofMinutes(18), LINKOPING_IP), torAgain, call(Duration.ofMinutes(25), CHANGCHUN_IP));
        assertThat(ctx.findings).hasSize(2);
        assertThat(s.strongQuietUntil).isEqualTo(BEGINNING.plus(Duration.ofMinutes(25 + 30)).toEpochMilli());
        assertThat(s.quietUntil).isEqualTo(s.strongQuietUntil);
    }

    @Test
    void aLowFindingQuietsLaterLowOnes() {
        AuditEvent tor = call(Duration.ofMinutes(5), LONDON_IP);
        tor.geo = torExitLondon();
        AuditEvent vpn = call(Duration.ofMinutes(10), CHANGCHUN_IP);
        vpn.geo.anonymousVpn = true;
        // Linköping, Tor in London, a VPN exit in Changchun: every pair is weak, one low finding.
        ImpossibleTravelState s = feed(null, call(Duration.ZERO, LINKOPING_IP), tor, vpn);
        assertThat(ctx.findings).extracting(f -> f.subject + " " + f.severity.id()).containsExactly("Linköping, SE -> London, GB low");
        assertThat(s.strongQuietUntil).isZero();
        assertThat(s.strongBefore.city).isEqualTo("Linköping");
    }

    @Test
    void hostingProvidersAreWeakToo() {
        AuditEvent london = call(Duration.ZERO, LONDON_IP);
        london.geo.hostingProvider = true;
        feed(null, london, call(Duration.ofHours(1), CHANGCHUN_IP));
        assertThat(ctx.findings.get(0).severity).isEqualTo(Severity.LOW);
        assertThat(ctx.findings.get(0).facts).containsEntry("weak_because", "hosting-provider");
    }

    @Test
    void knownEgressNetworksAreIgnored() {
        detector = new ImpossibleTravelDetector(new ImpossibleTravelSettings(true, 900, 500, true, false,
                new AllowRules(List.of(), List.of(Cidr.parse("81.2.69.0/24")), List.of(29518L), List.of()), Duration.ofMinutes(30), AllowRules.none()));
        // The corporate VPN exits in London; Linköping's ISP is the office.
        ImpossibleTravelState s = feed(null, call(Duration.ZERO, LONDON_IP), call(Duration.ofMinutes(30), CHANGCHUN_IP),
                call(Duration.ofMinutes(40), LINKOPING_IP));
        assertThat(ctx.findings).isEmpty();
        assertThat(s.last.city).isEqualTo("Changchun");
    }

    @Test
    void aPrincipalUsedFromTwoPlacesAtOnceIsOneFindingWhileItGoesOn() {
        ImpossibleTravelState s = null;
        // dave works in Linköping; his key is used in Changchun in between, for two hours.
        for (int i = 0; i < 24; i++) {
            s = feed(s, call(Duration.ofMinutes(i * 5L), i % 2 == 0 ? LINKOPING_IP : CHANGCHUN_IP));
        }
        assertThat(ctx.findings).hasSize(1);
        assertThat(ctx.findings.get(0).facts).containsEntry("gap_minutes", "5.0");
        assertThat(s.quietUntil).isEqualTo(BEGINNING.plus(Duration.ofMinutes(23 * 5 + 30)).toEpochMilli());

        // Quiet for more than the window: the next impossible pair is a new finding.
        feed(s, call(Duration.ofMinutes(23 * 5 + 31), LINKOPING_IP), call(Duration.ofMinutes(23 * 5 + 35), CHANGCHUN_IP));
        assertThat(ctx.findings).hasSize(2);
    }

    @Test
    void signInsOnlyWhenApiCallsAreExcluded() {
        detector = new ImpossibleTravelDetector(new ImpossibleTravelSettings(true, 900, 500, false, false, AllowRules.none(),
                Duration.ofMinutes(30), AllowRules.none()));
        assertThat(detector.accepts(call(Duration.ZERO, LONDON_IP))).isFalse();
        AuditEvent login = at(aws("signin.amazonaws.com", "ConsoleLogin").category(Category.SIGN_IN).build(), LONDON_IP);
        assertThat(detector.accepts(login)).isTrue();
    }

    @Test
    void entraSignInsWithoutGeoIpUseEntrasOwnLocation() {
        AuditEvent here = azure("Microsoft.aadiam", "Sign-in activity").category(Category.SIGN_IN).ip("89.160.20.115").build();
        here.providerGeo = provider("SE", "Linköping", 58.4167, 15.6167);
        AuditEvent there = azure("Microsoft.aadiam", "Sign-in activity").category(Category.SIGN_IN).ip("175.16.199.40")
                .after(Duration.ofHours(2)).build();
        there.providerGeo = provider("CN", "Changchun", 43.88, 125.3228);
        feed(null, here, there);
        assertThat(ctx.findings).hasSize(1);
        // No accuracy radius from Entra: the whole distance counts.
        assertThat(ctx.findings.get(0).facts).containsEntry("accuracy_allowance_km", "0").containsEntry("speed_kmh", "3470");
    }

    @Test
    void eventsWithoutALocationOrFailedAreIgnored() {
        AuditEvent unlocated = aws("ec2.amazonaws.com", "DescribeInstances").ip("10.0.0.1").build();
        assertThat(detector.onEvent(null, unlocated, ctx)).isNull();
        AuditEvent failed = at(aws("ec2.amazonaws.com", "DescribeInstances").failed("AccessDenied").build(), LONDON_IP);
        assertThat(detector.accepts(failed)).isFalse();
    }

    @Test
    void outOfOrderEventsAreComparedButTheLatestPlaceIsKept() {
        ImpossibleTravelState s = feed(null, call(Duration.ofHours(1), LONDON_IP), call(Duration.ofMinutes(50), CHANGCHUN_IP));
        assertThat(ctx.findings).hasSize(1);
        assertThat(ctx.findings.get(0).title).isEqualTo("Impossible travel: Changchun, CN to London, GB");
        assertThat(s.last.city).isEqualTo("London");
    }

    @Test
    void theSameSpotSoonAfterIsNotWrittenBack() {
        ImpossibleTravelState s = feed(null, call(Duration.ZERO, LONDON_IP));
        int before = ctx.unchangedCalls;
        ImpossibleTravelState again = feed(s, call(Duration.ofSeconds(30), LONDON_IP));
        assertThat(again).isSameAs(s);
        assertThat(ctx.unchangedCalls).isEqualTo(before + 1);
        assertThat(s.last.eventTime).isEqualTo(BEGINNING.toEpochMilli());
    }

    @Test
    void theStateIsDroppedAWeekAfterThePrincipalsLastPlace() {
        ImpossibleTravelState s = feed(null, call(Duration.ZERO, LONDON_IP));
        // After 22.2 h (half the Earth's circumference at 900 km/h) nothing can be impossible any more;
        // the place is kept for a week of idleness so that active principals' timers are rare.
        long due = Timers.at(BEGINNING.plus(Duration.ofDays(7)).toEpochMilli());
        assertThat(ctx.timers).containsExactly(due);
        assertThat(ctx.advanceTo(detector, s, due - 1)).isSameAs(s);
        assertThat(ctx.advanceTo(detector, s, due)).isNull();
    }

    @Test
    void anotherDetectorsTimerIsNotMine() {
        ImpossibleTravelState s = feed(null, call(Duration.ZERO, LONDON_IP));
        assertThat(detector.onTimer(s, BEGINNING.plus(Duration.ofHours(2)).toEpochMilli(), ctx)).isSameAs(s);
        assertThat(s.last).isNotNull();
    }

    private static Geo provider(String country, String city, double lat, double lon) {
        Geo g = new Geo();
        g.source = Geo.SOURCE_PROVIDER;
        g.countryIso = country;
        g.city = city;
        g.latitude = lat;
        g.longitude = lon;
        return g;
    }
}
