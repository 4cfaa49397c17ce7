package io.trailhunt.detectors.novelty;

import io.trailhunt.detectors.RecordingContext;
import io.trailhunt.detectors.scores.ScoredObservation;
import io.trailhunt.detectors.scores.ScoredObservationJson;
import io.trailhunt.detectors.stats.CategoricalCounts;
import io.trailhunt.events.model.AuditEvent;
import io.trailhunt.events.model.Finding;
import io.trailhunt.events.model.Severity;
import io.trailhunt.events.settings.Allowlist;
import org.apache.flink.types.PojoTestUtils;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.List;

import static io.trailhunt.events.testing.EventBuilder.aws;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

class NoveltyDetectorTest {
    private static final String ALICE = "arn:aws:iam::111122223333:user/alice";
    private static final String BOB = "arn:aws:iam::111122223333:user/bob";
    private static final String MAC_CLI = "aws-cli/2.15.30 md/awscrt#0.19.19 ua/2.0 os/macos#23.4.0";
    private static final String LINUX_CLI = "aws-cli/2.13.0 Python/3.11.4 Linux/5.15.0-76-generic exe/x86_64.ubuntu.22";
    private static final String BOTO = "Boto3/1.34.100 md/Botocore#1.34.100 ua/2.0 os/linux#6.5.0";

    private static NoveltySettings settings(double threshold) {
        NoveltySettings d = NoveltySettings.defaults();
        return new NoveltySettings(true, threshold, d.minEvents(), d.minHistory(), d.priorStrength(), d.maxValues(),
                d.populationMaxValues(), d.reportCooldown(), d.forgetAfter(), Allowlist.none());
    }

    private final NoveltyDetector detector = new NoveltyDetector(settings(25));
    private final RecordingContext ctx = new RecordingContext();

    /** 90 events over 9 days: alice describes EC2 instances from a Mac, bob lists buckets with boto3. */
    private NoveltyState[] history() {
        NoveltyState alice = null;
        NoveltyState bob = null;
        for (int i = 0; i < 90; i++) {
            Duration at = Duration.ofHours(i * 2L + 1);
            alice = detector.onEvent(alice, aws("ec2.amazonaws.com", "DescribeInstances").principal(ALICE).userAgent(MAC_CLI).after(at).build(), ctx);
            bob = detector.onEvent(bob, aws("s3.amazonaws.com", "ListBuckets").principal(BOB).userAgent(BOTO).after(at).build(), ctx);
        }
        return new NoveltyState[] {alice, bob};
    }

    private static AuditEvent stranger(Duration at) {
        return aws("s3.amazonaws.com", "GetObject").principal(ALICE).userAgent(LINUX_CLI).ip("175.16.199.20")
                .geo("CN", "Changchun", 43.88, 125.32, 4837).after(at).build();
    }

    @Test
    void theScoreIsTheSumOfTheHandComputedInformationContents() {
        NoveltyState alice = history()[0];
        assertThat(ctx.findings).isEmpty();
        ctx.wantScores = true;
        detector.onEvent(alice, stranger(Duration.ofDays(8)), ctx);

        // population: 2 principals. action: DescribeInstances 1, ListBuckets 1 (total 2, 2 values)
        //   GetObject: prior (0+1)/(2+1*3) = 0.2; alice (90 events, strength 10): (0 + 10*0.2)/(90+10) = 0.02 -> 5.644 bits
        //   service s3: prior (1+1)/5 = 0.4 -> (0+4)/100 = 0.04 -> 4.644 bits
        //   asn AS4837, country CN: prior (0+1)/(2+1*2) = 0.25 (everyone had "?") -> 0.025 -> 5.322 bits each
        //   client aws-cli/linux: prior 0.2 -> 5.644 bits
        ScoredObservation o = ctx.scores.get(0);
        assertThat(o.values).containsExactly("GetObject", "s3.amazonaws.com", "AS4837", "CN", "aws-cli/linux");
        assertThat(o.bits[0]).isCloseTo(5.643856, within(1e-5));
        assertThat(o.bits[1]).isCloseTo(4.643856, within(1e-5));
        assertThat(o.bits[2]).isCloseTo(5.321928, within(1e-5));
        assertThat(o.bits[3]).isCloseTo(5.321928, within(1e-5));
        assertThat(o.bits[4]).isCloseTo(5.643856, within(1e-5));
        assertThat(o.scoreBits).isCloseTo(26.575425, within(1e-5));
        assertThat(o.mostNovel).isEqualTo("action");
        assertThat(o.historyEvents).isEqualTo(90);
        assertThat(o.warmingUp).isFalse();
        assertThat(o.reported).isTrue();

        Finding f = ctx.findings.get(0);
        assertThat(f.ruleId).isEqualTo("novel-activity");
        assertThat(f.severity).isEqualTo(Severity.MEDIUM);
        assertThat(f.title).isEqualTo("Novel activity: action GetObject (26.6 bits)");
        assertThat(f.subject).isEqualTo("action:GetObject");
        assertThat(f.facts).containsEntry("score_bits", "26.6").containsEntry("most_novel", "action").containsEntry("most_novel_bits", "5.6")
                .containsEntry("history_events", "90").containsEntry("principals_using_value", "0").containsEntry("principals_in_model", "2")
                .containsEntry("components", "action=GetObject 5.6, service=s3.amazonaws.com 4.6, asn=AS4837 5.3, country=CN 5.3, client=aws-cli/linux 5.6")
                .containsEntry("confidence", "0.53"); // 26.6 bits, just past 25: 1 - 25 / 53.2
        assertThat(f.riskScore).isEqualTo(26);
        assertThat(f.evidence).hasSize(1);
        assertThat(ScoredObservationJson.toJson(o)).contains("\"score_bits\":26.58,\"most_novel\":\"action\",\"components\":{\"action\":{\"value\":\"GetObject\",\"bits\":5.64}");
    }

