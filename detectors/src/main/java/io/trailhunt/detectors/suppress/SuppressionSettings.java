package io.trailhunt.detectors.suppress;

import io.trailhunt.events.settings.Section;

import java.io.Serializable;
import java.time.Duration;
import java.util.HashMap;
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
