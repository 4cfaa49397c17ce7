package io.trailhunt.detectors.travel;

import io.trailhunt.detectors.common.AllowRules;
import io.trailhunt.detectors.common.NetworkList;
import io.trailhunt.events.settings.Section;

import java.io.Serializable;
import java.time.Duration;

/**
 * Settings of {@code rules.impossible-travel}.
 *
 * @param maxSpeedKmh a pair of places is impossible above this speed (after the accuracy allowance)
 * @param minDistanceKm and only when the places are at least this far apart (after the allowance)
 * @param includeApiCalls compare every successful call, not only sign-ins (access keys never sign in)
 * @param skipAnonymizers true: ignore events from anonymizers and hosting providers; false: report
 *     pairs involving them at low severity
 * @param egress known egress networks (corporate VPN, iCloud Private Relay, satellite): events from
 *     them say nothing about where the principal is and are ignored
 * @param suppressionWindow one finding per principal while impossible pairs keep coming within this
 */
public record ImpossibleTravelSettings(
        boolean enabled,
        double maxSpeedKmh,
        double minDistanceKm,
        boolean includeApiCalls,
        boolean skipAnonymizers,
        AllowRules egress,
        Duration suppressionWindow,
        AllowRules allow) implements Serializable {
    public static final double DEFAULT_MAX_SPEED_KMH = 900;
    public static final double DEFAULT_MIN_DISTANCE_KM = 500;
    public static final Duration DEFAULT_SUPPRESSION_WINDOW = Duration.ofMinutes(30);

    public static ImpossibleTravelSettings defaults() {
        return new ImpossibleTravelSettings(true, DEFAULT_MAX_SPEED_KMH, DEFAULT_MIN_DISTANCE_KM, true, false,
                AllowRules.none(), DEFAULT_SUPPRESSION_WINDOW, AllowRules.none());
    }

    public static ImpossibleTravelSettings from(Section s) {
        return new ImpossibleTravelSettings(
                s.bool("enabled", true),
                s.decimal("max-speed-kmh", DEFAULT_MAX_SPEED_KMH, 100, 100_000),
                s.decimal("min-distance-km", DEFAULT_MIN_DISTANCE_KM, 0, 20_000),
                s.bool("include-api-calls", true),
                s.choice("anonymizers", "demote", "demote", "skip").equals("skip"),
                NetworkList.from(s.section("egress")),
                s.duration("suppression-window", DEFAULT_SUPPRESSION_WINDOW, Duration.ZERO, Duration.ofDays(7)),
                AllowRules.from(s.section("allow")));
    }
}