    @Test
    void routineEventsScoreNearZero() {
        NoveltyState alice = history()[0];
        ctx.wantScores = true;
        detector.onEvent(alice, aws("ec2.amazonaws.com", "DescribeInstances").principal(ALICE).userAgent(MAC_CLI).after(Duration.ofDays(8)).build(), ctx);
        // action: prior (1+1)/5 = 0.4, (90+4)/100 = 0.94 -> 0.089 bits; asn "?": prior 3/4, (90+7.5)/100 -> 0.037 bits
        assertThat(ctx.scores.get(0).scoreBits).isCloseTo(3 * 0.089267 + 2 * 0.036526, within(1e-5));
        assertThat(ctx.findings).isEmpty();
    }

    @Test
    void whatOthersDoIsLessSurprisingThanWhatNobodyDoes() {
        NoveltyState alice = history()[0];
        ctx.wantScores = true;
        detector.onEvent(alice, aws("s3.amazonaws.com", "ListBuckets").principal(ALICE).userAgent(MAC_CLI).after(Duration.ofDays(8)).build(), ctx);
        detector.onEvent(alice, aws("s3.amazonaws.com", "DeleteBucket").principal(ALICE).userAgent(MAC_CLI).after(Duration.ofDays(8)).build(), ctx);
        assertThat(ctx.scores.get(0).bits[0]).isLessThan(ctx.scores.get(1).bits[0]);
    }

    @Test
    void noFindingWhileWarmingUpAndAtMostOnePerCooldown() {
        NoveltyState young = null;
        ctx.wantScores = true;
        for (int i = 0; i < 40; i++) {
            young = detector.onEvent(young, aws("ec2.amazonaws.com", "DescribeInstances").principal(ALICE).userAgent(MAC_CLI)
                    .after(Duration.ofHours(i * 5L)).build(), ctx);
        }
        young = detector.onEvent(young, stranger(Duration.ofDays(9)), ctx);
        assertThat(ctx.findings).isEmpty(); // 40 events: fewer than 50
        assertThat(ctx.scores.get(40).warmingUp).isTrue();

        NoveltyDetector strict = new NoveltyDetector(settings(10));
        RecordingContext c = new RecordingContext();
        NoveltyState s = null;
        for (int i = 0; i < 90; i++) {
            s = strict.onEvent(s, aws("ec2.amazonaws.com", "DescribeInstances").principal(ALICE).userAgent(MAC_CLI).after(Duration.ofHours(i * 2L)).build(), c);
        }
        s = strict.onEvent(s, stranger(Duration.ofDays(8)), c);
        s = strict.onEvent(s, aws("kms.amazonaws.com", "ScheduleKeyDeletion").principal(ALICE).userAgent(LINUX_CLI).after(Duration.ofDays(8).plusMinutes(30)).build(), c);
        assertThat(c.findings).hasSize(1); // the second within the hour is scored, not reported
        strict.onEvent(s, aws("kms.amazonaws.com", "DisableKey").principal(ALICE).userAgent(LINUX_CLI).after(Duration.ofDays(8).plusMinutes(61)).build(), c);
        assertThat(c.findings).hasSize(2);
        assertThat(c.findings.get(1).facts).containsEntry("most_novel", "action").containsEntry("most_novel_value", "DisableKey");
    }

    @Test
    void restoredSubtaskModelsAreAveraged() {
        PopulationModel a = PopulationModel.empty();
        a.principals = 4;
        a.principalsUsing.add(0, "GetObject", 4, 100, Integer.MAX_VALUE);
        PopulationModel b = PopulationModel.empty();
        b.principals = 2;
        b.principalsUsing.add(0, "GetObject", 2, 100, Integer.MAX_VALUE);
        b.principalsUsing.add(0, "PutObject", 2, 100, Integer.MAX_VALUE);
        PopulationModel m = PopulationModel.merge(List.of(a, b), 100);
        assertThat(m.principals).isEqualTo(3);
        assertThat(m.principalsUsing.count(0, "GetObject")).isEqualTo(3);
        assertThat(m.principalsUsing.count(0, "PutObject")).isEqualTo(1);
        assertThat(m.principalsUsing.total(0)).isEqualTo(4);

        detector.restoreModel(List.of(a, b));
        assertThat(detector.model().principals).isEqualTo(3);
        detector.restoreModel(List.of());
        assertThat(detector.model().principals).isZero();
    }

