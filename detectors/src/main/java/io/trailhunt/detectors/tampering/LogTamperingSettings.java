package io.trailhunt.detectors.tampering;

import io.trailhunt.detectors.common.AllowRules;
import io.trailhunt.events.settings.Section;

import java.io.Serializable;
import java.time.Duration;

/**
 * Settings of {@code rules.log-tampering}.
 *
 * @param failedAttemptWindow how long failed tampering attempts are remembered to be shown beside a later success
 * @param allow principals, CIDRs, ASNs and user agents whose changes to logging are expected (infrastructure-as-code roles)
 */
public record LogTamperingSettings(boolean enabled, Duration failedAttemptWindow, AllowRules allow) implements Serializable {
    public static final Duration DEFAULT_FAILED_ATTEMPT_WINDOW = Duration.ofHours(24);

    public static LogTamperingSettings defaults() {
        return new LogTamperingSettings(true, DEFAULT_FAILED_ATTEMPT_WINDOW, AllowRules.none());
    }

    public static LogTamperingSettings from(Section s) {
        return new LogTamperingSettings(
                s.bool("enabled", true),
                s.duration("failed-attempt-window", DEFAULT_FAILED_ATTEMPT_WINDOW, Duration.ofMinutes(1), Duration.ofDays(30)),
                AllowRules.from(s.section("allow")));
    }
}
