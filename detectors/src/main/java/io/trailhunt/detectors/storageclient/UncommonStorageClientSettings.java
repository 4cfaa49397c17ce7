package io.trailhunt.detectors.storageclient;

import io.trailhunt.detectors.common.AllowRules;
import io.trailhunt.events.settings.Section;
import io.trailhunt.events.settings.SettingsException;

import java.io.Serializable;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * Settings of {@code rules.uncommon-storage-client}.
 *
 * @param lookBack a client used by the principal within this is not new
 * @param clients the desktop storage clients recognised (names as they appear in their user agents)
 */
public record UncommonStorageClientSettings(boolean enabled, Duration lookBack, StorageClients clients, AllowRules allow)
        implements Serializable {
    public static final Duration DEFAULT_LOOK_BACK = Duration.ofDays(7);

    public static UncommonStorageClientSettings defaults() {
        return new UncommonStorageClientSettings(true, DEFAULT_LOOK_BACK, new StorageClients(StorageClients.DEFAULTS), AllowRules.none());
    }

    /**
     * {@code clients} replaces the default list (to drop a client the company uses); {@code
     * extra-clients} adds to it, or to {@code clients} (to recognise one more without repeating the
     * defaults). A name given twice, in any case, is kept once.
     */
    public static UncommonStorageClientSettings from(Section s) {
        boolean enabled = s.bool("enabled", true);
        List<String> base = s.has("clients") ? names(s, "clients") : StorageClients.DEFAULTS;
        List<String> clients = new ArrayList<>(base);
        Set<String> seen = new HashSet<>();
        clients.removeIf(c -> !seen.add(c.toLowerCase(Locale.ROOT)));
        for (String extra : names(s, "extra-clients")) {
            if (seen.add(extra.toLowerCase(Locale.ROOT))) {
                clients.add(extra);
            }
        }
        if (enabled && clients.isEmpty()) {
            throw new SettingsException(s.key("clients"), "is empty, so the rule could never match: set enabled: false to turn it off");
        }
        return new UncommonStorageClientSettings(
                enabled,
                s.duration("look-back", DEFAULT_LOOK_BACK, Duration.ofHours(1), Duration.ofDays(400)),
                new StorageClients(clients),
                AllowRules.from(s.section("allow")));
    }

    private static List<String> names(Section s, String key) {
        List<String> names = s.strings(key);
        for (String c : names) {
            if (c.isBlank()) {
                throw new SettingsException(s.key(key), "an empty client name would match every user agent");
            }
        }
        return names;
    }
}
