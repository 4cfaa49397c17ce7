package io.trailhunt.detectors.enumeration;

import io.trailhunt.events.settings.Allowlist;
import io.trailhunt.events.settings.Section;

import java.io.Serializable;
import java.time.Duration;

/**
 * Settings of {@code rules.bucket-enumeration}. A burst opens when, within the sliding window,
 * there are more listing calls than {@code maxListings}, more distinct buckets touched than
 * {@code maxBuckets}, or more distinct buckets refused (access denied or not found) than
 * {@code maxRefusedBuckets}.
 */
public record BucketEnumerationSettings(boolean enabled, Duration window, int maxListings, int maxBuckets, int maxRefusedBuckets,
                                        Duration quietPeriod, Allowlist allow) implements Serializable {
    public static final Duration DEFAULT_WINDOW = Duration.ofHours(1);
    public static final int DEFAULT_MAX_LISTINGS = 50;
    public static final int DEFAULT_MAX_BUCKETS = 20;
    public static final int DEFAULT_MAX_REFUSED_BUCKETS = 5;
    public static final Duration DEFAULT_QUIET_PERIOD = Duration.ofMinutes(10);

    public static BucketEnumerationSettings defaults() {
        return new BucketEnumerationSettings(true, DEFAULT_WINDOW, DEFAULT_MAX_LISTINGS, DEFAULT_MAX_BUCKETS, DEFAULT_MAX_REFUSED_BUCKETS,
                DEFAULT_QUIET_PERIOD, Allowlist.none());
    }

    public static BucketEnumerationSettings from(Section s) {
        return new BucketEnumerationSettings(
                s.bool("enabled", true),
                s.duration("window", DEFAULT_WINDOW, Duration.ofMinutes(12), Duration.ofDays(1)),
                s.integer("max-listings", DEFAULT_MAX_LISTINGS, 1, 1_000_000),
                s.integer("max-buckets", DEFAULT_MAX_BUCKETS, 1, 10_000),
                s.integer("max-refused-buckets", DEFAULT_MAX_REFUSED_BUCKETS, 1, 10_000),
                s.duration("quiet-period", DEFAULT_QUIET_PERIOD, Duration.ofMinutes(1), Duration.ofHours(6)),
                Allowlist.from(s.section("allow")));
    }

    /** Distinct buckets remembered per window: enough to see a threshold crossed and count well past it (bounded). */
    public int bucketMemory() {
        return 4 * Math.max(maxBuckets, maxRefusedBuckets) + 1;
    }
}
