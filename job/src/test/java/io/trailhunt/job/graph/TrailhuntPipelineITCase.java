package io.trailhunt.job.graph;

import com.fasterxml.jackson.databind.JsonNode;
import io.trailhunt.enrichment.geoip.EnrichGeoIp;
import io.trailhunt.enrichment.geoip.GeoIpSettings;
import io.trailhunt.job.config.ConfigLoader;
import io.trailhunt.job.config.TrailhuntConfig;
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
        // as bin/trailhunt runs it: the bundled sample with MaxMind's test databases
        TrailhuntConfig sample = ConfigLoader.defaults().withGeoIp(GeoIpSettings.defaults().withTestDatabases(Path.of("sample-geoip")));
        PipelineRun run = PipelineRun.over(dir, List.of("../job/sample-data"), sample);

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
        // GeoIP: every evidence event located in Changchun; the finding's geo is the latest one's.
        assertThat(dave.get("evidence").findValuesAsText("country_iso")).containsExactly("CN", "CN", "CN");
        assertThat(dave.get("evidence").findValuesAsText("city")).containsExactly("Changchun", "Changchun", "Changchun");
        assertThat(dave.get("evidence").findValues("latitude")).extracting(JsonNode::asDouble).containsExactly(43.88, 43.88, 43.88);
        assertThat(dave.get("evidence").findValues("longitude")).extracting(JsonNode::asDouble).containsExactly(125.3228, 125.3228, 125.3228);
        assertThat(dave.get("evidence").findValues("asn")).isEmpty(); // not in the ASN test database
        assertThat(dave.get("geo").toString()).isEqualTo("{\"source\":\"geoip\",\"country_iso\":\"CN\",\"city\":\"Changchun\","
                + "\"latitude\":43.88,\"longitude\":125.3228,\"accuracy_radius_km\":100,\"time_zone\":\"Asia/Harbin\"}");
        JsonNode etl = run.findings.stream().filter(f -> f.get("cloud").asText().equals("gcp")).findFirst().orElseThrow();
        assertThat(etl.get("geo").toString()).isEqualTo("{\"source\":\"geoip\",\"country_iso\":\"GB\",\"city\":\"London\","
                + "\"latitude\":51.5142,\"longitude\":-0.0931,\"accuracy_radius_km\":10,\"time_zone\":\"Europe/London\","
                + "\"anonymous\":true,\"anonymous_vpn\":true,\"hosting_provider\":true,\"public_proxy\":true,\"residential_proxy\":true,\"tor_exit_node\":true}");
        JsonNode grace = run.findings.stream().filter(f -> f.get("cloud").asText().equals("azure")).findFirst().orElseThrow();
        assertThat(grace.get("evidence").get(0).get("source_ip").asText()).isEqualTo("175.16.199.40");
        assertThat(grace.get("evidence").get(0).get("city").asText()).isEqualTo("Changchun");

        assertThat(run.deadLetters).hasSize(1);
        assertThat(run.deadLetters.get(0).get("reason").asText()).isEqualTo("not JSON: Unexpected end-of-input in VALUE_STRING");
        assertThat(run.deadLetters.get(0).get("origin").asText()).endsWith("gcp/cloudaudit.googleapis.com/data_access/2026/11/02/09:00:00_09:59:59_S0.json:8");
        assertThat(run.counter(Accumulators.EVENTS)).isEqualTo(1449);
        assertThat(run.counter(Accumulators.LATE_EVENTS)).isZero();
        assertThat(run.counter(Accumulators.FINDINGS)).isEqualTo(3);
        // 917 events come from the 8 public addresses; each of the 2 subtasks looks each up at most once
        long hits = run.counter(EnrichGeoIp.CACHE_HITS_ACCUMULATOR);
        long misses = run.counter(EnrichGeoIp.CACHE_MISSES_ACCUMULATOR);
        assertThat(hits + misses).isEqualTo(917);
        assertThat(misses).isBetween(8L, 16L);
    }

    @Test
    void stratusDetonationsAndTheCompromisedRootStory() throws Exception {
        PipelineRun run = PipelineRun.over(dir, List.of(REAL_LOGS + "stratus-red-team-detonation-logs",
                REAL_LOGS + "panther-analysis/test_scenarios/compromised-root-creds"));

        // Five detonations tamper with logging; the root user's StopLogging in the Panther story
        // failed (NotOrganizationMasterAccountException), so it is evidence of nothing on its own.
        assertThat(summaries(run.findings)).containsExactly(
                "log-tampering|arn:aws:iam::143434273843:user/christophe|trail-stopped:stratus-red-team-ct-stop-trail-buykxbqejv|high|1",
                "log-tampering|arn:aws:iam::206821776919:user/christophe|dns-query-logs-deleted:rqlc-4473f20ca554c07|medium|1",
                "log-tampering|arn:aws:iam::498376118699:user/christophe|flow-logs-deleted:fl-0e17aa62a21d4bbfe|medium|1",
                "log-tampering|arn:aws:iam::847129010505:user/christophe|trail-deleted:stratus-red-team-cloudtraild-trail-kvrwohmiai|high|1",
                "log-tampering|arn:aws:iam::958312252124:user/christophe|event-selectors-narrowed:stratus-red-team-ctes-trail-khlvciwdor|high|1");
        // Panther's two story files have no time in their names and overlap by hours: read one after
        // the other, some of the second may fall behind the watermark; they are reported, not lost.
        assertThat(run.counter(Accumulators.EVENTS) + run.counter(Accumulators.LATE_EVENTS)).isEqualTo(310 + 12 + 4);
        assertThat(run.deadLetters.stream().filter(d -> d.get("reason").asText().startsWith("late event")))
                .allSatisfy(d -> assertThat(d.get("origin").asText()).contains("compromised-root-creds"));
        // The stratus folder also holds its LICENSE and NOTICE: each non-blank line of them is a
        // dead letter (169 + 3); no detonation record is.
        assertThat(run.counter(Accumulators.DEAD_LETTERS)).isEqualTo(172);
        assertThat(run.deadLetters.stream().filter(d -> !d.get("reason").asText().startsWith("late event")))
                .hasSize(172)
                .allSatisfy(d -> assertThat(d.get("origin").asText()).matches(".*detonation-logs/(LICENSE|NOTICE):\\d+"));
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
