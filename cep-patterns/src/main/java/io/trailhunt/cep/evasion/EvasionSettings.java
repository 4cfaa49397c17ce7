package io.trailhunt.cep.evasion;

import io.trailhunt.events.settings.Allowlist;
import io.trailhunt.events.settings.Section;

import java.io.Serializable;
import java.time.Duration;

/**
 * Settings of {@code rules.defense-evasion-then-action}.
 *
 * @param window how long after weakening the logs an action still counts as the next step
 * @param allow principals, CIDRs and ASNs whose logging changes are expected (infrastructure as code)
 */
public record EvasionSettings(boolean enabled, Duration window, Allowlist allow) implements Serializable {
    public static final Duration DEFAULT_WINDOW = Duration.ofHours(1);

    public static EvasionSettings defaults() {
        return new EvasionSettings(true, DEFAULT_WINDOW, Allowlist.none());
    }

    public static EvasionSettings from(Section s) {
        return new EvasionSettings(
                s.bool("enabled", true),
                s.duration("window", DEFAULT_WINDOW, Duration.ofMinutes(1), Duration.ofDays(7)),
                Allowlist.from(s.section("allow")));
    }
}
