package io.trailhunt.detectors.download;

import io.trailhunt.detectors.RecordingContext;
import io.trailhunt.events.model.AuditEvent;
import io.trailhunt.events.model.Category;
import io.trailhunt.events.model.Finding;
import io.trailhunt.events.model.Severity;
import io.trailhunt.events.settings.Allowlist;
import org.apache.flink.types.PojoTestUtils;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Random;

import static io.trailhunt.events.testing.EventBuilder.BEGINNING;
import static io.trailhunt.events.testing.EventBuilder.aws;
import static io.trailhunt.events.testing.EventBuilder.azure;
import static io.trailhunt.events.testing.EventBuilder.gcp;
import static org.assertj.core.api.Assertions.assertThat;

class BulkDownloadDetectorTest {
    private static final long T0 = BEGINNING.toEpochMilli(); // 09:00, a slot boundary
    private static final long MINUTE = 60_000L;

    private final BulkDownloadDetector detector = new BulkDownloadDetector(BulkDownloadSettings.defaults());
    private final RecordingContext ctx = new RecordingContext();

    static AuditEvent s3Read(long at, String bucket, String key, long bytes) {
        return aws("s3.amazonaws.com", "GetObject").at(java.time.Instant.ofEpochMilli(at)).category(Category.DATA)
                .resource("bucket", bucket).resource("objectKey", key)
                .param("additional.bytesTransferredOut", Long.toString(bytes)).ip("175.16.199.20").build();
    }

