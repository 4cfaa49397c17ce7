package io.trailhunt.detectors.realdata;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.trailhunt.detectors.Detector;
import io.trailhunt.detectors.KeyedRules;
import io.trailhunt.detectors.RecordingContext;
import io.trailhunt.detectors.host.MiniPipeline;
import io.trailhunt.detectors.novelty.NoveltyDetector;
import io.trailhunt.detectors.novelty.NoveltySettings;
import io.trailhunt.detectors.novelty.NoveltyState;
import io.trailhunt.detectors.risk.RiskSettings;
import io.trailhunt.detectors.scores.ScoredObservation;
import io.trailhunt.events.decode.DecoderLimits;
import io.trailhunt.events.decode.RecordDecoder;
import io.trailhunt.events.model.AuditEvent;
import io.trailhunt.events.model.Decoded;
import io.trailhunt.events.model.Finding;
import io.trailhunt.events.model.PrincipalType;
import io.trailhunt.events.settings.Section;
import io.trailhunt.events.testing.RealLogs;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

/**
 * The part-2 rules over the real logs: OTRF's EC2-proxy S3 exfiltration (CloudTrail) and OTRF's
 * S3 honey-bucket log (an alert export, rebuilt into CloudTrail records, see {@link HoneyBucketCsv}).
 * Both are small and have no history before the attack, which is what the defaults are built not
 * to report on; what each rule sees is asserted, with defaults and with thresholds for a small account.
 */
class RealLogsPart2Test {
    private static final String EXFILTRATION = "otrf-security-datasets/ec2_proxy_s3_exfiltration_2020-09-14011940.json";
    private static final String WAF_ROLE = "arn:aws:sts::123456789123:assumed-role/MordorNginxStack-BankingWAFRole-9S3E0UAE1MM0/i-0317f6c6b66ae9c40";
    private static final ObjectMapper JSON = new ObjectMapper();

    static List<AuditEvent> decodeLines(List<byte[]> lines, String origin) {
        RecordDecoder decoder = new RecordDecoder(DecoderLimits.defaults());
        List<AuditEvent> out = new ArrayList<>();
        int n = 0;
        for (byte[] line : lines) {
            for (Decoded d : decoder.decode(line, origin + ":" + ++n)) {
                if (d.isEvent()) {
                    out.add(d.event);
                }
            }
        }
        out.sort(Comparator.comparingLong(e -> e.eventTime));
        return out;
    }

    private static List<Detector<?>> detectors(String rulesJson) throws Exception {
        return KeyedRules.enabled(new Section("rules", JSON.readTree(rulesJson)));
    }

    private static List<Finding> run(List<AuditEvent> events, String rulesJson) throws Exception {
        try (MiniPipeline p = new MiniPipeline(detectors(rulesJson), RiskSettings.defaults(), "heap")) {
            p.replay(events);
            p.watermark(Long.MAX_VALUE);
            return p.reported;
        }
    }

    @Test
    void theS3ExfiltrationIsTooSmallAndTooNewForTheDefaults() throws Exception {
        List<AuditEvent> events = decodeLines(RealLogs.lines(EXFILTRATION), EXFILTRATION);
        assertThat(events).hasSize(103);
        Map<String, Long> perPrincipal = events.stream().collect(Collectors.groupingBy(e -> e.principal, LinkedHashMap::new, Collectors.counting()));
        assertThat(perPrincipal).containsEntry("arn:aws:iam::123456789123:user/pedro", 87L).containsEntry(WAF_ROLE, 11L);
        List<AuditEvent> role = events.stream().filter(e -> WAF_ROLE.equals(e.principal)).toList();
        // the attacker's session: ListBuckets twice, ListObjects seven times and GetObject twice (89 bytes) in 13 minutes
        assertThat(role).extracting(e -> e.action).containsExactly("ListBuckets", "ListObjects", "ListObjects", "ListObjects", "ListBuckets",
                "GetObject", "ListObjects", "ListObjects", "ListObjects", "ListObjects", "GetObject");

        // Defaults: 2 object reads (not > 100), 9 listings of 1 bucket (not > 50, not > 20 buckets), and a
        // session never seen before (no baseline for volume, novelty or hours): nothing.
        assertThat(run(events, "{}")).isEmpty();

        // Thresholds for a small account: more than 5 listings in an hour is enumeration, more than one read a bulk read.
        // Two medium findings (50 + 50, decayed) stay under principal-risk's 150.
        List<Finding> tuned = run(events, "{\"bucket-enumeration\": {\"max-listings\": 5}, \"bulk-object-download\": {\"max-reads\": 1}}");
        assertThat(tuned).filteredOn(f -> !f.ruleId.equals("new-source-ip")).extracting(f -> f.ruleId + "|" + f.principal + "|" + f.subject).containsExactlyInAnyOrder(
                "bucket-enumeration|" + WAF_ROLE + "|listings",
                "bulk-object-download|" + WAF_ROLE + "|mordors3stack-s3bucket-llp2yingx64a");
        Finding listing = tuned.stream().filter(f -> f.ruleId.equals("bucket-enumeration")).findFirst().orElseThrow();
        // the sixth listing (01:02:34) opens the burst; ten quiet minutes later it is told: six listings
        assertThat(listing.facts).containsEntry("listings_per_window", "6").containsEntry("first_call", "2020-09-14T01:00:04Z")
                .containsEntry("last_call", "2020-09-14T01:02:34Z");
        Finding reads = tuned.stream().filter(f -> f.ruleId.equals("bulk-object-download")).findFirst().orElseThrow();
        assertThat(reads.facts).containsEntry("reads", "2").containsEntry("bytes", "178").containsEntry("sample_keys", "ring.txt")
                .containsEntry("first_read", "2020-09-14T01:02:34Z").containsEntry("last_read", "2020-09-14T01:13:20Z");
        assertThat(reads.sourceIps).containsExactly("1.2.3.4");
    }

