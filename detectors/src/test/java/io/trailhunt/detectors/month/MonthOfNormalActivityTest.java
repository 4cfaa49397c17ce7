package io.trailhunt.detectors.month;

import io.trailhunt.detectors.Detector;
import io.trailhunt.detectors.KeyedRules;
import io.trailhunt.detectors.risk.RiskSettings;
import io.trailhunt.events.model.AuditEvent;
import io.trailhunt.events.model.Category;
import io.trailhunt.events.model.Finding;
import io.trailhunt.detectors.host.MiniPipeline;
import io.trailhunt.events.settings.Section;
import io.trailhunt.events.testing.EventBuilder;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import static io.trailhunt.events.testing.EventBuilder.aws;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * A generated month of ordinary work for four principals ({@link Month}) through every keyed
 * detector with its defaults, suppression and principal-risk, in event time: the month raises
 * nothing. Then alice's key is used at 22:00 on a Monday from Changchun: recon, bucket listing,
 * a bulk download and secrets, and each rule finds its part with the numbers injected.
 */
class MonthOfNormalActivityTest {
    private static final Instant BURST = Month.END.plus(Duration.ofHours(22)); // Monday 2026-11-02 22:00 UTC
    private static final String CN_CLI = "aws-cli/2.13.0 Python/3.11.4 Linux/5.15.0-76-generic exe/x86_64.ubuntu.22 prompt/off";

    private static List<Detector<?>> everyDetector() {
        return KeyedRules.enabled(Section.empty("rules"));
    }

    private static void replay(MiniPipeline p, List<AuditEvent> events) throws Exception {
        p.replay(events);
    }

    private static AuditEvent stolen(EventBuilder b, Instant at) {
        return b.principal(Month.ALICE).at(at).ip("175.16.199.20").geo("CN", "Changchun", 43.88, 125.32, 4837).userAgent(CN_CLI).build();
    }

    private static List<AuditEvent> burst() {
        List<AuditEvent> out = new ArrayList<>();
        out.add(stolen(aws("sts.amazonaws.com", "GetCallerIdentity"), BURST.plusSeconds(5)));
        out.add(stolen(aws("s3.amazonaws.com", "ListBuckets"), BURST.plusSeconds(60)));
        for (int i = 0; i < 25; i++) {
            out.add(stolen(aws("s3.amazonaws.com", "ListObjects").category(Category.DATA).resource("bucket", "acme-bucket-" + i),
                    BURST.plusSeconds(120 + 10L * i)));
        }
        for (int i = 0; i < 300; i++) {
            out.add(stolen(aws("s3.amazonaws.com", "GetObject").category(Category.DATA).resource("bucket", "acme-finance")
                    .resource("objectKey", String.format("ledger/2026/%03d.csv", i)).param("additional.bytesTransferredOut", "3000000"),
                    BURST.plusSeconds(600 + 2L * i)));
        }
        for (int i = 0; i < 3; i++) {
            out.add(stolen(aws("secretsmanager.amazonaws.com", "GetSecretValue").resource("secretId", "prod/db-" + i), BURST.plusSeconds(1500 + 30L * i)));
        }
        return out;
    }

    private static String summary(Finding f) {
        return f.ruleId + "|" + f.principal + "|" + f.subject + "|" + f.severity.id();
    }

    private static Finding only(List<Finding> findings, String ruleId) {
        return findings.stream().filter(f -> f.ruleId.equals(ruleId)).findFirst().orElseThrow();
    }

    /**
     * Every principal acted on most days of the month; each detector keeps one expiry timer per
     * principal pending, not one for every day whose activity moved the expiry (some thirty each,
     * which on heap timers or RocksDB is memory and writes for nothing).
     */
    @Test
    void aMonthLeavesAFewTimersPerPrincipalNotOneADay() throws Exception {
        try (MiniPipeline p = new MiniPipeline(everyDetector(), RiskSettings.defaults(), "heap")) {
            replay(p, Month.generate());
            p.watermark(Month.END.toEpochMilli());
            // at least each principal's expiry, at most a few grid days each (the rules' expiries differ)
            assertThat(p.detectorTimers()).isBetween(4, 4 * 3);
        }
    }

