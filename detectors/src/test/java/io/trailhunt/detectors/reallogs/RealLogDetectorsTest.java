package io.trailhunt.detectors.reallogs;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.trailhunt.detectors.KeyedRules;
import io.trailhunt.detectors.Replay;
import io.trailhunt.events.decode.DecoderLimits;
import io.trailhunt.events.decode.RecordDecoder;
import io.trailhunt.events.model.AuditEvent;
import io.trailhunt.events.model.Decoded;
import io.trailhunt.events.model.Finding;
import io.trailhunt.events.settings.Section;
import io.trailhunt.events.testing.RealLogs;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The part-1 detectors, with their defaults, over the real logs in src/test/resources/real-logs of
 * the events module. The logs carry no GeoIP enrichment, and MaxMind's test databases know none of
 * their addresses, so a place comes only from Entra's own location of a sign-in: impossible-travel
 * and new-country are shown on real Entra sign-ins after a history the test writes (no real user
 * has two located sign-ins). Entra's risk verdicts, credential creation, key use and new addresses
 * need no place. What no real log here can show:
 * <ul>
 *   <li>new-asn: an ASN comes only from GeoIP (Entra gives none);
 *   <li>many-source-ips: no principal has more than six public addresses (the honey bucket's 224
 *       addresses are anonymous callers, which the rule ignores);
 *   <li>uncommon-storage-client: no desktop storage client's user agent in any of them (their
 *       MANIFEST says so).
 * </ul>
 */
class RealLogDetectorsTest {
    private static final String SCENARIOS = "panther-analysis/test_scenarios/";
    private static final String ENTRA = "panther-analysis/panther_tests_Azure_Audit.events.jsonl";
    private static final ObjectMapper JSON = new ObjectMapper();

    private static List<AuditEvent> decode(String... paths) {
        List<AuditEvent> out = new ArrayList<>();
        for (String p : paths) {
            List<byte[]> records = p.endsWith(".jsonl") ? RealLogs.lines(p) : List.of(RealLogs.bytes(p));
            out.addAll(decode(records, p));
        }
        return out;
    }

    private static List<AuditEvent> decode(List<byte[]> records, String origin) {
        RecordDecoder d = new RecordDecoder(DecoderLimits.defaults());
        List<AuditEvent> out = new ArrayList<>();
        int n = 0;
        for (byte[] r : records) {
            for (Decoded x : d.decode(r, origin + ":" + ++n)) {
                if (x.event != null) {
                    out.add(x.event);
                }
            }
        }
        return out;
    }

    /** rule|principal|subject|severity|evidence of the part-1 rules (log-tampering has its own tests). */
    private static List<String> findings(String... paths) {
        return findings(decode(paths));
    }

    private static List<String> findings(List<AuditEvent> events) {
        return summaries(new Replay(KeyedRules.enabled(Section.empty("rules"))).run(events).findings);
    }

    private static List<String> summaries(List<Finding> findings) {
        List<String> out = new ArrayList<>();
        for (Finding f : findings) {
            if (!f.ruleId.equals("log-tampering")) {
                out.add(f.ruleId + "|" + f.principal + "|" + f.subject + "|" + f.severity.id() + "|" + f.evidence.size());
            }
        }
        return out;
    }

    /** Line {@code n} (from 1) of a real JSON-lines file, as a tree. */
    private static ObjectNode realRecord(String path, int n) throws IOException {
        return (ObjectNode) JSON.readTree(RealLogs.lines(path).get(n - 1));
    }

    /**
     * The history a test writes for a real user: copies of the user's own real sign-in record, moved
     * to one ordinary sign-in a day from {@code place} (no risk), the last ending {@code lastBefore}
     * before the real one.
     */
    private static List<byte[]> dailySignIns(ObjectNode real, int days, Duration lastBefore, String ip, String country, String city,
            double lat, double lon) throws IOException {
        Instant realTime = Instant.parse(real.path("properties").path("createdDateTime").asText()).truncatedTo(ChronoUnit.MILLIS);
        List<byte[]> out = new ArrayList<>();
        for (int d = days - 1; d >= 0; d--) {
            Instant t = realTime.minus(lastBefore).minus(Duration.ofDays(d));
            ObjectNode r = real.deepCopy();
            ObjectNode p = (ObjectNode) r.get("properties");
            r.put("time", t.toString()).put("callerIpAddress", ip).put("location", country).put("correlationId", "history-" + d);
            p.put("id", "history-" + d).put("createdDateTime", t.toString()).put("ipAddress", ip).put("correlationId", "history-" + d);
            p.put("riskLevelDuringSignIn", "none").put("riskLevelAggregated", "none").put("riskState", "none").put("riskDetail", "none");
            p.putArray("riskEventTypes");
            ObjectNode loc = p.putObject("location").put("city", city).put("countryOrRegion", country);
            loc.putObject("geoCoordinates").put("latitude", lat).put("longitude", lon);
            out.add(JSON.writeValueAsBytes(r));
        }
        return out;
    }

