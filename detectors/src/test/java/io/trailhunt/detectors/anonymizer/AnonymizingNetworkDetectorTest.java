package io.trailhunt.detectors.anonymizer;

import io.trailhunt.detectors.RecordingContext;
import io.trailhunt.detectors.common.Timers;
import io.trailhunt.detectors.common.AllowRules;
import io.trailhunt.detectors.common.NetworkKinds;
import io.trailhunt.events.model.AuditEvent;
import io.trailhunt.events.model.Category;
import io.trailhunt.events.model.Finding;
import io.trailhunt.events.model.Severity;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;

import static io.trailhunt.detectors.TestPlaces.geo;
import static io.trailhunt.detectors.TestPlaces.torExitLondon;
import static io.trailhunt.events.testing.EventBuilder.BEGINNING;
import static io.trailhunt.events.testing.EventBuilder.azure;
import static io.trailhunt.events.testing.EventBuilder.gcp;
import static org.assertj.core.api.Assertions.assertThat;

class AnonymizingNetworkDetectorTest {
    private static final String ETL = "etl-loader@acme-analytics.iam.gserviceaccount.com";

    @TempDir
    Path dir;

    private final RecordingContext ctx = new RecordingContext();
    private AnonymizingNetworkDetector detector = new AnonymizingNetworkDetector(AnonymizingNetworkSettings.defaults());

    private static AuditEvent read(Duration after, String ip) {
        return gcp("storage.googleapis.com", "storage.objects.get").principal(ETL).ip(ip).after(after).build();
    }

    private static AuditEvent throughTor(Duration after) {
        AuditEvent e = read(after, "81.2.69.142");
        e.geo = torExitLondon();
        return e;
    }

    private static AuditEvent signIn(Duration after, String level, String types, String riskState) {
        AuditEvent e = azure("Microsoft.aadiam", "Sign-in activity").category(Category.SIGN_IN).ip("4.4.4.4").after(after).build();
        if (level != null) {
            e.params.put("riskLevelDuringSignIn", level);
        }
        if (types != null) {
            e.params.put("riskEventTypes_v2", types);
        }
        if (riskState != null) {
            e.params.put("riskState", riskState);
        }
        return e;
    }

    private AnonymizingNetworkSettings settings(String intelPath, List<String> networks) {
        return new AnonymizingNetworkSettings(true, networks, intelPath, Duration.ofMinutes(1), List.of("high"),
                AnonymizingNetworkSettings.DEFAULT_RISK_EVENT_TYPES, Duration.ofHours(24), AllowRules.none());
    }

    @Test
    void aTorSessionIsOneHighFindingPerQuietPeriod() {
        AuditEvent first = throughTor(Duration.ZERO);
        assertThat(detector.accepts(first)).isTrue();
        AnonymizingNetworkState s = detector.onEvent(null, first, ctx);
        for (int i = 1; i < 60; i++) {
            s = detector.onEvent(s, throughTor(Duration.ofMinutes(i)), ctx);
        }
        assertThat(ctx.findings).hasSize(1);
        Finding f = ctx.findings.get(0);
        assertThat(f.ruleId).isEqualTo("anonymizing-network");
        assertThat(f.severity).isEqualTo(Severity.HIGH);
        assertThat(f.mitre).containsExactly("T1090.003", "T1078.004");
        assertThat(f.title).isEqualTo("Activity through a tor exit address");
        assertThat(f.subject).isEqualTo("tor-exit");
        // The test data flags the address as everything; hosting and residential proxy are not reported by default.
        assertThat(f.facts).containsEntry("network", "tor-exit").containsEntry("signals", "tor-exit,public-proxy,anonymous-vpn")
                .containsEntry("source_ip", "81.2.69.142").containsEntry("place", "London, GB");
        assertThat(f.evidence).extracting(e -> e.eventId).containsExactly(first.eventId);
        assertThat(s.reported).containsOnlyKeys("tor-exit", "public-proxy", "anonymous-vpn");
        // the 59 calls after it are repeats under its subject, for the suppression step to count
        assertThat(ctx.repeats).hasSize(59).allSatisfy(r -> {
            assertThat(r.subject).isEqualTo("tor-exit");
            assertThat(r.severity).isEqualTo(Severity.HIGH);
        });

        s = detector.onEvent(s, throughTor(Duration.ofHours(24)), ctx);
        assertThat(ctx.findings).hasSize(2);
        assertThat(ctx.repeats).hasSize(59);
    }

    @Test
    void theKindsReportedAreConfigurable() {
        detector = new AnonymizingNetworkDetector(settings(null, List.of(NetworkKinds.HOSTING_PROVIDER)));
        AuditEvent vm = read(Duration.ZERO, "198.51.100.7");
        vm.geo = geo("US", null, 37.751, -97.822, 1000, 16509L, "AMAZON-02");
        vm.geo.hostingProvider = true;
        detector.onEvent(null, vm, ctx);
        assertThat(ctx.findings).extracting(f -> f.severity + " " + f.subject).containsExactly("LOW hosting-provider");

        AuditEvent vpn = read(Duration.ZERO, "198.51.100.8");
        vpn.geo = geo("US", null, 37.751, -97.822, 1000, null, null);
        vpn.geo.anonymousVpn = true;
        vpn.geo.anonymous = true;
        assertThat(detector.accepts(vpn)).isTrue();
        assertThat(detector.onEvent(null, vpn, ctx)).isNull();
        assertThat(ctx.findings).hasSize(1);
    }

