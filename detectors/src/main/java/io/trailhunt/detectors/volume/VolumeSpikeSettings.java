package io.trailhunt.detectors.volume;

import io.trailhunt.events.settings.Allowlist;
import io.trailhunt.events.settings.Section;

import java.io.Serializable;
import java.time.Duration;

/**
 * Settings of {@code rules.volume-spike}.
 *
 * @param k a count more than k standard deviations above the baseline is a spike
 * @param minCount and it must be at least this many calls in the hour
 * @param minHistory hours are judged only once the principal has been known this long
 * @param seasonalMinDays the baseline of the same hour of day is used once it has seen this many days, else the all-hours baseline
 * @param spanHours the all-hours baseline averages over about this many hours
 * @param seasonalSpanDays the hour-of-day baselines average over about this many days
 * @param forgetAfter a principal's baselines are dropped after this long without any event
 */
public record VolumeSpikeSettings(boolean enabled, double k, int minCount, Duration minHistory, int seasonalMinDays, int spanHours,
                                  int seasonalSpanDays, Duration forgetAfter, Allowlist allow) implements Serializable {
    public static final double DEFAULT_K = 4.0;
    public static final int DEFAULT_MIN_COUNT = 25;
    public static final Duration DEFAULT_MIN_HISTORY = Duration.ofDays(7);
    public static final int DEFAULT_SEASONAL_MIN_DAYS = 7;
    public static final int DEFAULT_SPAN_HOURS = 336;
    public static final int DEFAULT_SEASONAL_SPAN_DAYS = 14;
    public static final Duration DEFAULT_FORGET_AFTER = Duration.ofDays(35);

    public static VolumeSpikeSettings defaults() {
        return new VolumeSpikeSettings(true, DEFAULT_K, DEFAULT_MIN_COUNT, DEFAULT_MIN_HISTORY, DEFAULT_SEASONAL_MIN_DAYS, DEFAULT_SPAN_HOURS,
                DEFAULT_SEASONAL_SPAN_DAYS, DEFAULT_FORGET_AFTER, Allowlist.none());
    }

    public static VolumeSpikeSettings from(Section s) {
        return new VolumeSpikeSettings(
                s.bool("enabled", true),
                s.decimal("k", DEFAULT_K, 1.0, 100.0),
                s.integer("min-count", DEFAULT_MIN_COUNT, 1, 100_000_000),
                s.duration("min-history", DEFAULT_MIN_HISTORY, Duration.ofHours(1), Duration.ofDays(365)),
                s.integer("seasonal-min-days", DEFAULT_SEASONAL_MIN_DAYS, 1, 365),
                s.integer("span-hours", DEFAULT_SPAN_HOURS, 2, 24 * 365),
                s.integer("seasonal-span-days", DEFAULT_SEASONAL_SPAN_DAYS, 2, 365),
                s.duration("forget-after", DEFAULT_FORGET_AFTER, Duration.ofDays(2), Duration.ofDays(730)),
                Allowlist.from(s.section("allow")));
    }
}
