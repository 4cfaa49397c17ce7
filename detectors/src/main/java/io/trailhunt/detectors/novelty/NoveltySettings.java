package io.trailhunt.detectors.novelty;

import io.trailhunt.events.settings.Allowlist;
import io.trailhunt.events.settings.Section;

import java.io.Serializable;
import java.time.Duration;

/**
 * Settings of {@code rules.novel-activity}.
 *
 * @param thresholdBits an event whose summed information content reaches this is reported
 * @param minEvents a principal must have this many events before it is judged
 * @param minHistory and have been known this long
 * @param priorStrength how many events' worth of weight the population's frequencies have against the principal's own
 * @param maxValues values remembered per component and principal (the least counted is forgotten first)
 * @param populationMaxValues values remembered per component in the population model of a subtask
 * @param reportCooldown after a finding, further novel events of the principal within this are scored but not reported
 * @param forgetAfter a principal's model is dropped after this long without any event
 */
public record NoveltySettings(boolean enabled, double thresholdBits, int minEvents, Duration minHistory, double priorStrength,
                              int maxValues, int populationMaxValues, Duration reportCooldown, Duration forgetAfter, Allowlist allow)
        implements Serializable {
    public static final double DEFAULT_THRESHOLD_BITS = 30.0;
    public static final int DEFAULT_MIN_EVENTS = 50;
    public static final Duration DEFAULT_MIN_HISTORY = Duration.ofDays(7);
    public static final double DEFAULT_PRIOR_STRENGTH = 10.0;
    public static final int DEFAULT_MAX_VALUES = 64;
    public static final int DEFAULT_POPULATION_MAX_VALUES = 5000;
    public static final Duration DEFAULT_REPORT_COOLDOWN = Duration.ofHours(1);
    public static final Duration DEFAULT_FORGET_AFTER = Duration.ofDays(35);
    /** A principal's counts are halved once it has this many events, so habits can change. */
    public static final int MAX_TOTAL = 10_000;

    public static NoveltySettings defaults() {
        return new NoveltySettings(true, DEFAULT_THRESHOLD_BITS, DEFAULT_MIN_EVENTS, DEFAULT_MIN_HISTORY, DEFAULT_PRIOR_STRENGTH,
                DEFAULT_MAX_VALUES, DEFAULT_POPULATION_MAX_VALUES, DEFAULT_REPORT_COOLDOWN, DEFAULT_FORGET_AFTER, Allowlist.none());
    }

    public static NoveltySettings from(Section s) {
        return new NoveltySettings(
                s.bool("enabled", true),
                s.decimal("threshold-bits", DEFAULT_THRESHOLD_BITS, 1.0, 1000.0),
                s.integer("min-events", DEFAULT_MIN_EVENTS, 1, 1_000_000),
                s.duration("min-history", DEFAULT_MIN_HISTORY, Duration.ZERO, Duration.ofDays(365)),
                s.decimal("prior-strength", DEFAULT_PRIOR_STRENGTH, 0.01, 1_000_000.0),
                s.integer("max-values", DEFAULT_MAX_VALUES, 4, 4096),
                s.integer("population-max-values", DEFAULT_POPULATION_MAX_VALUES, 16, 1_000_000),
                s.duration("report-cooldown", DEFAULT_REPORT_COOLDOWN, Duration.ZERO, Duration.ofDays(7)),
                s.duration("forget-after", DEFAULT_FORGET_AFTER, Duration.ofDays(2), Duration.ofDays(730)),
                Allowlist.from(s.section("allow")));
    }
}
