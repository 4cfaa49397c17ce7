package io.trailhunt.detectors.firstseen;

import io.trailhunt.detectors.Detector;
import io.trailhunt.detectors.RecordingContext;
import io.trailhunt.detectors.common.Timers;
import io.trailhunt.detectors.Replay;
import io.trailhunt.detectors.common.AllowRules;
import io.trailhunt.events.model.AuditEvent;
import io.trailhunt.events.model.Category;
import io.trailhunt.events.model.Finding;
import io.trailhunt.events.model.Geo;
import io.trailhunt.events.model.PrincipalType;
import io.trailhunt.events.model.Severity;
import io.trailhunt.events.testing.EventBuilder;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import static io.trailhunt.detectors.TestPlaces.CHANGCHUN_IP;
import static io.trailhunt.detectors.TestPlaces.LINKOPING_IP;
import static io.trailhunt.detectors.TestPlaces.MILTON_IP;
import static io.trailhunt.detectors.TestPlaces.US_MOBILE_IP;
import static io.trailhunt.detectors.TestPlaces.at;
import static io.trailhunt.detectors.TestPlaces.torExitLondon;
import static io.trailhunt.events.testing.EventBuilder.BEGINNING;
import static io.trailhunt.events.testing.EventBuilder.aws;
import static io.trailhunt.events.testing.EventBuilder.azure;
import static org.assertj.core.api.Assertions.assertThat;

class FirstSeenDetectorTest {
    private static final FirstSeenSettings DEFAULTS = FirstSeenSettings.defaults();
    private final RecordingContext ctx = new RecordingContext();

    private static AuditEvent call(Duration after, String ip) {
        return at(aws("ec2.amazonaws.com", "DescribeInstances").after(after).build(), ip);
    }

    /** The three rules together, as the registry builds them with every rule on. */
    private static List<Detector<?>> allThree() {
        return List.of(new FirstSeenDetector(Dimension.COUNTRY, DEFAULTS, List.of()),
                new FirstSeenDetector(Dimension.ASN, DEFAULTS, List.of(Dimension.COUNTRY)),
                new FirstSeenDetector(Dimension.SOURCE_IP, DEFAULTS, List.of(Dimension.ASN, Dimension.COUNTRY)));
    }

    /** Daily calls from Linköping (one office address) for {@code days} days from BEGINNING. */
    private static List<AuditEvent> history(int days) {
        List<AuditEvent> out = new ArrayList<>();
        for (int d = 0; d < days; d++) {
            out.add(call(Duration.ofDays(d), LINKOPING_IP));
        }
        return out;
    }

    private static List<String> summaries(List<Finding> findings) {
        return findings.stream().map(f -> f.ruleId + " " + f.subject + " " + f.severity.id()).toList();
    }

    @Test
    void nothingIsNewWhileThePrincipalIsBeingLearned() {
        List<AuditEvent> events = history(7);
        // Day 6 23:00: six days and 23 hours of history, an hour short of the learning period.
        events.add(call(Duration.ofDays(6).plusHours(23), CHANGCHUN_IP));
        Replay r = new Replay(allThree()).run(events);
        assertThat(r.findings).isEmpty();
    }

    @Test
    void afterTheLearningPeriodANewCountryIsOneFindingNotThree() {
        List<AuditEvent> events = history(8);
        AuditEvent cn = call(Duration.ofDays(7).plusHours(4), CHANGCHUN_IP);
        events.add(cn);
        Replay r = new Replay(allThree()).run(events);

        assertThat(summaries(r.findings)).containsExactly("new-country CN high");
        Finding f = r.findings.get(0);
        assertThat(f.title).isEqualTo("First activity from a new country: CN");
        assertThat(f.mitre).containsExactly("T1078.004");
        assertThat(f.facts).containsEntry("country", "CN").containsEntry("source_ip", CHANGCHUN_IP).containsEntry("place", "Changchun, CN")
                .containsEntry("known", "SE").containsEntry("history_days", "7.2").containsEntry("look_back", "30d")
                .doesNotContainKey("action_sensitivity");
        assertThat(f.evidence).extracting(e -> e.eventId).containsExactly(cn.eventId);
        assertThat(f.explanation).isEqualTo("arn:aws:iam::111122223333:user/alice acted from country CN for the first time in 30d:"
                + " ec2.amazonaws.com DescribeInstances from 175.16.199.20. In 7 days of history it acted from SE."
                + " Confirm with the owner that this was them (travel, a new provider, a new office); if not, revoke its sessions and keys.");
    }