    /** Heap state only: RocksDB takes 4x as long here, and BaselinesAcrossRestoreTest covers the states on it. */
    @Test
    void aMonthRaisesNothingAndTheBurstIsFoundWithItsNumbers() throws Exception {
        try (MiniPipeline p = new MiniPipeline(everyDetector(), RiskSettings.defaults(), "heap")) {
            List<AuditEvent> month = Month.generate();
            Map<String, Integer> perPrincipal = new TreeMap<>();
            month.forEach(e -> perPrincipal.merge(e.principal, 1, Integer::sum));
            assertThat(perPrincipal).containsExactly(Map.entry(Month.ALICE, 2089), Map.entry(Month.OLOF, 1914),
                    Map.entry(Month.READER, 10825), Map.entry(Month.ETL, 5040));
            replay(p, month);
            p.watermark(Month.END.toEpochMilli());
            assertThat(p.reported).as("findings in a month of ordinary work").isEmpty();

            List<AuditEvent> monday = new ArrayList<>(Month.mondayUntilTheBurst());
            monday.addAll(burst());
            replay(p, monday);
            p.watermark(BURST.plus(Duration.ofHours(4)).toEpochMilli());

            assertThat(p.reported).extracting(MonthOfNormalActivityTest::summary).containsExactlyInAnyOrder(
                    "impossible-travel|" + Month.ALICE + "|Linköping, SE -> Changchun, CN|high",
                    "new-country|" + Month.ALICE + "|CN|high",
                    "novel-activity|" + Month.ALICE + "|action:GetCallerIdentity|medium",
                    "bucket-enumeration|" + Month.ALICE + "|distinct-buckets|medium",
                    "bulk-object-download|" + Month.ALICE + "|acme-finance|medium",
                    "after-hours-access|" + Month.ALICE + "|Mon 22:00-23:00|medium",
                    "volume-spike|" + Month.ALICE + "|data|medium",
                    "principal-risk|" + Month.ALICE + "|risk|high");

            // the first call, from a new network, country and client, with an action nobody uses
            assertThat(only(p.reported, "novel-activity").facts).containsEntry("score_bits", "58.3").containsEntry("most_novel", "action")
                    .containsEntry("components", "action=GetCallerIdentity 13.1, service=sts.amazonaws.com 12.4, asn=AS4837 10.8, country=CN 10.8, "
                            + "client=aws-cli/linux 11.2")
                    .containsEntry("history_events", "2190").containsEntry("principals_in_model", "4")
                    .containsEntry("confidence", "0.74"); // 1 - 30 / (2 x 58.3)
            // ListBuckets and 25 ListObjects; 26 buckets with acme-finance
            assertThat(only(p.reported, "bucket-enumeration").facts).containsEntry("listings_per_window", "26")
                    .containsEntry("distinct_buckets_per_window", "26").containsEntry("first_call", "2026-11-02T22:01:00Z")
                    .containsEntry("confidence", "0.62"); // 26 buckets over 20: 1 - 20 / 52
            // 300 objects of 3 MB, 22:10:00-22:19:58
            assertThat(only(p.reported, "bulk-object-download").facts).containsEntry("reads", "300").containsEntry("bytes", "900000000")
                    .containsEntry("buckets", "acme-finance=300").containsEntry("first_read", "2026-11-02T22:10:00Z")
                    .containsEntry("last_read", "2026-11-02T22:19:58Z").containsEntry("confidence", "0.83");
            assertThat(only(p.reported, "bulk-object-download").riskScore).isEqualTo(42); // medium 50 x 0.83
            // 25 listings, 300 reads and 3 secrets in an hour alice has never worked in 4 weeks (3.2 weeks, faded)
            assertThat(only(p.reported, "after-hours-access").facts).containsEntry("calls", "328")
                    .containsEntry("kinds", "data access, secret or key read").containsEntry("share_of_earlier_weeks", "0.00")
                    .containsEntry("earlier_weeks", "3.2").containsEntry("confidence", "1.00");
            // 325 data calls where alice makes none
            assertThat(only(p.reported, "volume-spike").facts).containsEntry("count", "325").containsEntry("baseline_mean", "0.0")
                    .containsEntry("z_score", "325.0").containsEntry("baseline", "same hour of day").containsEntry("confidence", "0.99");
            Finding risk = only(p.reported, "principal-risk");
            // 75 + 75 + novelty 37 + enumeration 31 + 50 + 50 + bulk 42, decayed to the report
            assertThat(risk.facts).containsEntry("findings", "7").containsEntry("score", "335");
            // in time order: the first call is novel, from a new country and an impossible place; after-hours-access and
            // volume-spike both start with the first listing at 22:02
            assertThat(risk.evidence).extracting(e -> e.action).containsExactlyInAnyOrder("impossible-travel", "new-country",
                    "novel-activity", "bucket-enumeration", "after-hours-access", "volume-spike", "bulk-object-download");
            assertThat(risk.evidence).extracting(e -> e.eventTime).isSorted();
            assertThat(risk.evidence.subList(0, 3)).extracting(e -> e.action)
                    .containsExactlyInAnyOrder("impossible-travel", "new-country", "novel-activity");
            assertThat(risk.evidence.get(6).action).isEqualTo("bulk-object-download");
        }
    }
}
