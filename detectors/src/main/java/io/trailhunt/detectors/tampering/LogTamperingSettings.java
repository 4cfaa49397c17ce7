package io.trailhunt.detectors.tampering;

import io.trailhunt.events.settings.Allowlist;
import io.trailhunt.events.settings.Section;

import java.io.Serializable;
import java.time.Duration;

/**
 * Settings of {@code rules.log-tampering}.
 *
 * @param failedAttemptWindow how long failed tampering attempts are remembered to be shown beside a later success
 * @param allow principals, CIDRs and ASNs whose changes to logging are expected (infrastructure-as-code roles)
 */
public record LogTamperingSettings(boolean enabled, Duration failedAttemptWindow, Allowlist allow) implements Serializable {
    public static final Duration DEFAULT_FAILED_ATTEMPT_WINDOW = Duration.ofHours(24);

    public static LogTamperingSettings defaults() {
        return new LogTamperingSettings(true, DEFAULT_FAILED_ATTEMPT_WINDOW, Allowlist.none());
    }

    public static LogTamperingSettings from(Section s) {
        return new LogTamperingSettings(
                s.bool("enabled", true),
                s.duration("failed-attempt-window", DEFAULT_FAILED_ATTEMPT_WINDOW, Duration.ofMinutes(1), Duration.ofDays(30)),
                Allowlist.from(s.section("allow")));
    }
}