    @Test
    void severityRisesFromAddressToNetworkToCountry() {
        List<AuditEvent> events = history(8);
        events.add(call(Duration.ofDays(8), "89.160.20.130"));       // same ISP, same country: a new address
        events.add(call(Duration.ofDays(8).plusHours(1), MILTON_IP)); // US, AS209: a new country
        events.add(call(Duration.ofDays(8).plusHours(9), US_MOBILE_IP)); // US again, but AS6167: a new network
        Replay r = new Replay(allThree()).run(events);
        assertThat(summaries(r.findings)).containsExactly(
                "new-source-ip 89.160.20.130 low", "new-country US high", "new-asn AS6167 medium");
        assertThat(r.findings.get(2).title).isEqualTo("First activity from a new network (ASN): AS6167 (CELLCO-PART)");
        assertThat(r.findings.get(2).facts).containsEntry("asn", "AS6167").containsEntry("known", "AS209,AS29518");
    }

    /** Without GeoIP enrichment an Entra sign-in still tells its network: the ASN Entra saw. */
    @Test
    void aNewNetworkEntraSawIsANewNetworkWithoutEnrichment() {
        List<AuditEvent> events = new ArrayList<>();
        for (int d = 0; d < 8; d++) {
            events.add(entraTokenRefresh(Duration.ofDays(d), "81.2.69.142", 5089L));
        }
        events.add(entraTokenRefresh(Duration.ofDays(8), "81.2.69.160", 8075L));
        Replay r = new Replay(allThree()).run(events);
        assertThat(summaries(r.findings)).containsExactly("new-asn AS8075 medium");
        assertThat(r.findings.get(0).facts).containsEntry("known", "AS5089");
    }

    private static AuditEvent entraTokenRefresh(Duration after, String ip, long asn) {
        AuditEvent e = azure("Microsoft.aadiam", "Sign-in activity").category(Category.SIGN_IN).param("isInteractive", "false")
                .ip(ip).after(after).build();
        e.providerGeo = new Geo();
        e.providerGeo.source = Geo.SOURCE_PROVIDER;
        e.providerGeo.countryIso = "GB";
        e.providerGeo.asn = asn;
        return e;
    }

    @Test
    void withTheCountryRuleOffANewCountryIsReportedAsANewNetwork() {
        List<Detector<?>> two = List.of(new FirstSeenDetector(Dimension.ASN, DEFAULTS, List.of()),
                new FirstSeenDetector(Dimension.SOURCE_IP, DEFAULTS, List.of(Dimension.ASN)));
        List<AuditEvent> events = history(8);
        events.add(call(Duration.ofDays(8), MILTON_IP));
        assertThat(summaries(new Replay(two).run(events).findings)).containsExactly("new-asn AS209 medium");
    }

    @Test
    void aSensitiveFirstActionRaisesOneStep() {
        FirstSeenDetector country = new FirstSeenDetector(Dimension.COUNTRY, DEFAULTS, List.of());
        FirstSeenDetector ip = new FirstSeenDetector(Dimension.SOURCE_IP, DEFAULTS, List.of());
        FirstSeenState cs = null;
        FirstSeenState is = null;
        for (AuditEvent e : history(8)) {
            cs = country.onEvent(cs, e, ctx);
            is = ip.onEvent(is, e, ctx);
        }
        AuditEvent login = at(aws("signin.amazonaws.com", "ConsoleLogin").category(Category.SIGN_IN).after(Duration.ofDays(8)).build(), MILTON_IP);
        is = ip.onEvent(is, login, ctx);
        AuditEvent key = at(aws("iam.amazonaws.com", "CreateAccessKey").after(Duration.ofDays(8)).build(), CHANGCHUN_IP);
        cs = country.onEvent(cs, key, ctx);
        AuditEvent read = at(aws("s3.amazonaws.com", "GetObject").category(Category.DATA).after(Duration.ofDays(8).plusHours(2)).build(), "89.160.20.140");
        ip.onEvent(is, read, ctx);

        assertThat(summaries(ctx.findings)).containsExactly(
                "new-source-ip 216.160.83.58 medium", "new-country CN critical", "new-source-ip 89.160.20.140 medium");
        assertThat(ctx.findings.get(0).facts).containsEntry("action_sensitivity", "sign-in");
        assertThat(ctx.findings.get(1).facts).containsEntry("action_sensitivity", "credential creation");
        assertThat(ctx.findings.get(2).facts).containsEntry("action_sensitivity", "data read");
    }

