package io.trailhunt.detectors.download;

import io.trailhunt.detectors.Detector;
import io.trailhunt.detectors.DetectorContext;
import io.trailhunt.detectors.PrincipalRef;
import io.trailhunt.detectors.stats.Confidence;
import io.trailhunt.detectors.storage.Burst;
import io.trailhunt.detectors.storage.RecentCalls;
import io.trailhunt.detectors.storage.StorageCalls;
import io.trailhunt.events.finding.FindingBuilder;
import io.trailhunt.events.model.AuditEvent;
import io.trailhunt.events.model.Severity;

import java.time.Duration;
import java.time.Instant;

/**
 * {@code bulk-object-download}: more than {@code max-reads} object reads (S3 GetObject, GCS
 * storage.objects.get, Azure GetBlob) by one principal in a sliding window, or more than
 * {@code max-bytes} read. The burst is followed until the principal stops reading for
 * {@code quiet-period} (or it has lasted a window) and then reported once, with its totals: how
 * many objects, how many bytes, which buckets, sample keys, first and last read.
 */
public final class BulkDownloadDetector implements Detector<BulkDownloadState> {
    public static final String RULE_ID = "bulk-object-download";
    private static final long serialVersionUID = 1L;
    private static final long MINUTE = 60_000L;

    private final BulkDownloadSettings settings;

    public BulkDownloadDetector(BulkDownloadSettings settings) {
        this.settings = settings;
    }

    @Override
    public String ruleId() {
        return RULE_ID;
    }

    @Override
    public Class<BulkDownloadState> stateClass() {
        return BulkDownloadState.class;
    }

    @Override
    public Duration stateTtl() {
        return settings.window().multipliedBy(2).plus(settings.quietPeriod()).plusDays(1);
    }

    @Override
    public boolean accepts(AuditEvent e) {
        return e.succeeded() && StorageCalls.isObjectRead(e);
    }

    @Override
    public BulkDownloadState onEvent(BulkDownloadState state, AuditEvent e, DetectorContext ctx) {
        if (settings.allow().allows(e)) {
            return state;
        }
        BulkDownloadState s = state;
        if (s == null) {
            s = new BulkDownloadState();
            s.who = PrincipalRef.of(e);
            s.reads = new RecentCalls(settings.window().toMillis());
        }
        if (s.burst != null && isOver(s.burst, e.eventTime)) {
            report(s, ctx);
        }
        String bucket = StorageCalls.bucket(e);
        long bytes = StorageCalls.bytesOut(e);
        boolean counted = s.reads.add(e, bucket, bytes);
        if (s.burst != null) {
            if (counted || e.eventTime >= s.burst.first) {
                s.burst.add(e, bucket, bytes, s.reads);
            }
        } else if (counted) {
            long n = s.reads.count(e.eventTime);
            long b = s.reads.bytes(e.eventTime);
            if (n > settings.maxReads()) {
                s.burst = Burst.open(s.reads, e, "reads");
            } else if (settings.maxBytes() > 0 && b > settings.maxBytes()) {
                s.burst = Burst.open(s.reads, e, "bytes");
            }
        }
        scheduleTimers(s, ctx);
        return s;
    }

    @Override
    public BulkDownloadState onTimer(BulkDownloadState s, long timestamp, DetectorContext ctx) {
        if (s.burst != null && isOver(s.burst, timestamp)) {
            report(s, ctx);
        }
        if (s.burst == null && timestamp >= s.reads.expiresAt()) {
            return null;
        }
        return s;
    }

    /** Quiet for the quiet period, or open for a whole window (a slow drain is reported window by window). */
    private boolean isOver(Burst b, long now) {
        return now >= b.last + settings.quietPeriod().toMillis() || now >= b.openedAt + settings.window().toMillis();
    }

    private void scheduleTimers(BulkDownloadState s, DetectorContext ctx) {
        if (s.burst != null) {
            long quietEnd = s.burst.last + settings.quietPeriod().toMillis();
            long windowEnd = s.burst.openedAt + settings.window().toMillis();
            ctx.registerTimer(roundUp(Math.min(quietEnd, windowEnd), MINUTE));
        }
        // Forget the window once its newest read has left it; one timer per slot at most.
        if (s.reads.expiresAt() != Long.MIN_VALUE) {
            ctx.registerTimer(s.reads.expiresAt());
        }
    }

