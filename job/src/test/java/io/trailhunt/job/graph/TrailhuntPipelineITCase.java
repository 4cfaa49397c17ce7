package io.trailhunt.job.graph;

import com.fasterxml.jackson.databind.JsonNode;
import io.trailhunt.job.config.ConfigLoader;
import org.apache.flink.runtime.testutils.MiniClusterResourceConfiguration;
import org.apache.flink.test.junit5.MiniClusterExtension;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import static org.assertj.core.api.Assertions.assertThat;

/** The real job graph, parallelism 2, over real files: exact findings and dead letters. */
class TrailhuntPipelineITCase {
    @RegisterExtension
    static final MiniClusterExtension CLUSTER = new MiniClusterExtension(new MiniClusterResourceConfiguration.Builder()
            .setNumberTaskManagers(1).setNumberSlotsPerTaskManager(2).build());

    private static final String REAL_LOGS = "../events/src/test/resources/real-logs/";

    @TempDir
    Path dir;

    /** rule|principal|subject|severity|evidence count, sorted: the order findings arrive in is not fixed. */
    private static List<String> summaries(List<JsonNode> findings) {
        List<String> out = new ArrayList<>();
        for (JsonNode f : findings) {
            out.add(f.get("rule_id").asText() + "|" + f.get("principal").asText() + "|" + f.get("subject").asText() + "|"
                    + f.get("severity").asText() + "|" + f.get("evidence").size());
        }
        out.sort(null);
        return out;
    }

    private static Map<String, Integer> reasons(List<JsonNode> deadLetters) {
        Map<String, Integer> out = new TreeMap<>();
        deadLetters.forEach(d -> out.merge(d.get("reason").asText(), 1, Integer::sum));
        return out;
    }

    @Test
    void theBundledSampleDayYieldsItsThreeIntrusions() throws Exception {
        PipelineRun run = PipelineRun.over(dir, List.of("../job/sample-data"));

        assertThat(summaries(run.findings)).containsExactly(
                "log-tampering|arn:aws:iam::111122223333:user/dave|trail-stopped:arn:aws:cloudtrail:us-east-1:111122223333:trail/acme-org-trail|critical|3",
                "log-tampering|etl-loader@acme-analytics.iam.gserviceaccount.com|log-sink-deleted:projects/acme-analytics/sinks/audit-to-bigquery|high|1",
                "log-tampering|grace@acme.example|diagnostic-setting-deleted:/SUBSCRIPTIONS/3F2E1D0C-B9A8-4765-8432-10FEDCBA9876/PROVIDERS/MICROSOFT.INSIGHTS/DIAGNOSTICSETTINGS/SEND-TO-SENTINEL|high|1");
        JsonNode dave = run.findings.stream().filter(f -> f.get("cloud").asText().equals("aws")).findFirst().orElseThrow();
        assertThat(dave.get("first_seen").asText()).isEqualTo("2026-11-02T13:04:30Z");
        assertThat(dave.get("last_seen").asText()).isEqualTo("2026-11-02T13:09:12Z");
        assertThat(dave.get("source_ips").toString()).isEqualTo("[\"175.16.199.20\"]");
        assertThat(dave.get("mitre").toString()).isEqualTo("[\"T1562.008\"]");
        assertThat(dave.get("facts").get("failed_attempts").asText()).isEqualTo("2");
        assertThat(dave.get("evidence").findValuesAsText("action")).containsExactly("StopLogging", "DeleteTrail", "StopLogging");
        assertThat(dave.get("evidence").findValuesAsText("outcome")).containsExactly("failure", "failure", "success");

        assertThat(run.deadLetters).hasSize(1);
        assertThat(run.deadLetters.get(0).get("reason").asText()).isEqualTo("not JSON: Unexpected end-of-input in VALUE_STRING");
        assertThat(run.deadLetters.get(0).get("origin").asText()).endsWith("gcp/cloudaudit.googleapis.com/data_access/2026/11/02/09:00:00_09:59:59_S0.json:8");
        assertThat(run.counter(Accumulators.EVENTS)).isEqualTo(1449);
        assertThat(run.counter(Accumulators.LATE_EVENTS)).isZero();
        assertThat(run.counter(Accumulators.FINDINGS)).isEqualTo(3);
    }