    /** The first action from somewhere new, as each kind of call that the ladder tells apart. */
    private static AuditEvent firstAction(String kind, Duration after) {
        EventBuilder b = switch (kind) {
            case "api call" -> aws("ec2.amazonaws.com", "DescribeInstances");
            case "aws console login" -> aws("signin.amazonaws.com", "ConsoleLogin").category(Category.SIGN_IN);
            case "aws role switch" -> aws("signin.amazonaws.com", "SwitchRole").category(Category.SIGN_IN);
            case "entra interactive sign-in" -> azure("Microsoft.aadiam", "Sign-in activity").category(Category.SIGN_IN).param("isInteractive", "true");
            case "entra sign-in without isInteractive" -> azure("Microsoft.aadiam", "Sign-in activity").category(Category.SIGN_IN);
            case "entra token refresh" -> azure("Microsoft.aadiam", "Sign-in activity").category(Category.SIGN_IN).param("isInteractive", "false");
            case "entra service principal sign-in" -> azure("Microsoft.aadiam", "Sign-in activity").category(Category.SIGN_IN)
                    .principalType(PrincipalType.SERVICE_ACCOUNT);
            case "data read" -> aws("s3.amazonaws.com", "GetObject").category(Category.DATA);
            case "credential creation" -> aws("iam.amazonaws.com", "CreateAccessKey");
            default -> throw new IllegalArgumentException(kind);
        };
        return at(b.after(after).build(), MILTON_IP);
    }

    /**
     * The whole ladder: a new address is low, a new network medium, a new country high, each one step
     * higher when the first action from there is a person signing in, a credential creation or a
     * data read. Machine sign-ins and the steps around a console login are ordinary calls.
     */
    @ParameterizedTest(name = "{0}")
    @CsvSource({
        "api call,                          low,    medium, high",
        "aws console login,                 medium, high,   critical",
        "aws role switch,                   low,    medium, high",
        "entra interactive sign-in,         medium, high,   critical",
        "entra sign-in without isInteractive, medium, high, critical",
        "entra token refresh,               low,    medium, high",
        "entra service principal sign-in,   low,    medium, high",
        "data read,                         medium, high,   critical",
        "credential creation,               medium, high,   critical",
    })
    void theSeverityLadder(String kind, String address, String network, String country) {
        List<String> severities = new ArrayList<>();
        for (Dimension d : Dimension.values()) {
            // Each rule alone (no coarser rule to defer to): Milton is a new address, network and country.
            FirstSeenDetector detector = new FirstSeenDetector(d, DEFAULTS, List.of());
            RecordingContext own = new RecordingContext();
            FirstSeenState s = null;
            for (AuditEvent e : history(8)) {
                s = detector.onEvent(s, e, own);
            }
            detector.onEvent(s, firstAction(kind, Duration.ofDays(8)), own);
            assertThat(own.findings).as(d + " " + kind).hasSize(1);
            severities.add(own.findings.get(0).severity.id());
        }
        assertThat(severities).as(kind).containsExactly(address, network, country);
    }

    @Test
    void aValueUnseenForTheLookBackIsNewAgain() {
        FirstSeenDetector country = new FirstSeenDetector(Dimension.COUNTRY, DEFAULTS, List.of());
        FirstSeenState s = null;
        for (AuditEvent e : history(10)) {
            s = country.onEvent(s, e, ctx);
        }
        s = country.onEvent(s, call(Duration.ofDays(10), MILTON_IP), ctx);
        assertThat(ctx.findings).hasSize(1);
        // Daily from Linköping until day 41; the US last seen on day 10 is forgotten 30 days later.
        for (int d = 11; d <= 41; d++) {
            s = country.onEvent(s, call(Duration.ofDays(d), LINKOPING_IP), ctx);
            s = ctx.advanceTo(country, s, BEGINNING.plus(Duration.ofDays(d)).toEpochMilli());
        }
        assertThat(s.values).containsOnlyKeys("SE");
        country.onEvent(s, call(Duration.ofDays(41).plusHours(1), MILTON_IP), ctx);
        assertThat(summaries(ctx.findings)).containsExactly("new-country US high", "new-country US high");
    }

