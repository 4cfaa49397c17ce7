package io.trailhunt.detectors.persistence;

import io.trailhunt.detectors.common.AllowRules;
import io.trailhunt.detectors.common.NetworkList;
import io.trailhunt.events.settings.Section;

import java.io.Serializable;
import java.time.Duration;

/**
 * Settings of {@code rules.credential-persistence}.
 *
 * @param lookBack a principal that created this kind of credential (for itself, or for others)
 *     within this is doing what it does; the first time in the look-back is reported
 * @param keyUse report GCP service-account keys used from public addresses outside {@code keyUseTrusted}
 * @param keyUseTrusted networks keys are expected to be used from (CI runners, on-premises egress)
 * @param keyUseQuietPeriod one key-use finding per key within this
 */
public record CredentialPersistenceSettings(
        boolean enabled, Duration lookBack, boolean keyUse, AllowRules keyUseTrusted, Duration keyUseQuietPeriod, AllowRules allow)
        implements Serializable {
    public static final Duration DEFAULT_LOOK_BACK = Duration.ofDays(30);
    public static final Duration DEFAULT_KEY_USE_QUIET_PERIOD = Duration.ofHours(24);

    public static CredentialPersistenceSettings defaults() {
        return new CredentialPersistenceSettings(true, DEFAULT_LOOK_BACK, true, AllowRules.none(), DEFAULT_KEY_USE_QUIET_PERIOD, AllowRules.none());
    }

    public static CredentialPersistenceSettings from(Section s) {
        Section keyUse = s.section("service-account-key-use");
        return new CredentialPersistenceSettings(
                s.bool("enabled", true),
                s.duration("look-back", DEFAULT_LOOK_BACK, Duration.ZERO, Duration.ofDays(400)),
                keyUse.bool("enabled", true),
                NetworkList.from(keyUse.section("trusted")),
                keyUse.duration("quiet-period", DEFAULT_KEY_USE_QUIET_PERIOD, Duration.ZERO, Duration.ofDays(30)),
                AllowRules.from(s.section("allow")));
    }
}