    @Test
    void stratusDetonations() throws Exception {
        PipelineRun run = PipelineRun.over(dir, List.of(REAL_LOGS + "stratus-red-team-detonation-logs"));

        // Five detonations tamper with logging; four make a credential for another user (each
        // detonation is its own account, so no principal has history to compare with).
        assertThat(summaries(run.findings)).containsExactly(
                "credential-persistence|arn:aws:iam::070411556318:user/christophe|aws-login-profile:stratus-red-team-login-profile-user|high|1",
                "credential-persistence|arn:aws:iam::229654561268:user/christophe|aws-access-key:malicious-iam-user|high|1",
                "credential-persistence|arn:aws:iam::763751499319:user/christophe|aws-login-profile-update:stratus-red-team-update-login-profile-user|high|1",
                "credential-persistence|arn:aws:iam::946986569305:user/christophe|aws-access-key:stratus-red-team-backdoor-u-user|high|1",
                "log-tampering|arn:aws:iam::143434273843:user/christophe|trail-stopped:stratus-red-team-ct-stop-trail-buykxbqejv|high|1",
                "log-tampering|arn:aws:iam::206821776919:user/christophe|dns-query-logs-deleted:rqlc-4473f20ca554c07|medium|1",
                "log-tampering|arn:aws:iam::498376118699:user/christophe|flow-logs-deleted:fl-0e17aa62a21d4bbfe|medium|1",
                "log-tampering|arn:aws:iam::847129010505:user/christophe|trail-deleted:stratus-red-team-cloudtraild-trail-kvrwohmiai|high|1",
                "log-tampering|arn:aws:iam::958312252124:user/christophe|event-selectors-narrowed:stratus-red-team-ctes-trail-khlvciwdor|high|1");
        assertThat(run.counter(Accumulators.EVENTS)).isEqualTo(310);
        assertThat(run.counter(Accumulators.LATE_EVENTS)).isZero();
        // The stratus folder also holds its LICENSE and NOTICE: each non-blank line of them is a
        // dead letter (169 + 3); no detonation record is.
        assertThat(run.deadLetters).hasSize(172);
        assertThat(run.counter(Accumulators.DEAD_LETTERS)).isEqualTo(172);
        assertThat(run.deadLetters).allSatisfy(d -> assertThat(d.get("origin").asText()).matches(".*detonation-logs/(LICENSE|NOTICE):\\d+"));
    }

    @Test
    void theCompromisedRootStoryReplayedInOrder() throws Exception {
        // Parallelism 1: the victim's fortnight of history reaches the detectors before the attack
        // (with two readers the two files race, and the keyed detectors decide in arrival order).
        PipelineRun run = PipelineRun.over(dir, List.of(REAL_LOGS + "panther-analysis/test_scenarios/compromised-root-creds"),
                ConfigLoader.defaults(), 1);

        // The root user signs in from a new address after two weeks from one, makes an access key for
        // itself and one for a user it just created. Its StopLogging failed
        // (NotOrganizationMasterAccountException), so it is evidence of nothing on its own.
        assertThat(summaries(run.findings)).containsExactly(
                "credential-persistence|arn:aws:iam::493859302102:root|aws-access-key:Root|high|1",
                "credential-persistence|arn:aws:iam::493859302102:root|aws-access-key:tracy_stone|critical|1",
                "new-source-ip|arn:aws:iam::493859302102:root|92.55.146.245|medium|1");
        JsonNode login = run.findings.stream().filter(f -> f.get("rule_id").asText().equals("new-source-ip")).findFirst().orElseThrow();
        assertThat(login.get("first_seen").asText()).isEqualTo("2020-11-01T08:29:10Z");
        assertThat(login.get("facts").get("known").asText()).isEqualTo("71.253.251.71");
        assertThat(login.get("facts").get("action_sensitivity").asText()).isEqualTo("sign-in");
        assertThat(run.counter(Accumulators.EVENTS)).isEqualTo(12 + 4);
        assertThat(run.counter(Accumulators.LATE_EVENTS)).isZero();
    }

    @Test
    void everyPantherRuleTestEventIsDecodedOrDeadLetteredWithItsReason() throws Exception {
        PipelineRun run = PipelineRun.over(dir, List.of(REAL_LOGS + "panther-analysis/panther_tests_AWS_CloudTrail.events.jsonl",
                REAL_LOGS + "panther-analysis/panther_tests_GCP_AuditLog.events.jsonl",
                REAL_LOGS + "panther-analysis/panther_tests_Azure_MonitorActivity.events.jsonl"));

        assertThat(run.counter(Accumulators.EVENTS) + run.counter(Accumulators.LATE_EVENTS)).isEqualTo(444 + 122 + 214);
        assertThat(run.counter(Accumulators.DEAD_LETTERS)).isEqualTo(31 + 84 + 35);
        Map<String, Integer> reasons = reasons(run.deadLetters);
        assertThat(reasons).containsEntry("no event time: field 'eventTime' is missing", 16);
        assertThat(reasons.values().stream().mapToInt(Integer::intValue).sum())
                .isEqualTo((int) (run.counter(Accumulators.DEAD_LETTERS) + run.counter(Accumulators.LATE_EVENTS)));
    }
}