    @Test
    void aPrincipalAwayForTheWholeLookBackIsForgottenAndLearnedAgain() {
        FirstSeenDetector country = new FirstSeenDetector(Dimension.COUNTRY, DEFAULTS, List.of());
        FirstSeenState s = null;
        for (AuditEvent e : history(10)) {
            s = country.onEvent(s, e, ctx);
        }
        // Last seen on day 9: forgotten 30 days later, when the timer finds nothing left.
        long forgotten = Timers.at(BEGINNING.plus(Duration.ofDays(39)).toEpochMilli());
        s = ctx.advanceTo(country, s, forgotten - 1);
        assertThat(s).isNotNull();
        s = ctx.advanceTo(country, s, forgotten);
        assertThat(s).isNull();
        s = country.onEvent(s, call(Duration.ofDays(41), CHANGCHUN_IP), ctx);
        assertThat(ctx.findings).isEmpty();
        assertThat(s.since).isEqualTo(BEGINNING.plus(Duration.ofDays(41)).toEpochMilli());
    }

    @Test
    void aTimerIsNeverRegisteredAgainForTheTimeItFiredAt() {
        // lastActive is kept to the hour: here it stays at 23:30 while a new value arrives at 0:29.
        FirstSeenDetector ip = new FirstSeenDetector(Dimension.SOURCE_IP, DEFAULTS, List.of());
        FirstSeenState s = ip.onEvent(null, call(Duration.ofMinutes(14 * 60 + 30), LINKOPING_IP), ctx);
        s = ip.onEvent(s, call(Duration.ofMinutes(15 * 60 + 29), MILTON_IP), ctx);
        long first = Timers.at(BEGINNING.plus(Duration.ofDays(30)).toEpochMilli());
        assertThat(ctx.timers).containsExactly(first);
        s = ip.onTimer(s, ctx.timers.pollFirst(), ctx);
        assertThat(s.values).containsOnlyKeys(MILTON_IP);
        assertThat(ctx.timers).containsExactly(first + Timers.GRID);
    }

    @Test
    void theStateIsCappedByEvictingTheLeastRecentlySeen() {
        FirstSeenSettings small = new FirstSeenSettings(true, Duration.ofDays(30), Duration.ofDays(7), 10, Duration.ofHours(1), AllowRules.none());
        FirstSeenDetector ip = new FirstSeenDetector(Dimension.SOURCE_IP, small, List.of());
        FirstSeenState s = null;
        for (int i = 0; i < 12; i++) {
            s = ip.onEvent(s, aws("ec2.amazonaws.com", "DescribeInstances").ip("198.51.100." + i).after(Duration.ofHours(i)).build(), ctx);
        }
        assertThat(s.values).hasSize(10).doesNotContainKeys("198.51.100.0", "198.51.100.1").containsKey("198.51.100.11");
    }

    @Test
    void anonymizersAndPrivateAddressesAreNeitherReportedNorLearned() {
        Replay r = new Replay(allThree());
        List<AuditEvent> events = history(8);
        AuditEvent tor = call(Duration.ofDays(8), LINKOPING_IP);
        tor.sourceIp = "81.2.69.142";
        tor.geo = torExitLondon();
        events.add(tor);
        events.add(aws("ec2.amazonaws.com", "DescribeInstances").ip("10.1.2.3").after(Duration.ofDays(8)).build());
        events.add(aws("ec2.amazonaws.com", "DescribeInstances").ip("ec2.amazonaws.com").after(Duration.ofDays(8)).build());
        r.run(events);
        assertThat(r.findings).isEmpty();
    }