    /** n reads 4 s apart from {@code start}, 3 MB each. */
    private static List<AuditEvent> burst(long start, int n) {
        List<AuditEvent> out = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            out.add(s3Read(start + i * 4_000L, "acme-customer-exports", String.format("exports/customers-%03d.csv.gz", i), 3_000_000));
        }
        return out;
    }

    private BulkDownloadState run(BulkDownloadState s, List<AuditEvent> events) {
        return run(ctx, s, events);
    }

    @Test
    void aBurstIsReportedOnceItIsOverWithItsTotals() {
        List<AuditEvent> reads = burst(T0 + 25 * MINUTE, 140); // 09:25:00 - 09:34:16
        BulkDownloadState s = run(null, reads);
        assertThat(ctx.findings).isEmpty(); // still going
        assertThat(s.burst.calls).isEqualTo(140);

        long last = reads.get(139).eventTime;
        s = ctx.advanceTo(detector, s, last + 10 * MINUTE - 1);
        assertThat(ctx.findings).isEmpty();
        s = ctx.advanceTo(detector, s, last + 10 * MINUTE + MINUTE); // the quiet period has passed (timer rounded to the minute)
        assertThat(ctx.findings).hasSize(1);

        Finding f = ctx.findings.get(0);
        assertThat(f.ruleId).isEqualTo("bulk-object-download");
        assertThat(f.severity).isEqualTo(Severity.MEDIUM);
        assertThat(f.mitre).containsExactly("T1530");
        assertThat(f.subject).isEqualTo("acme-customer-exports");
        assertThat(f.title).isEqualTo("Bulk object download: 140 objects in 9 minutes");
        assertThat(f.facts).containsEntry("reads", "140").containsEntry("bytes", "420000000").containsEntry("peak_reads_per_window", "140")
                .containsEntry("trigger", "reads").containsEntry("buckets", "acme-customer-exports=140").containsEntry("distinct_buckets", "1")
                .containsEntry("first_read", "2026-11-02T09:25:00Z").containsEntry("last_read", "2026-11-02T09:34:16Z")
                .containsEntry("confidence", "0.64") // 140 reads over 100: 1 - 100 / 280
                .containsEntry("sample_keys", "exports/customers-000.csv.gz, exports/customers-075.csv.gz, exports/customers-095.csv.gz, "
                        + "exports/customers-096.csv.gz, exports/customers-097.csv.gz");
        // the first read of each five-minute slot (2) and the latest 6 up to the crossing, 22 after it, and the last 12
        assertThat(f.evidence).hasSize(42);
        assertThat(f.riskScore).isEqualTo(32); // medium 50 x 0.643
        assertThat(f.firstSeen).isEqualTo(reads.get(0).eventTime);
        assertThat(f.lastSeen).isEqualTo(last);
        assertThat(f.explanation).startsWith("arn:aws:iam::111122223333:user/alice read 140 objects (400.5 MiB) from 1 bucket "
                + "(acme-customer-exports=140) between 2026-11-02T09:25:00Z and 2026-11-02T09:34:16Z, at most 140 in 60 minutes "
                + "(threshold 100 reads or 1.0 GiB).");

        // once the window has passed its last read, the state is gone
        s = ctx.advanceTo(detector, s, last + 61 * MINUTE + 5 * MINUTE);
        assertThat(s).isNull();
    }

    @Test
    void exactlyTheThresholdIsNotABurst() {
        BulkDownloadState s = run(null, burst(T0, 100));
        ctx.advanceTo(detector, s, T0 + 3 * 60 * MINUTE);
        assertThat(ctx.findings).isEmpty();
    }

    @Test
    void theWindowSlides() {
        List<AuditEvent> reads = new ArrayList<>(burst(T0, 60)); // 09:00 - 09:04
        reads.addAll(burst(T0 + 50 * MINUTE, 60)); // 09:50 - 09:54: 120 within the hour
        BulkDownloadState s = run(null, reads);
        ctx.advanceTo(detector, s, T0 + 3 * 60 * MINUTE);
        assertThat(ctx.findings).hasSize(1);
        assertThat(ctx.findings.get(0).facts).containsEntry("reads", "120").containsEntry("first_read", "2026-11-02T09:00:00Z");

        RecordingContext other = new RecordingContext();
        BulkDownloadState s2 = null;
        List<AuditEvent> apart = new ArrayList<>(burst(T0, 60));
        apart.addAll(burst(T0 + 70 * MINUTE, 60)); // 70 minutes later: never more than 60 in an hour
        for (AuditEvent e : apart) {
            s2 = detector.onEvent(s2, e, other);
        }
        other.advanceTo(detector, s2, T0 + 4 * 60 * MINUTE);
        assertThat(other.findings).isEmpty();
    }

    /** 101 reads: the first at {@code first}, the other 100 spread evenly up to {@code last}. */
    private static List<AuditEvent> spread(long first, long last) {
        List<AuditEvent> out = new ArrayList<>();
        for (int i = 0; i <= 100; i++) {
            out.add(s3Read(first + (last - first) * i / 100, "acme-customer-exports", "exports/part-" + i, 1000));
        }
        return out;
    }

    @Test
    void moreThanMaxReadsWithinAnyHourAreFoundAndTheWindowMayReachFiveMinutesFurther() {
        // 09:04:59 to 10:03:19, 58m20s: with twelve five-minute slots the first read would have left the window
        BulkDownloadState s = run(null, spread(T0 + 4 * MINUTE + 59_000, T0 + 63 * MINUTE + 19_000));
        ctx.advanceTo(detector, s, T0 + 3 * 60 * MINUTE);
        assertThat(ctx.findings).hasSize(1);
        assertThat(ctx.findings.get(0).facts).containsEntry("reads", "101").containsEntry("first_read", "2026-11-02T09:04:59Z");

        // 09:00:00 to 10:04:59: 65 minutes less a second, still one window (thirteen slots)
        RecordingContext longer = new RecordingContext();
        longer.advanceTo(detector, run(longer, null, spread(T0, T0 + 64 * MINUTE + 59_000)), T0 + 3 * 60 * MINUTE);
        assertThat(longer.findings).hasSize(1);
        // 09:00:00 to 10:05:00: the first read has left the window when the 101st comes
        RecordingContext apart = new RecordingContext();
        apart.advanceTo(detector, run(apart, null, spread(T0, T0 + 65 * MINUTE)), T0 + 3 * 60 * MINUTE);
        assertThat(apart.findings).isEmpty();
    }

    private BulkDownloadState run(RecordingContext c, BulkDownloadState s, List<AuditEvent> events) {
        for (AuditEvent e : events) {
            s = detector.onEvent(s, e, c);
        }
        return s;
    }

    @Test
    void bytesAloneCanOpenABurst() {
        List<AuditEvent> reads = new ArrayList<>();
        for (int i = 0; i < 8; i++) {
            reads.add(s3Read(T0 + i * MINUTE, "backups", "db/part-" + i, 200L * 1024 * 1024));
        }
        BulkDownloadState s = run(null, reads);
        ctx.advanceTo(detector, s, T0 + 60 * MINUTE);
        assertThat(ctx.findings).hasSize(1);
        // 6 x 200 MiB = 1.17 GiB crosses 1 GiB; all 8 reads are in the burst
        assertThat(ctx.findings.get(0).facts).containsEntry("trigger", "bytes").containsEntry("reads", "8").containsEntry("bytes", Long.toString(1600L * 1024 * 1024));
    }

    @Test
    void outOfOrderReadsAreCountedAndALateTimerIsNotNeeded() {
        List<AuditEvent> reads = burst(T0, 140);
        Collections.shuffle(reads.subList(0, 90), new Random(7)); // out of order before the crossing
        Collections.shuffle(reads.subList(110, 140), new Random(8)); // and after it
        BulkDownloadState s = run(null, reads);
        // no timer fires (the watermark has not moved); the next read, after the quiet period, closes the burst
        AuditEvent later = s3Read(T0 + 40 * MINUTE, "acme-customer-exports", "exports/late.csv", 1);
        s = detector.onEvent(s, later, ctx);
        assertThat(ctx.findings).hasSize(1);
        assertThat(ctx.findings.get(0).facts).containsEntry("reads", "140").containsEntry("first_read", "2026-11-02T09:00:00Z")
                .containsEntry("last_read", "2026-11-02T09:09:16Z");
        assertThat(s.burst).isNull();
        assertThat(s.reads.count(later.eventTime)).isEqualTo(1); // the burst's reads are not counted twice
    }

    @Test
    void readsOnEveryCloudCountAndOthersDoNot() {
        assertThat(detector.accepts(gcp("storage.googleapis.com", "storage.objects.get").category(Category.DATA).build())).isTrue();
        assertThat(detector.accepts(azure("Microsoft.Storage", "GetBlob").category(Category.DATA).build())).isTrue();
        assertThat(detector.accepts(aws("s3.amazonaws.com", "GetObject").failed("AccessDenied").build())).isFalse();
        assertThat(detector.accepts(aws("s3.amazonaws.com", "PutObject").build())).isFalse();
        assertThat(detector.accepts(gcp("storage.googleapis.com", "storage.objects.list").build())).isFalse();
    }

    @Test
    void allowedPrincipalsAreNotCounted() {
        BulkDownloadDetector allowing = new BulkDownloadDetector(new BulkDownloadSettings(true, Duration.ofHours(1), 100, 0,
                Duration.ofMinutes(10), new Allowlist(List.of("arn:aws:iam::*:user/alice"), List.of(), List.of())));
        BulkDownloadState s = null;
        for (AuditEvent e : burst(T0, 200)) {
            s = allowing.onEvent(s, e, ctx);
        }
        assertThat(s).isNull();
        assertThat(ctx.findings).isEmpty();
    }

    @Test
    void stateIsAPojo() {
        PojoTestUtils.assertSerializedAsPojoWithoutKryo(BulkDownloadState.class);
    }
}
