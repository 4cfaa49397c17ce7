package io.trailhunt.detectors.firstseen;

import io.trailhunt.detectors.common.AllowRules;
import io.trailhunt.events.settings.Quantities;
import io.trailhunt.events.settings.Section;
import io.trailhunt.events.settings.SettingsException;

import java.io.Serializable;
import java.time.Duration;

/**
 * Settings of {@code rules.new-source-ip}, {@code rules.new-asn} and {@code rules.new-country}
 * (the same keys for each).
 *
 * @param lookBack how long a value is remembered after it was last seen
 * @param learningPeriod a principal's own history must be at least this long before anything new is reported
 * @param maxValues at most this many values are kept per principal; beyond, the least recently seen goes
 * @param quietPeriod after a finding, further new values within this are learned without one: a burst
 *     (a proxy pool, a trip through several networks) is one finding, the first
 */
public record FirstSeenSettings(boolean enabled, Duration lookBack, Duration learningPeriod, int maxValues, Duration quietPeriod,
        AllowRules allow) implements Serializable {
    public static final Duration DEFAULT_LOOK_BACK = Duration.ofDays(30);
    public static final Duration DEFAULT_LEARNING_PERIOD = Duration.ofDays(7);
    public static final int DEFAULT_MAX_VALUES = 1000;
    public static final Duration DEFAULT_QUIET_PERIOD = Duration.ofHours(1);

    public static FirstSeenSettings defaults() {
        return new FirstSeenSettings(true, DEFAULT_LOOK_BACK, DEFAULT_LEARNING_PERIOD, DEFAULT_MAX_VALUES, DEFAULT_QUIET_PERIOD, AllowRules.none());
    }

    public static FirstSeenSettings from(Section s) {
        boolean enabled = s.bool("enabled", true);
        Duration lookBack = s.duration("look-back", DEFAULT_LOOK_BACK, Duration.ofHours(1), Duration.ofDays(400));
        Duration learning = s.duration("learning-period", DEFAULT_LEARNING_PERIOD, Duration.ZERO, Duration.ofDays(400));
        if (learning.compareTo(lookBack) > 0) {
            throw new SettingsException(s.key("learning-period"),
                    "must not be longer than look-back (" + Quantities.format(lookBack)
                            + "): history older than the look-back is forgotten");
        }
        return new FirstSeenSettings(
                enabled,
                lookBack,
                learning,
                s.integer("max-values", DEFAULT_MAX_VALUES, 10, 100_000),
                s.duration("quiet-period", DEFAULT_QUIET_PERIOD, Duration.ZERO, Duration.ofDays(7)),
                AllowRules.from(s.section("allow")));
    }
}
