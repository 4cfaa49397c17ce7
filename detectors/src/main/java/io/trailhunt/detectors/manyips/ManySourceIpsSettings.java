package io.trailhunt.detectors.manyips;

import io.trailhunt.detectors.common.AllowRules;
import io.trailhunt.events.settings.Section;

import java.io.Serializable;
import java.time.Duration;

/**
 * Settings of {@code rules.many-source-ips}.
 *
 * @param maxAddresses more distinct public source addresses than this within the window is reported
 * @param window the sliding window (and the quiet time after a finding)
 */
public record ManySourceIpsSettings(boolean enabled, int maxAddresses, Duration window, AllowRules allow) implements Serializable {
    public static final int DEFAULT_MAX_ADDRESSES = 10;
    public static final Duration DEFAULT_WINDOW = Duration.ofDays(1);

    public static ManySourceIpsSettings defaults() {
        return new ManySourceIpsSettings(true, DEFAULT_MAX_ADDRESSES, DEFAULT_WINDOW, AllowRules.none());
    }

    public static ManySourceIpsSettings from(Section s) {
        return new ManySourceIpsSettings(
                s.bool("enabled", true),
                s.integer("max-addresses", DEFAULT_MAX_ADDRESSES, 1, 1000),
                s.duration("window", DEFAULT_WINDOW, Duration.ofMinutes(1), Duration.ofDays(7)),
                AllowRules.from(s.section("allow")));
    }

    /** Addresses kept per principal: enough to decide exactly (the most recent max + 1) and to show as evidence. */
    int tracked() {
        return Math.max(maxAddresses + 1, 50);
    }
}
