package io.trailhunt.detectors.download;

import io.trailhunt.events.settings.Allowlist;
import io.trailhunt.events.settings.Section;

import java.io.Serializable;
import java.time.Duration;

/**
 * Settings of {@code rules.bulk-object-download}.
 *
 * @param window the sliding window reads are counted in (in twelfths, counting one twelfth more: reads within any window are counted together)
 * @param maxReads more object reads than this in the window open a burst
 * @param maxBytes more bytes read than this in the window open a burst (0: off); only S3 and Azure log bytes
 * @param quietPeriod a burst is reported once no object has been read for this long (or once it has lasted a window)
 * @param allow principals, CIDRs and ASNs whose reads are not counted (backup jobs, data pipelines)
 */
public record BulkDownloadSettings(boolean enabled, Duration window, int maxReads, long maxBytes, Duration quietPeriod, Allowlist allow)
        implements Serializable {
    public static final Duration DEFAULT_WINDOW = Duration.ofHours(1);
    public static final int DEFAULT_MAX_READS = 100;
    public static final long DEFAULT_MAX_BYTES = 1024L * 1024 * 1024;
    public static final Duration DEFAULT_QUIET_PERIOD = Duration.ofMinutes(10);

    public static BulkDownloadSettings defaults() {
        return new BulkDownloadSettings(true, DEFAULT_WINDOW, DEFAULT_MAX_READS, DEFAULT_MAX_BYTES, DEFAULT_QUIET_PERIOD, Allowlist.none());
    }

    public static BulkDownloadSettings from(Section s) {
        return new BulkDownloadSettings(
                s.bool("enabled", true),
                s.duration("window", DEFAULT_WINDOW, Duration.ofMinutes(12), Duration.ofDays(1)),
                s.integer("max-reads", DEFAULT_MAX_READS, 1, 10_000_000),
                s.bytes("max-bytes", DEFAULT_MAX_BYTES, 0, Long.MAX_VALUE / 2),
                s.duration("quiet-period", DEFAULT_QUIET_PERIOD, Duration.ofMinutes(1), Duration.ofHours(6)),
                Allowlist.from(s.section("allow")));
    }
}