    @Test
    void theSessionsEventsAreScoredAgainstPedrosHabits() throws Exception {
        List<AuditEvent> events = decodeLines(RealLogs.lines(EXFILTRATION), EXFILTRATION);
        NoveltyDetector novelty = new NoveltyDetector(NoveltySettings.defaults());
        RecordingContext ctx = new RecordingContext();
        ctx.wantScores = true;
        Map<String, NoveltyState> states = new HashMap<>();
        for (AuditEvent e : events) {
            states.put(e.principal, novelty.onEvent(states.get(e.principal), e, ctx));
        }
        assertThat(ctx.findings).isEmpty(); // nobody has 50 events over 7 days
        assertThat(ctx.scores).hasSize(103);
        ScoredObservation firstOfSession = ctx.scores.stream().filter(s -> WAF_ROLE.equals(s.principal)).findFirst().orElseThrow();
        // population: pedro (87 EC2 console calls) and the EC2 service's AssumeRole; the session's first call, ListBuckets on S3
        // with the CLI, is new to everyone in action, service and client
        assertThat(firstOfSession.action).isEqualTo("ListBuckets");
        assertThat(firstOfSession.warmingUp).isTrue();
        assertThat(firstOfSession.values).containsExactly("ListBuckets", "s3.amazonaws.com", "?", "?", "aws-cli/macos");
        assertThat(firstOfSession.scoreBits).isCloseTo(firstOfSession.bits[0] + firstOfSession.bits[1] + firstOfSession.bits[2]
                + firstOfSession.bits[3] + firstOfSession.bits[4], within(1e-9));
    }

    @Test
    void theHoneyBucketScannersAreEachTooQuietAndFourHetznerAddressesListTwiceInAnHour() throws Exception {
        List<AuditEvent> events = HoneyBucketCsv.events();
        assertThat(events).hasSize(301);
        List<AuditEvent> anonymous = events.stream().filter(e -> e.principalType == PrincipalType.ANONYMOUS).toList();
        assertThat(anonymous).hasSize(284);
        assertThat(anonymous.stream().map(e -> e.sourceIp).distinct().count()).isEqualTo(216);
        assertThat(events.get(0).eventTime).isEqualTo(Instant.parse("2020-02-11T03:33:11Z").toEpochMilli());

        // Defaults: the busiest address makes 18 calls over five weeks, at most 2 in any hour: nothing. (Anonymous callers
        // have no baselines: after-hours, volume and novelty leave them to the windowed rules.) The account's own 17 calls
        // come from two addresses it had not used in its first week: part 1's new-source-ip, at low.
        assertThat(run(events, "{}")).extracting(f -> f.ruleId + "|" + f.subject + "|" + f.severity.id())
                .containsExactlyInAnyOrder("new-source-ip|188.40.66.118|low", "new-source-ip|172.85.105.122|low");

        // More than one listing an hour from one source: four addresses (all 95.216-217.x.x), each with two calls.
        List<Finding> tuned = run(events, "{\"bucket-enumeration\": {\"max-listings\": 1}}");
        assertThat(tuned).filteredOn(f -> !f.ruleId.equals("new-source-ip")).extracting(f -> f.ruleId + "|" + f.principal + "|" + f.subject + "|" + f.facts.get("listings_per_window"))
                .containsExactlyInAnyOrder(
                        "bucket-enumeration|anonymous|listings@95.216.202.243|2",
                        "bucket-enumeration|anonymous|listings@95.217.154.203|2",
                        "bucket-enumeration|anonymous|listings@95.216.151.196|2",
                        "bucket-enumeration|anonymous|listings@95.217.6.207|2");
    }

    static ObjectNode object() {
        return JSON.createObjectNode();
    }

    static byte[] utf8(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }
}