    @Test
    void thePopulationCountsEachPrincipalOnceWhateverItsCountsEvictAndForget() {
        NoveltySettings d = NoveltySettings.defaults();
        NoveltyDetector small = new NoveltyDetector(new NoveltySettings(true, 30, d.minEvents(), d.minHistory(), d.priorStrength(), 4,
                d.populationMaxValues(), d.reportCooldown(), d.forgetAfter(), Allowlist.none()));
        RecordingContext c = new RecordingContext();
        String[] actions = {"A", "B", "C", "D", "E", "F"};
        NoveltyState s = null;
        for (int round = 0; round < 10; round++) { // six actions through counts that hold four: each round evicts and brings back
            for (int a = 0; a < actions.length; a++) {
                s = small.onEvent(s, aws("ec2.amazonaws.com", actions[a]).principal(ALICE).after(Duration.ofMinutes(round * 6L + a)).build(), c);
            }
        }
        PopulationModel pop = small.model();
        assertThat(pop.principals).isEqualTo(1);
        assertThat(s.counts.distinct(0)).isEqualTo(4);
        for (String a : actions) {
            assertThat(pop.principalsUsing.count(0, a)).as(a).isEqualTo(s.counts.count(0, a) > 0 ? 1 : 0);
        }
        assertThat(pop.principalsUsing.total(0)).isEqualTo(4); // the four values alice's counts hold
        assertThat(pop.principalsUsing.count(1, "ec2.amazonaws.com")).isEqualTo(1);

        // forgotten after forget-after: no longer in the population, and counted once when it comes back
        s = c.advanceTo(small, s, c.timers.last());
        assertThat(s).isNull();
        assertThat(pop.principals).isZero();
        assertThat(pop.principalsUsing.total(0)).isZero();
        assertThat(pop.principalsUsing.count(1, "ec2.amazonaws.com")).isZero();
        small.onEvent(null, aws("ec2.amazonaws.com", "A").principal(ALICE).after(Duration.ofDays(40)).build(), c);
        assertThat(pop.principals).isEqualTo(1);
        assertThat(pop.principalsUsing.count(0, "A")).isEqualTo(1);
    }

    @Test
    void halvingThatDropsAValueTakesItOffThePopulation() {
        CategoricalCounts counts = new CategoricalCounts(1);
        List<String> dropped = new java.util.ArrayList<>();
        counts.add(0, "rare", 1, 10, 8, (comp, v) -> dropped.add(v));
        counts.add(0, "common", 6, 10, 8, (comp, v) -> dropped.add(v));
        assertThat(dropped).isEmpty();
        counts.add(0, "common", 1, 10, 8, (comp, v) -> dropped.add(v)); // total 8: halved, "rare" (1) falls to zero
        assertThat(dropped).containsExactly("rare");
        assertThat(counts.count(0, "common")).isEqualTo(3);
        assertThat(counts.distinct(0)).isEqualTo(1);
        assertThat(counts.total(0)).isEqualTo(3);
    }

    @Test
    void clientFamilies() {
        assertThat(ClientFamily.of(MAC_CLI)).isEqualTo("aws-cli/macos");
        assertThat(ClientFamily.of(LINUX_CLI)).isEqualTo("aws-cli/linux");
        assertThat(ClientFamily.of(BOTO)).isEqualTo("boto3/linux");
        assertThat(ClientFamily.of("APN/1.0 HashiCorp/1.0 Terraform/1.9.5 aws-sdk-go-v2/1.30.3 os/linux lang/go#1.22.5")).isEqualTo("terraform/linux");
        assertThat(ClientFamily.of("Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/124.0.0.0 Safari/537.36 Edg/124.0.2478.51"))
                .isEqualTo("edge/windows");
        assertThat(ClientFamily.of("Mozilla/5.0 (X11; Linux x86_64; rv:109.0) Gecko/20100101 Firefox/115.0")).isEqualTo("firefox/linux");
        assertThat(ClientFamily.of("google-cloud-sdk gcloud/476.0.0 command/gcloud.storage.cp invocation-id/8d1c0e7b environment/None,gzip(gfe)"))
                .isEqualTo("google-cloud-sdk/?");
        assertThat(ClientFamily.of("gcloud-python/3.21.0 gl-python/3.11.9 grpc/1.62.1 gax/2.18.0,gzip(gfe)")).isEqualTo("gcloud-python/?");
        assertThat(ClientFamily.of("[aws-cli/1.18.69 Python/3.8.2 Darwin/19.5.0 botocore/1.16.19]")).isEqualTo("aws-cli/macos");
        assertThat(ClientFamily.of("console.ec2.amazonaws.com")).isEqualTo("console.ec2.amazonaws.com/?");
        assertThat(ClientFamily.of(null)).isEqualTo("none");
    }

    @Test
    void statesAreAPojos() {
        PojoTestUtils.assertSerializedAsPojoWithoutKryo(NoveltyState.class);
        PojoTestUtils.assertSerializedAsPojoWithoutKryo(PopulationModel.class);
        PojoTestUtils.assertSerializedAsPojoWithoutKryo(ScoredObservation.class);
    }
}
