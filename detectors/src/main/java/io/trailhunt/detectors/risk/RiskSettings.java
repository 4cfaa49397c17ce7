package io.trailhunt.detectors.risk;

import io.trailhunt.events.settings.Allowlist;
import io.trailhunt.events.settings.Section;
import io.trailhunt.events.settings.SettingsException;

import java.io.Serializable;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;

/**
 * Settings of {@code rules.principal-risk}.
 *
 * @param threshold the decayed sum of contributions that makes a risk finding
 * @param minRules at least this many different rules must have contributed
 * @param window contributions older than this are dropped (the sliding day)
 * @param halfLife within the window a contribution halves in weight every half-life
 * @param reportDelay a crossing is reported this long after it happened (event time), so later stages join the story
 * @param maxContributions findings kept per principal (the weakest is dropped first)
 * @param ruleWeights multiplies the risk score of a rule's findings (default 1.0)
 * @param allow principals (and, by their first source address, networks) whose findings are not added up
 */
public record RiskSettings(boolean enabled, double threshold, int minRules, Duration window, Duration halfLife, Duration reportDelay,
                           int maxContributions, Map<String, Double> ruleWeights, Allowlist allow) implements Serializable {
    public static final double DEFAULT_THRESHOLD = 150;
    public static final int DEFAULT_MIN_RULES = 2;
    public static final Duration DEFAULT_WINDOW = Duration.ofHours(24);
    public static final Duration DEFAULT_HALF_LIFE = Duration.ofHours(8);
    public static final Duration DEFAULT_REPORT_DELAY = Duration.ofHours(1);
    public static final int DEFAULT_MAX_CONTRIBUTIONS = 32;

    public static RiskSettings defaults() {
        return new RiskSettings(true, DEFAULT_THRESHOLD, DEFAULT_MIN_RULES, DEFAULT_WINDOW, DEFAULT_HALF_LIFE, DEFAULT_REPORT_DELAY,
                DEFAULT_MAX_CONTRIBUTIONS, Map.of(), Allowlist.none());
    }

    public static RiskSettings from(Section s) {
        Section weights = s.section("rule-weights");
        Map<String, Double> w = new HashMap<>();
        for (String rule : weights.keys()) {
            if (rule.equals(PrincipalRisk.RULE_ID)) {
                throw new SettingsException(weights.key(rule), "principal-risk does not add up its own findings; remove the key");
            }
            w.put(rule, weights.decimal(rule, 1.0, 0.0, 100.0));
        }
        return new RiskSettings(
                s.bool("enabled", true),
                s.decimal("threshold", DEFAULT_THRESHOLD, 1.0, 100_000.0),
                s.integer("min-rules", DEFAULT_MIN_RULES, 1, 50),
                s.duration("window", DEFAULT_WINDOW, Duration.ofMinutes(10), Duration.ofDays(30)),
                s.duration("half-life", DEFAULT_HALF_LIFE, Duration.ofMinutes(1), Duration.ofDays(30)),
                s.duration("report-delay", DEFAULT_REPORT_DELAY, Duration.ZERO, Duration.ofHours(24)),
                s.integer("max-contributions", DEFAULT_MAX_CONTRIBUTIONS, 2, 1000),
                Map.copyOf(w),
                Allowlist.from(s.section("allow")));
    }

    public double weight(String ruleId) {
        return ruleWeights.getOrDefault(ruleId, 1.0);
    }
}