    @Test
    void defaultsReportProxiesAndVpnsAtMedium() {
        AuditEvent proxy = read(Duration.ZERO, "186.30.236.5");
        proxy.geo = geo("CO", null, 4.6, -74.08, 100, null, null);
        proxy.geo.anonymous = true;
        proxy.geo.publicProxy = true;
        detector.onEvent(null, proxy, ctx);
        assertThat(ctx.findings).extracting(f -> f.severity + " " + f.subject).containsExactly("MEDIUM public-proxy");
    }

    @Test
    void threatIntelligenceListsLabelTheirEntriesAndAreReadAgainWhenTheyChange() throws IOException {
        Path list = dir.resolve("intel.txt");
        Files.writeString(list, "# from the incident of 2026-10\n198.51.100.0/24, botnet-c2\n203.0.113.9\tscanner\n2001:db8::/32\n");
        AtomicLong clock = new AtomicLong();
        detector = new AnonymizingNetworkDetector(settings(list.toString(), AnonymizingNetworkSettings.DEFAULT_NETWORKS), clock::get);

        AuditEvent c2 = read(Duration.ZERO, "198.51.100.77");
        AuditEvent clean = read(Duration.ZERO, "192.0.2.1");
        assertThat(detector.accepts(clean)).isFalse();
        assertThat(detector.accepts(c2)).isTrue();
        detector.onEvent(null, c2, ctx);
        detector.onEvent(null, read(Duration.ZERO, "203.0.113.9"), ctx);
        detector.onEvent(null, read(Duration.ZERO, "2001:db8::1"), ctx);
        assertThat(ctx.findings).extracting(f -> f.severity + " " + f.subject).containsExactly(
                "HIGH threat-intel:botnet-c2", "HIGH threat-intel:scanner", "HIGH threat-intel:threat-intel");
        assertThat(ctx.findings.get(0).title).isEqualTo("Activity through an address on the threat-intelligence list (botnet-c2)");

        Files.writeString(list, "192.0.2.0/24 honeypot-callers\n");
        Files.setLastModifiedTime(list, FileTime.fromMillis(Files.getLastModifiedTime(list).toMillis() + 5000));
        assertThat(detector.accepts(clean)).isFalse(); // not looked at again before the check interval
        clock.set(Duration.ofMinutes(1).toNanos());
        assertThat(detector.accepts(clean)).isTrue();
        assertThat(detector.accepts(c2)).isFalse();

        // A broken file keeps the last good list.
        Files.writeString(list, "not-an-address\n");
        Files.setLastModifiedTime(list, FileTime.fromMillis(Files.getLastModifiedTime(list).toMillis() + 10000));
        clock.set(Duration.ofMinutes(2).toNanos());
        assertThat(detector.accepts(clean)).isTrue();
    }

    @Test
    void entraRiskPassesThroughUnlessSettled() {
        detector.onEvent(null, signIn(Duration.ZERO, "high", "unfamiliarFeatures,anonymizedIPAddress", "atRisk"), ctx);
        detector.onEvent(null, signIn(Duration.ZERO, "medium", "anonymizedIPAddress", null), ctx);
        assertThat(detector.accepts(signIn(Duration.ZERO, "none", null, null))).isTrue();
        assertThat(detector.onEvent(null, signIn(Duration.ZERO, "none", null, null), ctx)).isNull();
        assertThat(detector.onEvent(null, signIn(Duration.ZERO, "high", null, "dismissed"), ctx)).isNull();
        assertThat(detector.onEvent(null, signIn(Duration.ZERO, "low", "unfamiliarFeatures", null), ctx)).isNull();

        assertThat(ctx.findings).extracting(f -> f.severity + " " + f.subject).containsExactly(
                "HIGH entra-risk:high", "MEDIUM entra-risk:anonymizedIPAddress");
        assertThat(ctx.findings.get(0).title).isEqualTo("Activity through a sign-in Entra rated risky (risk level high, anonymizedIPAddress)");
        assertThat(ctx.findings.get(0).facts).containsEntry("risk_level", "high").containsEntry("risk_event_types", "unfamiliarFeatures,anonymizedIPAddress");
    }

    @Test
    void failuresAndAllowedPrincipalsAreNotReported() {
        AuditEvent failed = throughTor(Duration.ZERO);
        failed.outcome = io.trailhunt.events.model.Outcome.FAILURE;
        assertThat(detector.accepts(failed)).isFalse();
        detector = new AnonymizingNetworkDetector(new AnonymizingNetworkSettings(true, AnonymizingNetworkSettings.DEFAULT_NETWORKS, null,
                Duration.ofMinutes(1), List.of("high"), List.of(), Duration.ofHours(24),
                new AllowRules(List.of("etl-*@acme-analytics.iam.gserviceaccount.com"), List.of(), List.of(), List.of())));
        assertThat(detector.onEvent(null, throughTor(Duration.ZERO), ctx)).isNull();
        assertThat(ctx.findings).isEmpty();
    }

    @Test
    void theTimerForgetsWhatWasReported() {
        AnonymizingNetworkState s = detector.onEvent(null, throughTor(Duration.ZERO), ctx);
        // Due a day after the finding, on the timer grid (the midnight after).
        long due = Timers.at(BEGINNING.plus(Duration.ofHours(24)).toEpochMilli());
        assertThat(ctx.timers).containsExactly(due);
        assertThat(ctx.advanceTo(detector, s, due)).isNull();
    }

    @Test
    void listFilesAreCheckedLineByLine() throws IOException {
        Path list = dir.resolve("bad.txt");
        Files.writeString(list, "192.0.2.0/24 fine\n\n  # comment\n192.0.2.0/40 wrong\n");
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> ThreatIntel.parse(list))
                .hasMessage("line 4: '192.0.2.0/40' has a prefix length outside 0-32");
    }
}
