package io.trailhunt.detectors.suppress;

import io.trailhunt.detectors.Detector;
import io.trailhunt.events.settings.Section;

import java.io.Serializable;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Settings of {@code suppression}: how long a finding of one rule about one principal and subject
 * silences its repeats. {@code per-rule} overrides the window for named rules; 0s turns it off.
 */
public record SuppressionSettings(Duration window, Map<String, Duration> perRule) implements Serializable {
    public static final Duration DEFAULT_WINDOW = Duration.ofHours(1);

    public static SuppressionSettings defaults() {
        return new SuppressionSettings(DEFAULT_WINDOW, Map.of());
    }

    public static SuppressionSettings from(Section s) {
        Duration window = s.duration("window", DEFAULT_WINDOW, Duration.ZERO, Duration.ofDays(30));
        Section rules = s.section("per-rule");
        Map<String, Duration> perRule = new HashMap<>();
        if (rules.isPresent()) {
            for (String ruleId : rules.keys()) {
                perRule.put(ruleId, rules.duration(ruleId, window, Duration.ZERO, Duration.ofDays(30)));
            }
        }
        return new SuppressionSettings(window, Map.copyOf(perRule));
    }

    /**
     * These settings with each rule's window at least its detector's quiet period, so that the
     * repeats a detector sends within its quiet period find their finding still open and are
     * counted. A window of zero (suppression off for the rule) stays off.
     */
    public SuppressionSettings covering(List<? extends Detector<?>> detectors) {
        Map<String, Duration> widened = new HashMap<>(perRule);
        for (Detector<?> d : detectors) {
            Duration current = windowFor(d.ruleId());
            if (!current.isZero() && d.quietPeriod().compareTo(current) > 0) {
                widened.put(d.ruleId(), d.quietPeriod());
            }
        }
        return new SuppressionSettings(window, Map.copyOf(widened));
    }

    public Duration windowFor(String ruleId) {
        return perRule.getOrDefault(ruleId, window);
    }

    public Duration longestWindow() {
        Duration longest = window;
        for (Duration d : perRule.values()) {
            if (d.compareTo(longest) > 0) {
                longest = d;
            }
        }
        return longest;
    }
}