    /** The written history, then the real record at {@code line} as it is in the file. */
    private static List<AuditEvent> historyThenReal(List<byte[]> history, int line) {
        List<AuditEvent> events = new ArrayList<>(decode(history, "written history"));
        String origin = ENTRA + ":" + line;
        decode(ENTRA).stream().filter(e -> e.origin.equals(origin)).forEach(events::add);
        return events;
    }

    @Test
    void entraLocatesARealRiskySignInFromMoscowAfterAWeekInNewYork() throws IOException {
        // Panther's test sign-in of john@justice.org: interactive, from 4.4.4.4, which Entra places in
        // Moscow (55.7558, 37.6173) and rates high risk (anonymizedIPAddress, unfamiliarFeatures).
        // The history is written here: a week of his ordinary sign-ins from New York, the last at
        // 09:00 the same day. New York to Moscow (7,510 km) in 5 h 23 min is impossible; Russia is a
        // new country, first reached by a person signing in: critical; Entra's verdict is the third.
        ObjectNode john = realRecord(ENTRA, 17);
        List<byte[]> history = dailySignIns(john, 8, Duration.ofMinutes(5 * 60 + 23).plusMillis(10_123), "3.3.3.3", "US", "New York",
                40.7128, -74.0060);
        List<AuditEvent> events = historyThenReal(history, 17);
        Replay r = new Replay(KeyedRules.enabled(Section.empty("rules"))).run(events);
        assertThat(summaries(r.findings)).containsExactly(
                "impossible-travel|john@justice.org|New York, US -> Moscow, RU|high|2",
                "new-country|john@justice.org|RU|critical|1",
                "anonymizing-network|john@justice.org|entra-risk:high|high|1");
        Finding travel = r.findings.get(0);
        assertThat(travel.facts).containsEntry("from_time", "2025-01-15T09:00:00Z").containsEntry("to_time", "2025-01-15T14:23:10.123Z")
                .containsEntry("from_ip", "3.3.3.3").containsEntry("to_ip", "4.4.4.4").containsEntry("distance_km", "7510")
                .containsEntry("accuracy_allowance_km", "0").containsEntry("gap_minutes", "323.2");
        assertThat(r.findings.get(1).facts).containsEntry("action_sensitivity", "sign-in").containsEntry("known", "US")
                .containsEntry("place", "Moscow, RU");
    }

    @Test
    void aRealTokenRefreshFromANewCountryIsNotRaised() throws IOException {
        // Panther's test sign-in of sam@lotr.com: Visual Studio Code refreshing its token (non-interactive)
        // from Seattle. After a week of sam's written sign-ins from London, the last two days before, the
        // US is a new country: high, not raised, since no person signed in. London to Seattle (7,700 km)
        // in two days is a flight, not impossible travel.
        ObjectNode sam = realRecord(ENTRA, 46);
        List<byte[]> history = dailySignIns(sam, 8, Duration.ofDays(2), "81.2.69.142", "GB", "London", 51.5142, -0.0931);
        assertThat(findings(historyThenReal(history, 46))).containsExactly("new-country|sam@lotr.com|US|high|1");
    }

    @Test
    void stratusDetonationsThatCreateCredentialsForOthers() {
        List<String> files = new ArrayList<>();
        for (String f : RealLogs.fileNames("stratus-red-team-detonation-logs")) {
            if (f.endsWith(".json")) {
                files.add("stratus-red-team-detonation-logs/" + f);
            }
        }
        // iam-backdoor-user, iam-create-admin-user, iam-create-user-login-profile, update-login-profile:
        // each makes a credential for a user other than the caller. Every detonation is a new account
        // and a new principal, so nothing else has history to compare with.
        assertThat(findings(files.toArray(new String[0]))).containsExactly(
                "credential-persistence|arn:aws:iam::946986569305:user/christophe|aws-access-key:stratus-red-team-backdoor-u-user|high|1",
                "credential-persistence|arn:aws:iam::229654561268:user/christophe|aws-access-key:malicious-iam-user|high|1",
                "credential-persistence|arn:aws:iam::070411556318:user/christophe|aws-login-profile:stratus-red-team-login-profile-user|high|1",
                "credential-persistence|arn:aws:iam::763751499319:user/christophe|aws-login-profile-update:stratus-red-team-update-login-profile-user|high|1");
    }