    @Test
    void failuresAnonymousCallersAndAllowedNetworksAreIgnored() {
        FirstSeenDetector ip = new FirstSeenDetector(Dimension.SOURCE_IP, DEFAULTS, List.of());
        assertThat(ip.accepts(at(aws("ec2.amazonaws.com", "RunInstances").failed("AccessDenied").build(), CHANGCHUN_IP))).isFalse();
        AuditEvent anonymous = at(aws("s3.amazonaws.com", "GetObject").principal(null).build(), CHANGCHUN_IP);
        assertThat(ip.accepts(anonymous)).isFalse();

        FirstSeenSettings allowing = new FirstSeenSettings(true, Duration.ofDays(30), Duration.ofHours(1), 1000, Duration.ofHours(1),
                new AllowRules(List.of(), List.of(io.trailhunt.events.settings.Cidr.parse("175.16.199.0/24")), List.of(), List.of()));
        FirstSeenDetector allowed = new FirstSeenDetector(Dimension.SOURCE_IP, allowing, List.of());
        FirstSeenState s = allowed.onEvent(null, call(Duration.ZERO, LINKOPING_IP), ctx);
        s = allowed.onEvent(s, call(Duration.ofHours(1), CHANGCHUN_IP), ctx);
        assertThat(ctx.findings).isEmpty();
        assertThat(s.values).containsOnlyKeys(LINKOPING_IP);
    }

    @Test
    void aKnownValueSeenAgainWithinTheHourIsNotWrittenBack() {
        FirstSeenDetector ip = new FirstSeenDetector(Dimension.SOURCE_IP, DEFAULTS, List.of());
        FirstSeenState s = ip.onEvent(null, call(Duration.ZERO, LINKOPING_IP), ctx);
        int before = ctx.unchangedCalls;
        assertThat(ip.onEvent(s, call(Duration.ofMinutes(20), LINKOPING_IP), ctx)).isSameAs(s);
        assertThat(ctx.unchangedCalls).isEqualTo(before + 1);
        ip.onEvent(s, call(Duration.ofMinutes(61), LINKOPING_IP), ctx);
        assertThat(ctx.unchangedCalls).isEqualTo(before + 1);
        assertThat(s.values).containsEntry(LINKOPING_IP, BEGINNING.plus(Duration.ofMinutes(61)).toEpochMilli());
    }

    @Test
    void aBurstOfNewAddressesIsOneFindingAndIpv6CountsByItsSlash64() {
        FirstSeenDetector ip = new FirstSeenDetector(Dimension.SOURCE_IP, DEFAULTS, List.of());
        FirstSeenState s = null;
        for (AuditEvent e : history(8)) {
            s = ip.onEvent(s, e, ctx);
        }
        // Four new addresses within the hour: the first is reported, the rest only learned.
        for (int i = 0; i < 4; i++) {
            s = ip.onEvent(s, aws("ec2.amazonaws.com", "DescribeInstances").ip("198.51.100." + i).after(Duration.ofDays(8).plusMinutes(i * 15L)).build(), ctx);
        }
        s = ip.onEvent(s, aws("ec2.amazonaws.com", "DescribeInstances").ip("198.51.100.9").after(Duration.ofDays(8).plusHours(2)).build(), ctx);
        // A privacy address rotating within the same /64 is the same subscriber.
        s = ip.onEvent(s, aws("ec2.amazonaws.com", "DescribeInstances").ip("2001:db8:7:1:a1b2:c3d4:e5f6:1").after(Duration.ofDays(9)).build(), ctx);
        s = ip.onEvent(s, aws("ec2.amazonaws.com", "DescribeInstances").ip("2001:db8:7:1:9f8e:7d6c:5b4a:2").after(Duration.ofDays(10)).build(), ctx);
        assertThat(summaries(ctx.findings)).containsExactly("new-source-ip 198.51.100.0 low", "new-source-ip 198.51.100.9 low",
                "new-source-ip 2001:db8:7:1::/64 low");
        assertThat(s.values).containsKeys("198.51.100.1", "198.51.100.2", "198.51.100.3", "2001:db8:7:1::/64");
        // the burst's other three go on as repeats of the first, for the suppression step to count
        assertThat(ctx.repeats).extracting(f -> f.subject + " <- " + f.sourceIps)
                .containsExactly("198.51.100.0 <- [198.51.100.1]", "198.51.100.0 <- [198.51.100.2]", "198.51.100.0 <- [198.51.100.3]");
    }

    @Test
    void severitiesOfTheDimensions() {
        assertThat(Dimension.SOURCE_IP.severity()).isEqualTo(Severity.LOW);
        assertThat(Dimension.ASN.severity()).isEqualTo(Severity.MEDIUM);
        assertThat(Dimension.COUNTRY.severity()).isEqualTo(Severity.HIGH);
    }
}
