package io.trailhunt.detectors.reallogs;

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

import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The part-1 detectors, with their defaults, over the real logs in src/test/resources/real-logs of
 * the events module. The logs carry no GeoIP enrichment, so what needs a place or a network
 * (impossible-travel, new-asn, new-country, anonymizer flags) stays silent here; Entra's own risk
 * verdicts, credential creation, key use and new addresses do not.
 */
class RealLogDetectorsTest {
    private static final String SCENARIOS = "panther-analysis/test_scenarios/";

    private static List<AuditEvent> decode(String... paths) {
        RecordDecoder d = new RecordDecoder(DecoderLimits.defaults());
        List<AuditEvent> out = new ArrayList<>();
        for (String p : paths) {
            List<byte[]> records = p.endsWith(".jsonl") ? RealLogs.lines(p) : List.of(RealLogs.bytes(p));
            int n = 0;
            for (byte[] r : records) {
                for (Decoded x : d.decode(r, p + ":" + ++n)) {
                    if (x.event != null) {
                        out.add(x.event);
                    }
                }
            }
        }
        return out;
    }

    /** rule|principal|subject|severity|evidence of the part-1 rules (log-tampering has its own tests). */
    private static List<String> findings(String... paths) {
        Replay r = new Replay(KeyedRules.enabled(Section.empty("rules"))).run(decode(paths));
        List<String> out = new ArrayList<>();
        for (Finding f : r.findings) {
            if (!f.ruleId.equals("log-tampering")) {
                out.add(f.ruleId + "|" + f.principal + "|" + f.subject + "|" + f.severity.id() + "|" + f.evidence.size());
            }
        }
        return out;
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