    @Test
    void theCompromisedRootStory() {
        // The root user signed in from 71.253.251.71 for two weeks; after three failures it succeeds from
        // 92.55.146.245 (a new address, at a sign-in: medium), creates an access key for itself and one for
        // the user it just made. A second key for itself, or for another user, is no news within 30 days.
        assertThat(findings(SCENARIOS + "compromised-root-creds/victim_cloudtrail.jsonl", SCENARIOS + "compromised-root-creds/attacker_cloudtrail.jsonl"))
                .containsExactly(
                        "new-source-ip|arn:aws:iam::493859302102:root|92.55.146.245|medium|1",
                        "credential-persistence|arn:aws:iam::493859302102:root|aws-access-key:Root|high|1",
                        "credential-persistence|arn:aws:iam::493859302102:root|aws-access-key:tracy_stone|critical|1");
    }

    @Test
    void benignActivityWithinItsOwnHistoryRaisesNothing() {
        // The same root user's ordinary fortnight: one address, sign-ins and a billing change.
        assertThat(findings(SCENARIOS + "compromised-root-creds/victim_cloudtrail.jsonl")).isEmpty();
        assertThat(findings(SCENARIOS + "enrichment-example/victim_cloudtrail.jsonl")).isEmpty();
        // An instance role's S3 sync through an SSRF proxy: a principal seen for minutes is still being learned.
        assertThat(findings("otrf-security-datasets/ec2_proxy_s3_exfiltration_2020-09-14011940.json")).isEmpty();
        assertThat(findings("plaso-test-data/aws_cloudtrail.jsonl", "plaso-test-data/gcp_logging.jsonl",
                "plaso-test-data/azure_activity_log.jsonl")).isEmpty();
    }

    @Test
    void pantherCloudTrailRuleTests() {
        assertThat(findings("panther-analysis/panther_tests_AWS_CloudTrail.events.jsonl")).containsExactly(
                "credential-persistence|arn:aws:iam::123456789012:root|aws-access-key:|high|1",
                "credential-persistence|arn:aws:iam::123456789012:root|aws-access-key:example-user|critical|1",
                "credential-persistence|arn:aws:sts::98765432:assumed-role/IAM/alice|aws-login-profile-update:alice|high|1",
                "credential-persistence|arn:aws:iam::123456789:user/user1|aws-access-key:user1|medium|1",
                "credential-persistence|arn:aws:iam::123456789:user/user1|aws-access-key:user2|high|1",
                "credential-persistence|arn:aws:iam::123456789:user/jackson|aws-access-key:jack|high|1",
                "credential-persistence|arn:aws:iam::123456789:user/jack|aws-access-key:jackson|high|1");
    }

    @Test
    void pantherGcpRuleTests() {
        assertThat(findings("panther-analysis/panther_tests_GCP_AuditLog.events.jsonl")).containsExactly(
                "credential-persistence|staging@company.io|gcp-service-account-key:123456789098765434567|medium|1",
                "credential-persistence|user@example.com|key-use:key-id|medium|1",
                "credential-persistence|whodoneit@some-project.iam.gserviceaccount.com|key-use:123er456788|medium|1",
                "credential-persistence|some.user@some-project.com|key-use:dc5344c246064589v76ec76f66bafc92b093ed41|medium|1",
                "credential-persistence|some-project@company.iam.gserviceaccount.com|key-use:a378358365ff3d22e9c1a72fecf4605ddff76b47|medium|1");
    }

    @Test
    void pantherEntraRuleTests() {
        // cross@lotr.com's high-risk sign-in was dismissed by an administrator: not reported.
        assertThat(findings("panther-analysis/panther_tests_Azure_Audit.events.jsonl")).containsExactly(
                "credential-persistence|frodo@lotr.com|azure-service-principal-credential:Production API Service|high|1",
                "anonymizing-network|aragorn@lotr.com|entra-risk:high|high|1",
                "anonymizing-network|john@justice.org|entra-risk:high|high|1");
        assertThat(findings("panther-analysis/panther_tests_Azure_MonitorActivity.events.jsonl")).isEmpty();
    }
}
