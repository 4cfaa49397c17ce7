package io.trailhunt.job.graph;

import com.fasterxml.jackson.databind.JsonNode;
import io.trailhunt.enrichment.geoip.EnrichGeoIp;
import io.trailhunt.enrichment.geoip.GeoIpSettings;
import io.trailhunt.job.config.ConfigLoader;
import io.trailhunt.job.config.OutputSettings;
import io.trailhunt.job.config.TrailhuntConfig;
import org.apache.flink.runtime.testutils.MiniClusterResourceConfiguration;
import org.apache.flink.test.junit5.MiniClusterExtension;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
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
                    + f.get("severity").asText() + "|" + f.get("evidence").size()
                    + (f.path("update").asBoolean() ? "|update x" + f.get("count").asInt() : ""));
        }
        out.sort(null);
        return out;
    }

    private static Map<String, Integer> reasons(List<JsonNode> deadLetters) {
        Map<String, Integer> out = new TreeMap<>();
        deadLetters.forEach(d -> out.merge(d.get("reason").asText(), 1, Integer::sum));
        return out;
    }

    /**
     * The defaults, with an out-of-orderness bound longer than the hour the sample's files span.
     * With the default 15 minutes a source reader that takes one cloud's 16:00 file after another
     * cloud's makes the second file's early events late, depending on which reader is faster: the
     * findings would then depend on timing. A bounded replay of hourly files needs the longer bound.
     */
    private TrailhuntConfig replayConfig(String rules) throws Exception {
        Path yaml = dir.resolve("replay.yaml");
        Files.writeString(yaml, "event-time:\n  max-out-of-orderness: 2h\n" + rules);
        return ConfigLoader.load(yaml);
    }

    private static JsonNode finding(PipelineRun run, String rule, String principal) {
        return run.findings.stream().filter(f -> f.get("rule_id").asText().equals(rule) && f.get("principal").asText().equals(principal))
                .findFirst().orElseThrow();
    }

    @Test
    void theBundledSampleDayYieldsEveryStoryItTells() throws Exception {
        // as bin/trailhunt runs it: the bundled sample with MaxMind's test databases
        TrailhuntConfig sample = ConfigLoader.defaults().withGeoIp(GeoIpSettings.defaults().withTestDatabases(Path.of("sample-geoip")));
        PipelineRun run = PipelineRun.over(dir, List.of("../job/sample-data"), sample);

        String dave = "arn:aws:iam::111122223333:user/dave";
        String etl = "etl-loader@acme-analytics.iam.gserviceaccount.com";
        String trail = "trail-stopped:arn:aws:cloudtrail:us-east-1:111122223333:trail/acme-org-trail";
        String sink = "log-sink-deleted:projects/acme-analytics/sinks/audit-to-bigquery";
        assertThat(summaries(run.findings)).containsExactly(
                "after-hours-access|" + etl + "|Mon 21:00-22:00|low|7",
                "after-hours-access|" + etl + "|Mon 22:00-23:00|low|7",
                "after-hours-access|" + etl + "|Mon 23:00-24:00|low|7",
                "anonymizing-network|" + etl + "|tor-exit|high|1",
                "anonymizing-network|" + etl + "|tor-exit|high|50|update x74",
                "anonymizing-network|ivan@acme.example|tor-exit|high|1",
                "bucket-enumeration|arn:aws:iam::111122223333:user/svc-backup|refused-buckets|high|11",
                "bulk-object-download|" + dave + "|acme-customer-exports|medium|42",
                "credential-persistence|" + dave + "|aws-access-key:svc-backup|high|1",
                "credential-persistence|" + etl + "|key-use:3b9f0c2a7d1e4f5a6b7c8d9e0f1a2b3c4d5e6f70|high|1",
                "credential-persistence|" + etl + "|key-use:3b9f0c2a7d1e4f5a6b7c8d9e0f1a2b3c4d5e6f70|high|50|update x74",
                "defense-evasion-then-action|" + dave + "|" + trail + "|critical|2",
                "defense-evasion-then-action|" + etl + "|" + sink + "|critical|2",
                "failed-logins-then-success|grace@acme.example|sign-in-from:175.16.199.40|high|7",
                "iam-backdoor-chain|" + dave + "|user:svc-reports-sync|critical|3",
                "impossible-travel|" + dave + "|Linköping, SE -> Changchun, CN|high|11|update x10",
                "impossible-travel|" + dave + "|Linköping, SE -> Changchun, CN|high|2",
                "impossible-travel|grace@acme.example|Linköping, SE -> Changchun, CN|high|2",
                "log-tampering|" + dave + "|" + trail + "|critical|3",
                "log-tampering|" + etl + "|" + sink + "|high|1",
                "log-tampering|grace@acme.example|diagnostic-setting-deleted:/SUBSCRIPTIONS/3F2E1D0C-B9A8-4765-8432-10FEDCBA9876/PROVIDERS/MICROSOFT.INSIGHTS/DIAGNOSTICSETTINGS/SEND-TO-SENTINEL|high|1",
                "many-source-ips|" + etl + "|window|medium|11",
                "many-source-ips|" + etl + "|window|medium|13|update x3",
                "new-asn|arn:aws:iam::111122223333:user/bob|AS6167|medium|1",
                "new-country|" + dave + "|CN|high|1",
                "new-country|grace@acme.example|CN|critical|1",
                "new-source-ip|arn:aws:iam::111122223333:user/alice|89.160.20.130|low|1",
                "novel-activity|" + dave + "|action:DescribeTrails|medium|1",
                "novel-activity|frank@acme.example|client:python-requests/?|medium|1",
                "password-spray|ivan@acme.example|spray-from:81.2.69.160|critical|13",
                "principal-risk|" + dave + "|risk|critical|11",
                "principal-risk|" + etl + "|risk|critical|6",
                "principal-risk|grace@acme.example|risk|critical|4",
                "principal-risk|ivan@acme.example|risk|critical|2",
                "snapshot-exfiltration|" + dave + "|snapshot:snap-0a1b2c3d4e5f67890|critical|4",
                "uncommon-storage-client|" + dave + "|S3 Browser|high|1",
                "volume-spike|" + dave + "|data|medium|4",
                "volume-spike|" + etl + "|data|medium|4");

        JsonNode tampering = finding(run, "log-tampering", dave);
        assertThat(tampering.get("first_seen").asText()).isEqualTo("2026-11-02T13:04:30Z");
        assertThat(tampering.get("last_seen").asText()).isEqualTo("2026-11-02T13:09:12Z");
        assertThat(tampering.get("source_ips").toString()).isEqualTo("[\"175.16.199.20\"]");
        assertThat(tampering.get("mitre").toString()).isEqualTo("[\"T1562.008\"]");
        assertThat(tampering.get("facts").get("failed_attempts").asText()).isEqualTo("2");
        assertThat(tampering.get("evidence").findValuesAsText("action")).containsExactly("StopLogging", "DeleteTrail", "StopLogging");
        assertThat(tampering.get("evidence").findValuesAsText("outcome")).containsExactly("failure", "failure", "success");

        // GeoIP: every evidence event located in Changchun; the finding's geo is the latest one's.
        assertThat(tampering.get("evidence").findValuesAsText("country_iso")).containsExactly("CN", "CN", "CN");
        assertThat(tampering.get("evidence").findValuesAsText("city")).containsExactly("Changchun", "Changchun", "Changchun");
        assertThat(tampering.get("evidence").findValues("latitude")).extracting(JsonNode::asDouble).containsExactly(43.88, 43.88, 43.88);
        assertThat(tampering.get("evidence").findValues("longitude")).extracting(JsonNode::asDouble).containsExactly(125.3228, 125.3228, 125.3228);
        assertThat(tampering.get("evidence").findValues("asn")).isEmpty(); // not in the ASN test database
        assertThat(tampering.get("geo").toString()).isEqualTo("{\"source\":\"geoip\",\"country_iso\":\"CN\",\"city\":\"Changchun\","
                + "\"latitude\":43.88,\"longitude\":125.3228,\"accuracy_radius_km\":100,\"time_zone\":\"Asia/Harbin\"}");
        JsonNode etlTampering = finding(run, "log-tampering", etl);
        assertThat(etlTampering.get("geo").toString()).isEqualTo("{\"source\":\"geoip\",\"country_iso\":\"GB\",\"city\":\"London\","
                + "\"latitude\":51.5142,\"longitude\":-0.0931,\"accuracy_radius_km\":10,\"time_zone\":\"Europe/London\","
                + "\"anonymous\":true,\"anonymous_vpn\":true,\"hosting_provider\":true,\"public_proxy\":true,\"residential_proxy\":true,\"tor_exit_node\":true}");
        JsonNode graceTampering = finding(run, "log-tampering", "grace@acme.example");
        assertThat(graceTampering.get("evidence").get(0).get("source_ip").asText()).isEqualTo("175.16.199.40");
        assertThat(graceTampering.get("evidence").get(0).get("city").asText()).isEqualTo("Changchun");

        JsonNode snapshot = finding(run, "snapshot-exfiltration", dave);
        assertThat(snapshot.get("evidence").findValuesAsText("action"))
                .containsExactly("GetCallerIdentity", "CreateSnapshot", "ModifySnapshotAttribute", "DeleteSnapshot");
        assertThat(snapshot.get("first_seen").asText()).isEqualTo("2026-11-02T13:02:11Z");
        assertThat(snapshot.get("last_seen").asText()).isEqualTo("2026-11-02T13:44:51Z");
        assertThat(snapshot.get("facts").get("shared_with").asText()).isEqualTo("999988887777");
        assertThat(snapshot.get("mitre").toString()).isEqualTo("[\"T1537\"]");

        JsonNode evasion = finding(run, "defense-evasion-then-action", dave);
        assertThat(evasion.get("evidence").findValuesAsText("action")).containsExactly("StopLogging", "GetObject");
        assertThat(evasion.get("evidence").get(1).get("event_time").asText()).startsWith("2026-11-02T13:25:0");

        JsonNode grace = finding(run, "failed-logins-then-success", "grace@acme.example");
        assertThat(grace.get("evidence").findValuesAsText("outcome"))
                .containsExactly("failure", "failure", "failure", "failure", "failure", "failure", "success");
        assertThat(grace.get("first_seen").asText()).isEqualTo("2026-11-02T16:00:05Z");
        assertThat(grace.get("last_seen").asText()).isEqualTo("2026-11-02T16:07:19Z");
        assertThat(grace.get("facts").get("success_from_failing_address").asText()).isEqualTo("true");
        assertThat(grace.get("mitre").toString()).isEqualTo("[\"T1110\",\"T1078\"]");

        assertThat(run.deadLetters).hasSize(1);
        assertThat(run.deadLetters.get(0).get("reason").asText()).isEqualTo("not JSON: Unexpected end-of-input in VALUE_STRING");
        assertThat(run.deadLetters.get(0).get("origin").asText()).endsWith("gcp/cloudaudit.googleapis.com/data_access/2026/11/02/09:00:00_09:59:59_S0.json:8");
        assertThat(run.counter(Accumulators.EVENTS)).isEqualTo(3325);
        assertThat(run.counter(Accumulators.LATE_EVENTS)).isZero();
        assertThat(run.counter(Accumulators.LATE_FOR_SEQUENCES)).isZero();
        assertThat(run.counter(Accumulators.FINDINGS)).isEqualTo(34);
        assertThat(run.counter(Accumulators.FINDING_UPDATES)).isEqualTo(4);
        // The ETL key's session through Tor exits: one finding at its first call, one update of it with the whole session
        List<JsonNode> tor = run.findings.stream()
                .filter(f -> f.get("rule_id").asText().equals("anonymizing-network") && f.get("principal").asText().equals(etl)).toList();
        assertThat(tor).extracting(f -> f.get("count").asInt()).containsExactly(1, 74);
        assertThat(tor.get(1).get("finding_id").asText()).isEqualTo(tor.get(0).get("finding_id").asText());
        assertThat(tor.get(1).get("first_seen").asText()).isEqualTo(tor.get(0).get("first_seen").asText());
        assertThat(tor.get(1).get("source_ips").size()).isGreaterThan(tor.get(0).get("source_ips").size());
        assertThat(tor.get(1).get("explanation").asText()).contains(" Update: the rule concluded this 74 times in all");
        // 2,765 events come from 23 public addresses; each of the 2 subtasks looks each up at most once
        long hits = run.counter(EnrichGeoIp.CACHE_HITS_ACCUMULATOR);
        long misses = run.counter(EnrichGeoIp.CACHE_MISSES_ACCUMULATOR);
        assertThat(hits + misses).isEqualTo(2765);
        assertThat(misses).isBetween(23L, 46L);
        JsonNode bulk = run.findings.stream().filter(f -> f.get("rule_id").asText().equals("bulk-object-download")).findFirst().orElseThrow();
        assertThat(bulk.get("facts").get("reads").asText()).isEqualTo("140");
        assertThat(bulk.get("facts").get("buckets").asText()).isEqualTo("acme-customer-exports=140");
        assertThat(bulk.get("first_seen").asText()).isEqualTo("2026-11-02T13:25:01Z");
        assertThat(bulk.get("source_ips").toString()).isEqualTo("[\"175.16.199.20\"]");
        assertThat(bulk.get("facts").get("confidence").asText()).isEqualTo("0.64"); // 140 reads over 100
        assertThat(bulk.get("risk_score").asInt()).isEqualTo(32);

        // svc-backup's key, made by dave's attacker at 13:08, lists the buckets at 14:31 and is refused on ten of eleven
        JsonNode probing = finding(run, "bucket-enumeration", "arn:aws:iam::111122223333:user/svc-backup");
        assertThat(probing.get("title").asText()).isEqualTo("Bucket probing: 10 buckets refused");
        assertThat(probing.get("facts").get("refused_buckets_per_window").asText()).isEqualTo("10");
        assertThat(probing.get("facts").get("calls").asText()).isEqualTo("12");
        assertThat(probing.get("first_seen").asText()).isEqualTo("2026-11-02T14:31:15Z");
        assertThat(probing.get("last_seen").asText()).isEqualTo("2026-11-02T14:33:10Z");
        assertThat(probing.get("risk_score").asInt()).isEqualTo(56); // high 75 x confidence 0.75
    }

    @Test
    void everyEventOfTheSampleDayIsScoredToTheScoresOutput() throws Exception {
        TrailhuntConfig config = ConfigLoader.defaults().withScores(OutputSettings.file("unused"));
        PipelineRun run = PipelineRun.over(dir, List.of("../job/sample-data"), config);

        assertThat(run.scores).hasSize((int) run.counter(Accumulators.EVENTS));
        JsonNode first = run.scores.stream()
                .filter(s -> s.get("principal").asText().endsWith("user/dave") && s.get("source_ip").asText().equals("175.16.199.20"))
                .min(java.util.Comparator.comparing(s -> s.get("event_time").asText())).orElseThrow();
        assertThat(first.get("rule_id").asText()).isEqualTo("novel-activity");
        assertThat(first.get("event_time").asText()).isEqualTo("2026-11-02T13:02:11Z");
        assertThat(first.get("action").asText()).isEqualTo("GetCallerIdentity");
        assertThat(first.get("warming_up").asBoolean()).isFalse(); // the fortnight of history is enough
        assertThat(first.get("components").get("client").get("value").asText()).isEqualTo("aws-cli/linux");
        assertThat(first.get("components").fieldNames()).toIterable().containsExactly("action", "service", "asn", "country", "client");
    }

    @Test
    void stratusDetonations() throws Exception {
        PipelineRun run = PipelineRun.over(dir, List.of(REAL_LOGS + "stratus-red-team-detonation-logs"), replayConfig(""));

        // Five detonations tamper with logging; four make a credential for another user (each
        // detonation is its own account, so no principal has history to compare with). Three share
        // a snapshot, an RDS snapshot and an AMI with another account: lone shares, reported when
        // their window closes. Two create an admin identity.
        assertThat(summaries(run.findings)).containsExactly(
                "credential-persistence|arn:aws:iam::070411556318:user/christophe|aws-login-profile:stratus-red-team-login-profile-user|high|1",
                "credential-persistence|arn:aws:iam::229654561268:user/christophe|aws-access-key:malicious-iam-user|high|1",
                "credential-persistence|arn:aws:iam::763751499319:user/christophe|aws-login-profile-update:stratus-red-team-update-login-profile-user|high|1",
                "credential-persistence|arn:aws:iam::946986569305:user/christophe|aws-access-key:stratus-red-team-backdoor-u-user|high|1",
                "iam-backdoor-chain|arn:aws:iam::229654561268:user/christophe|user:malicious-iam-user|critical|3",
                "iam-backdoor-chain|arn:aws:iam::609418236337:user/christophe|role:stratus-red-team-malicious-iam-role|critical|2",
                "log-tampering|arn:aws:iam::143434273843:user/christophe|trail-stopped:stratus-red-team-ct-stop-trail-buykxbqejv|high|1",
                "log-tampering|arn:aws:iam::206821776919:user/christophe|dns-query-logs-deleted:rqlc-4473f20ca554c07|medium|1",
                "log-tampering|arn:aws:iam::498376118699:user/christophe|flow-logs-deleted:fl-0e17aa62a21d4bbfe|medium|1",
                "log-tampering|arn:aws:iam::847129010505:user/christophe|trail-deleted:stratus-red-team-cloudtraild-trail-kvrwohmiai|high|1",
                "log-tampering|arn:aws:iam::958312252124:user/christophe|event-selectors-narrowed:stratus-red-team-ctes-trail-khlvciwdor|high|1",
                "principal-risk|arn:aws:iam::229654561268:user/christophe|risk|critical|2",
                "snapshot-exfiltration|arn:aws:iam::118238665043:user/christophe|image:ami-de1fbCab6ccB03e6D|medium|1",
                "snapshot-exfiltration|arn:aws:iam::171471557522:user/christophe|snapshot:exfiltration|medium|1",
                "snapshot-exfiltration|arn:aws:iam::756680937392:user/christophe|snapshot:snap-041993b54a9b3af6f|medium|1");
        assertThat(finding(run, "snapshot-exfiltration", "arn:aws:iam::171471557522:user/christophe").get("facts").get("shared_with").asText())
                .isEqualTo("503161813013");
        assertThat(run.counter(Accumulators.EVENTS)).isEqualTo(310);
        assertThat(run.counter(Accumulators.LATE_EVENTS)).isZero();
        assertThat(run.counter(Accumulators.LATE_FOR_SEQUENCES)).isZero();
        // The stratus folder also holds its LICENSE and NOTICE: each non-blank line of them is a
        // dead letter (169 + 3); no detonation record is.
        assertThat(run.counter(Accumulators.DEAD_LETTERS)).isEqualTo(172);
        assertThat(run.deadLetters).hasSize(172)
                .allSatisfy(d -> assertThat(d.get("origin").asText()).matches(".*detonation-logs/(LICENSE|NOTICE):\\d+"));
    }

    @Test
    void theRootUsersFailedLoginsAreAStoryOnceTheWindowSpansThem() throws Exception {
        // Three failures over 33 hours, then the success: no story in the default 10 minutes.
        PipelineRun run = PipelineRun.over(dir, List.of(REAL_LOGS + "panther-analysis/test_scenarios/compromised-root-creds"),
                replayConfig("rules:\n  failed-logins-then-success:\n    window: 36h\n"), 1);
        JsonNode root = finding(run, "failed-logins-then-success", "arn:aws:iam::493859302102:root");
        assertThat(root.get("severity").asText()).isEqualTo("critical");
        assertThat(root.get("title").asText()).isEqualTo("Root sign-in succeeded after 3 failed attempts");
        assertThat(root.get("evidence").findValuesAsText("event_time")).containsExactly(
                "2020-10-30T23:25:32Z", "2020-10-31T10:32:00Z", "2020-10-31T14:45:00Z", "2020-11-01T08:29:10Z");
        assertThat(root.get("source_ips").toString()).isEqualTo("[\"92.55.146.245\"]");
        // The sequence rules only: the victim file's history is 12 days older than its first record, and whether the
        // periodic watermark passes it before it is read (making it late, and the new address not new) depends on timing.
        assertThat(summaries(run.findings)).filteredOn(s -> s.startsWith("failed-logins") || s.startsWith("iam-backdoor")).containsExactly(
                "failed-logins-then-success|arn:aws:iam::493859302102:root|sign-in-from:92.55.146.245|critical|4",
                "iam-backdoor-chain|arn:aws:iam::493859302102:root|user:tracy_stone|critical|3");
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
                "iam-backdoor-chain|arn:aws:iam::493859302102:root|user:tracy_stone|critical|3",
                "new-source-ip|arn:aws:iam::493859302102:root|92.55.146.245|medium|1",
                "principal-risk|arn:aws:iam::493859302102:root|risk|critical|4");
        JsonNode tracy = finding(run, "iam-backdoor-chain", "arn:aws:iam::493859302102:root");
        assertThat(tracy.get("evidence").findValuesAsText("action")).containsExactly("CreateUser", "AttachUserPolicy", "CreateAccessKey");
        assertThat(tracy.get("facts").get("power").asText()).isEqualTo("arn:aws:iam::aws:policy/IAMFullAccess");
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
                .isEqualTo((int) (run.counter(Accumulators.DEAD_LETTERS) + run.counter(Accumulators.LATE_EVENTS)
                        + run.counter(Accumulators.LATE_FOR_SEQUENCES)));
    }

    /**
     * The panther rule-test events are years (2015 to 2026) in no order. With a watermark lag above
     * that span every event is held until the input ends, so none is late and the findings are the
     * same on every run, however the two readers interleave (docs/operations.md).
     */
    @Test
    void anUnsortedArchiveReplayedWithALagAboveItsSpanGivesTheSameFindingsEveryTime() throws Exception {
        List<String> files = List.of(REAL_LOGS + "panther-analysis/panther_tests_AWS_CloudTrail.events.jsonl",
                REAL_LOGS + "panther-analysis/panther_tests_GCP_AuditLog.events.jsonl",
                REAL_LOGS + "panther-analysis/panther_tests_Azure_MonitorActivity.events.jsonl");
        List<List<String>> findingIds = new ArrayList<>();
        for (int i = 0; i < 2; i++) {
            Path runDir = Files.createDirectory(dir.resolve("run-" + i));
            Path yaml = runDir.resolve("unsorted.yaml");
            Files.writeString(yaml, "event-time:\n  max-out-of-orderness: 36500d\n");
            PipelineRun run = PipelineRun.over(runDir, files, ConfigLoader.load(yaml));

            assertThat(run.counter(Accumulators.LATE_EVENTS)).isZero();
            assertThat(run.counter(Accumulators.LATE_FOR_SEQUENCES)).isZero();
            assertThat(run.counter(Accumulators.EVENTS)).isEqualTo(444 + 122 + 214);
            assertThat(run.counter(Accumulators.DEAD_LETTERS)).isEqualTo(31 + 84 + 35);
            assertThat(summaries(run.findings)).containsExactly(UNSORTED_FINDINGS);
            findingIds.add(run.findings.stream().map(f -> f.get("finding_id").asText()).sorted().toList());
        }
        assertThat(findingIds.get(1)).isEqualTo(findingIds.get(0));
    }

    private static final String[] UNSORTED_FINDINGS = {
        "credential-persistence|arn:aws:iam::123456789012:root|aws-access-key:example-user|critical|1",
        "credential-persistence|arn:aws:iam::123456789012:root|aws-access-key:|high|1",
        "credential-persistence|arn:aws:iam::123456789:user/jackson|aws-access-key:jack|high|1",
        "credential-persistence|arn:aws:iam::123456789:user/jack|aws-access-key:jackson|high|1",
        "credential-persistence|arn:aws:iam::123456789:user/user1|aws-access-key:user1|medium|1",
        "credential-persistence|arn:aws:iam::123456789:user/user1|aws-access-key:user2|high|1",
        "credential-persistence|arn:aws:sts::98765432:assumed-role/IAM/alice|aws-login-profile-update:alice|high|1",
        "credential-persistence|some-project@company.iam.gserviceaccount.com|key-use:a378358365ff3d22e9c1a72fecf4605ddff76b47|medium|1",
        "credential-persistence|some-project@company.iam.gserviceaccount.com|key-use:a378358365ff3d22e9c1a72fecf4605ddff76b47|medium|1|update x6",
        "credential-persistence|some.user@some-project.com|key-use:dc5344c246064589v76ec76f66bafc92b093ed41|medium|1",
        "credential-persistence|some.user@some-project.com|key-use:dc5344c246064589v76ec76f66bafc92b093ed41|medium|3|update x3",
        "credential-persistence|staging@company.io|gcp-service-account-key:123456789098765434567|medium|1",
        "credential-persistence|user@example.com|key-use:key-id|medium|1",
        "credential-persistence|user@example.com|key-use:key-id|medium|3|update x3",
        "credential-persistence|whodoneit@some-project.iam.gserviceaccount.com|key-use:123er456788|medium|1",
        "defense-evasion-then-action|AROAEXAMPLE:session-name|trail-weakened:management-events|high|2",
        "failed-logins-then-success|arn:aws:iam::123456789012:user/tester|sign-in-from:111.111.111.111|high|4",
        "log-tampering|AROAEXAMPLE:session-name|trail-weakened:management-events|medium|1",
        "log-tampering|arn:aws:sts::111122223333:assumed-role/SampleRole/leroy.jenkins|dns-query-logs-deleted:rqlc-5aa596fe3bd84ec6|medium|1",
        "log-tampering|arn:aws:sts::111122223333:assumed-role/SampleRole/leroy.jenkins|event-selectors-narrowed:sample-cloudtrail-name|high|1",
        "log-tampering|arn:aws:sts::111122223333:assumed-role/SampleRole/leroy.jenkins|flow-logs-deleted:fl-0ef673ef70c4f07cc|medium|1",
        "log-tampering|arn:aws:sts::123456789012:assumed-role/example-role/example-user|trail-deleted:example-trail|high|1",
        "log-tampering|arn:aws:sts::123456789012:assumed-role/tester|config-delivery-deleted:|high|2",
        "log-tampering|arn:aws:sts::123456789012:assumed-role/tester|config-delivery-deleted:|high|2|update x2",
        "log-tampering|arn:aws:sts::123456789012:assumed-role/tester|trail-stopped:arn:aws:cloudtrail:us-west-2:123456789012:trail/example-trail|high|1",
        "log-tampering|null|diagnostic-setting-deleted:/subscriptions/12345678-1234-1234-1234-123456789abc/resourceGroups/myresourcegroup/providers/Microsoft.Storage/storageAccounts/mystorageaccount/providers/Microsoft.Insights/diagnosticSettings/mydiagnostics|high|1",
        "log-tampering|null|diagnostic-setting-deleted:/subscriptions/12345678-1234-1234-1234-123456789abc/resourceGroups/prod-rg/providers/Microsoft.KeyVault/vaults/prodvault/providers/Microsoft.Insights/diagnosticSettings/logging|high|1",
        "principal-risk|arn:aws:sts::123456789012:assumed-role/example-role/example-user|risk|high|3",
        "snapshot-exfiltration|arn:aws:sts::123456789012:assumed-role/AWSReservedSSO_DevAdmin_635426549a280cc6/fake.user|snapshot:exfiltration|medium|1",
        "snapshot-exfiltration|arn:aws:sts::123456789012:assumed-role/example-role/example-user|image:ami-1111|high|1",
        "snapshot-exfiltration|arn:aws:sts::123456789012:assumed-role/example-role/example-user|snapshot:snap-1111|high|1"};

    /**
     * One record dated 2099 at the top of a file must not move the watermark past every other
     * event: it is a dead letter, and the replay finds what it finds without it.
     */
    @Test
    void aRecordDatedFarInTheFutureIsSetAsideAndBlindsNothing() throws Exception {
        Path stratus = Path.of(REAL_LOGS + "stratus-red-team-detonation-logs");
        Path copy = Files.createDirectory(dir.resolve("stratus"));
        try (var files = Files.list(stratus)) {
            for (Path f : files.toList()) {
                Files.copy(f, copy.resolve(f.getFileName()));
            }
        }
        Path stop = copy.resolve("aws.defense-evasion.cloudtrail-stop.json");
        String future = "{\"eventVersion\":\"1.08\",\"userIdentity\":{\"type\":\"IAMUser\",\"arn\":\"arn:aws:iam::143434273843:user/christophe\","
                + "\"accountId\":\"143434273843\"},\"eventTime\":\"2099-01-01T00:00:00Z\",\"eventSource\":\"s3.amazonaws.com\","
                + "\"eventName\":\"ListBuckets\",\"awsRegion\":\"us-east-1\",\"sourceIPAddress\":\"203.0.113.9\",\"eventID\":\"from-2099\"},";
        Files.writeString(stop, Files.readString(stop).replaceFirst("\\[", "[" + future));

        PipelineRun run = PipelineRun.over(dir, List.of(copy.toString()), replayConfig(""));

        assertThat(run.counter(Accumulators.LATE_EVENTS)).isZero();
        assertThat(run.counter(Accumulators.EVENTS)).isEqualTo(310);
        assertThat(run.counter(Accumulators.DEAD_LETTERS)).isEqualTo(172 + 1);
        assertThat(run.deadLetters).filteredOn(d -> d.get("origin").asText().contains("cloudtrail-stop"))
                .extracting(d -> d.get("reason").asText()).singleElement().asString()
                .startsWith("event time 2099-01-01T00:00:00Z is ").contains(" ahead of the clock (").contains("more than event-time.max-future (1d)");
        assertThat(summaries(run.findings)).contains(
                "log-tampering|arn:aws:iam::143434273843:user/christophe|trail-stopped:stratus-red-team-ct-stop-trail-buykxbqejv|high|1")
                .hasSize(15);
    }
}
