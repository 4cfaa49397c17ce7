package io.trailhunt.detectors.enumeration;

import io.trailhunt.detectors.RecordingContext;
import io.trailhunt.detectors.host.DetectorKey;
import io.trailhunt.events.model.AuditEvent;
import io.trailhunt.events.model.Category;
import io.trailhunt.events.model.Finding;
import io.trailhunt.events.model.PrincipalType;
import io.trailhunt.events.model.Severity;
import org.apache.flink.types.PojoTestUtils;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;

import static io.trailhunt.events.testing.EventBuilder.BEGINNING;
import static io.trailhunt.events.testing.EventBuilder.aws;
import static io.trailhunt.events.testing.EventBuilder.gcp;
import static org.assertj.core.api.Assertions.assertThat;

class BucketEnumerationDetectorTest {
    private static final long T0 = BEGINNING.toEpochMilli();
    private static final long MINUTE = 60_000L;
    private static final String[] GUESSES = {"acme-backup", "acme-backups", "acme-prod", "acme-logs", "acme-data", "acme-dev", "acme-internal", "acme-finance"};

    private final BucketEnumerationDetector detector = new BucketEnumerationDetector(BucketEnumerationSettings.defaults());
    private final RecordingContext ctx = new RecordingContext();

    private static AuditEvent anonymous(long at, String action, String bucket, String ip) {
        return aws("s3.amazonaws.com", action).at(Instant.ofEpochMilli(at)).category(Category.DATA)
                .principal("anonymous").principalType(PrincipalType.ANONYMOUS).resource("bucket", bucket).ip(ip)
                .failed("AccessDenied").build();
    }

    @Test
    void anAnonymousScannerGuessingBucketNamesIsReportedByItsAddress() {
        BucketEnumerationState s = null;
        for (int i = 0; i < GUESSES.length; i++) {
            s = detector.onEvent(s, anonymous(T0 + i * 20_000L, i % 2 == 0 ? "HeadBucket" : "ListObjects", GUESSES[i], "45.155.205.233"), ctx);
        }
        assertThat(ctx.findings).isEmpty();
        s = ctx.advanceTo(detector, s, T0 + 20 * MINUTE);
        assertThat(ctx.findings).hasSize(1);
        Finding f = ctx.findings.get(0);
        assertThat(f.ruleId).isEqualTo("bucket-enumeration");
        assertThat(f.principal).isEqualTo("anonymous");
        assertThat(f.severity).isEqualTo(Severity.MEDIUM); // internet noise, unless an identity does it
        assertThat(f.subject).isEqualTo("refused-buckets@45.155.205.233");
        assertThat(f.title).isEqualTo("Bucket name guessing: 8 buckets refused");
        assertThat(f.mitre).containsExactly("T1619", "T1580");
        assertThat(f.facts).containsEntry("trigger", "refused-buckets").containsEntry("refused_buckets_per_window", "8")
                .containsEntry("listings_per_window", "8").containsEntry("calls", "8")
                .containsEntry("refused_buckets", "acme-backup, acme-backups, acme-data, acme-dev, acme-finance, acme-internal, acme-logs, acme-prod")
                .containsEntry("first_call", "2026-11-02T09:00:00Z").containsEntry("last_call", "2026-11-02T09:02:20Z")
                .containsEntry("confidence", "0.69"); // 8 refused over 5: 1 - 5 / 16
        assertThat(f.riskScore).isEqualTo(34); // medium 50 x 0.6875
        assertThat(f.evidence).hasSize(8);
        assertThat(f.sourceIps).containsExactly("45.155.205.233");
        assertThat(f.explanation).startsWith("An anonymous caller at 45.155.205.233 made 8 storage discovery calls");
        // the window passes: nothing is kept
        assertThat(ctx.advanceTo(detector, s, T0 + 3 * 60 * MINUTE)).isNull();
    }

    @Test
    void anIdentityRefusedOnManyBucketsIsHigh() {
        BucketEnumerationState s = null;
        for (int i = 0; i < 6; i++) {
            s = detector.onEvent(s, aws("s3.amazonaws.com", "ListObjects").after(Duration.ofSeconds(i * 10L)).category(Category.DATA)
                    .resource("bucket", "b" + i).failed("AccessDenied").build(), ctx);
        }
        ctx.advanceTo(detector, s, T0 + 30 * MINUTE);
        assertThat(ctx.findings).extracting(f -> f.severity).containsExactly(Severity.HIGH);
        assertThat(ctx.findings.get(0).title).isEqualTo("Bucket probing: 6 buckets refused");
    }

    @Test
    void manyDistinctBucketsAndListingSpikes() {
        BucketEnumerationState s = null;
        for (int i = 0; i < 21; i++) { // 21 distinct buckets read: more than 20
            s = detector.onEvent(s, gcp("storage.googleapis.com", "storage.objects.get").after(Duration.ofSeconds(i * 30L))
                    .category(Category.DATA).resource("bucket", "bucket-" + i).resource("objectKey", "k").build(), ctx);
        }
        ctx.advanceTo(detector, s, T0 + 30 * MINUTE);
        assertThat(ctx.findings).hasSize(1);
        assertThat(ctx.findings.get(0).facts).containsEntry("trigger", "distinct-buckets").containsEntry("distinct_buckets_per_window", "21");

        RecordingContext other = new RecordingContext();
        BucketEnumerationState l = null;
        for (int i = 0; i < 51; i++) { // 51 listings of one bucket
            l = detector.onEvent(l, aws("s3.amazonaws.com", "ListObjectsV2").after(Duration.ofSeconds(i * 20L)).resource("bucket", "one").build(), other);
        }
        other.advanceTo(detector, l, T0 + 40 * MINUTE);
        assertThat(other.findings).hasSize(1);
        assertThat(other.findings.get(0).facts).containsEntry("trigger", "listings").containsEntry("listings_per_window", "51")
                .containsEntry("distinct_buckets_per_window", "1");
        assertThat(other.findings.get(0).title).isEqualTo("Bucket listing spike: 51 listing calls");
    }

    @Test
    void ordinaryUseRaisesNothing() {
        BucketEnumerationState s = null;
        for (int i = 0; i < 300; i++) { // a reader of one bucket, every 3 minutes for 15 hours, listing now and then
            String action = i % 10 == 0 ? "ListObjects" : "GetObject";
            s = detector.onEvent(s, aws("s3.amazonaws.com", action).after(Duration.ofMinutes(3L * i)).category(Category.DATA)
                    .resource("bucket", "reports").build(), ctx);
            s = ctx.advanceTo(detector, s, T0 + 3 * MINUTE * i);
        }
        assertThat(ctx.findings).isEmpty();
    }

    @Test
    void anonymousCallersAreKeyedByAddress() {
        AuditEvent a = anonymous(T0, "HeadBucket", "x", "1.2.3.4");
        AuditEvent b = anonymous(T0, "HeadBucket", "x", "5.6.7.8");
        assertThat(DetectorKey.of(a)).isEqualTo("aws|111122223333|anonymous|1.2.3.4");
        assertThat(DetectorKey.of(b)).isNotEqualTo(DetectorKey.of(a));
        AuditEvent alice = aws("s3.amazonaws.com", "ListBuckets").build();
        assertThat(DetectorKey.of(alice)).isEqualTo(alice.principalKey());
    }

    @Test
    void stateIsAPojo() {
        PojoTestUtils.assertSerializedAsPojoWithoutKryo(BucketEnumerationState.class);
    }
}