    private static long roundUp(long t, long unit) {
        return Math.floorDiv(t + unit - 1, unit) * unit;
    }

    private void report(BulkDownloadState s, DetectorContext ctx) {
        Burst b = s.burst;
        s.burst = null;
        // The reads told are not counted again: a further burst needs more than max-reads new ones.
        s.reads = new RecentCalls(settings.window().toMillis());
        FindingBuilder f = FindingBuilder.rule(RULE_ID)
                .about(s.who.asEvent())
                .title("Bulk object download: " + b.calls + " objects in " + minutes(b.last - b.first))
                .severity(severity(b))
                .confidence(confidence(b))
                .mitre("T1530")
                .subject(b.topBucket() == null ? "objects" : b.topBucket())
                .fact("reads", b.calls)
                .fact("bytes", b.bytes > 0 ? b.bytes : null)
                .fact("peak_reads_per_window", b.peakCalls)
                .fact("window", settings.window().toMinutes() + "m")
                .fact("max_reads", settings.maxReads())
                .fact("max_bytes", settings.maxBytes() > 0 ? settings.maxBytes() : null)
                .fact("trigger", b.trigger)
                .fact("buckets", b.bucketSummary(10))
                .fact("distinct_buckets", b.distinctBuckets())
                .fact("sample_keys", String.join(", ", b.sampleKeys(5)))
                .fact("first_read", Instant.ofEpochMilli(b.first).toString())
                .fact("last_read", Instant.ofEpochMilli(b.last).toString())
                .evidence(b.evidence());
        f.explanation(explain(s, b));
        ctx.emit(f.build());
    }

    private Severity severity(Burst b) {
        boolean both = b.peakCalls > settings.maxReads() && settings.maxBytes() > 0 && b.peakBytes > settings.maxBytes();
        // Both limits at once, or ten times the count: more than a script gone wrong.
        return both || b.peakCalls > 10L * settings.maxReads() ? Severity.HIGH : Severity.MEDIUM;
    }

    /** How far the peak window went past the limit it crossed (the further of the two when both). */
    private double confidence(Burst b) {
        double reads = Confidence.over(b.peakCalls, settings.maxReads());
        return settings.maxBytes() > 0 && b.peakBytes > settings.maxBytes() ? Math.max(reads, Confidence.over(b.peakBytes, settings.maxBytes())) : reads;
    }

    private static String minutes(long millis) {
        long m = Math.max(1, Math.round(millis / 60_000.0));
        return m == 1 ? "1 minute" : m + " minutes";
    }

    private String explain(BulkDownloadState s, Burst b) {
        StringBuilder sb = new StringBuilder();
        sb.append(s.who.principal).append(" read ").append(b.calls).append(b.calls == 1 ? " object" : " objects");
        if (b.bytes > 0) {
            sb.append(" (").append(humanBytes(b.bytes)).append(')');
        }
        String n = b.distinctBuckets();
        sb.append(" from ").append(n).append(n.equals("1") ? " bucket (" : " buckets (").append(b.bucketSummary(3)).append(')');
        sb.append(" between ").append(Instant.ofEpochMilli(b.first)).append(" and ").append(Instant.ofEpochMilli(b.last));
        sb.append(", at most ").append(b.peakCalls).append(" in ").append(settings.window().toMinutes()).append(" minutes (threshold ")
                .append(settings.maxReads()).append(" reads");
        if (settings.maxBytes() > 0) {
            sb.append(" or ").append(humanBytes(settings.maxBytes()));
        }
        sb.append("). Confirm the download was expected; if not, revoke the credentials used and review what was read.");
        return sb.toString();
    }

    static String humanBytes(long bytes) {
        if (bytes < 1024) {
            return bytes + " B";
        }
        String[] units = {"KiB", "MiB", "GiB", "TiB"};
        double v = bytes;
        int u = -1;
        while (v >= 1024 && u < units.length - 1) {
            v /= 1024;
            u++;
        }
        return String.format(java.util.Locale.ROOT, "%.1f %s", v, units[u]);
    }
}
