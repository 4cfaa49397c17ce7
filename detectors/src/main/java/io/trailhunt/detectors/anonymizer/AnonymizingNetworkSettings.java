package io.trailhunt.detectors.anonymizer;

import io.trailhunt.detectors.common.AllowRules;
import io.trailhunt.detectors.common.NetworkKinds;
import io.trailhunt.events.settings.Section;
import io.trailhunt.events.settings.SettingsException;

import java.io.Serializable;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Locale;

/**
 * Settings of {@code rules.anonymizing-network}.
 *
 * @param networks the Anonymous-IP flags that are reported (see {@link NetworkKinds})
 * @param threatIntelPath a list of addresses and networks with labels, or null for none
 * @param threatIntelCheckInterval how often the list file is checked for changes
 * @param riskLevels Entra {@code riskLevelDuringSignIn} values that are reported
 * @param riskEventTypes Entra risk event types that are reported whatever the level
 * @param quietPeriod one finding per principal and kind of network within this
 */
public record AnonymizingNetworkSettings(
        boolean enabled,
        List<String> networks,
        String threatIntelPath,
        Duration threatIntelCheckInterval,
        List<String> riskLevels,
        List<String> riskEventTypes,
        Duration quietPeriod,
        AllowRules allow) implements Serializable {
    public static final List<String> DEFAULT_NETWORKS = List.of(NetworkKinds.TOR_EXIT, NetworkKinds.PUBLIC_PROXY, NetworkKinds.ANONYMOUS_VPN);
    public static final Duration DEFAULT_CHECK_INTERVAL = Duration.ofMinutes(1);
    public static final List<String> DEFAULT_RISK_LEVELS = List.of("high");
    /** Entra's network-related risk detections (riskEventTypes / riskEventTypes_v2 values). */
    public static final List<String> DEFAULT_RISK_EVENT_TYPES = List.of(
            "anonymizedIPAddress", "maliciousIPAddress", "malwareInfectedIPAddress", "suspiciousIPAddress", "nationStateIP");
    public static final Duration DEFAULT_QUIET_PERIOD = Duration.ofHours(24);

    public static AnonymizingNetworkSettings defaults() {
        return new AnonymizingNetworkSettings(true, DEFAULT_NETWORKS, null, DEFAULT_CHECK_INTERVAL, DEFAULT_RISK_LEVELS,
                DEFAULT_RISK_EVENT_TYPES, DEFAULT_QUIET_PERIOD, AllowRules.none());
    }

    public static AnonymizingNetworkSettings from(Section s) {
        boolean enabled = s.bool("enabled", true);
        List<String> networks = s.has("networks") ? s.strings("networks") : DEFAULT_NETWORKS;
        for (String n : networks) {
            if (!NetworkKinds.ALL.contains(n)) {
                throw new SettingsException(s.key("networks"), "'" + n + "' is not one of " + String.join(", ", NetworkKinds.ALL));
            }
        }
        Section intel = s.section("threat-intel");
        String path = intel.string("path", null);
        if (path != null && path.isBlank()) {
            path = null;
        }
        Duration interval = intel.duration("check-interval", DEFAULT_CHECK_INTERVAL, Duration.ofSeconds(1), Duration.ofDays(1));
        if (path != null && enabled) {
            check(intel.key("path"), Path.of(path));
        }
        Section risk = s.section("provider-risk");
        List<String> levels = risk.has("levels") ? lower(risk.strings("levels")) : DEFAULT_RISK_LEVELS;
        for (String l : levels) {
            if (!List.of("low", "medium", "high").contains(l)) {
                throw new SettingsException(risk.key("levels"), "'" + l + "' is not one of low, medium, high");
            }
        }
        List<String> types = risk.has("event-types") ? risk.strings("event-types") : DEFAULT_RISK_EVENT_TYPES;
        return new AnonymizingNetworkSettings(enabled, List.copyOf(networks), path, interval, List.copyOf(levels), List.copyOf(types),
                s.duration("quiet-period", DEFAULT_QUIET_PERIOD, Duration.ZERO, Duration.ofDays(30)),
                AllowRules.from(s.section("allow")));
    }

    /** The list is read once at start-up so that a missing or broken file stops the job with the line to fix. */
    private static void check(String key, Path file) {
        if (!Files.isRegularFile(file)) {
            throw new SettingsException(key, "no such file: " + file.toAbsolutePath() + "; name a text file of addresses or CIDRs, one a line, each optionally followed by a label");
        }
        try {
            ThreatIntel.parse(file);
        } catch (IllegalArgumentException | UncheckedIOException e) {
            throw new SettingsException(key, file + " " + e.getMessage());
        }
    }

    private static List<String> lower(List<String> values) {
        return values.stream().map(v -> v.toLowerCase(Locale.ROOT)).toList();
    }
}
