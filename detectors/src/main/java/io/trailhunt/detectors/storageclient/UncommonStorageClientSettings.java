package io.trailhunt.detectors.storageclient;

import io.trailhunt.detectors.common.AllowRules;
import io.trailhunt.events.settings.Section;
import io.trailhunt.events.settings.SettingsException;

import java.io.Serializable;
import java.time.Duration;
import java.util.List;

/**
 * Settings of {@code rules.uncommon-storage-client}.
 *
 * @param lookBack a client used by the principal within this is not new
 * @param clients the desktop storage clients recognised (names as they start their user agents)
 */
public record UncommonStorageClientSettings(boolean enabled, Duration lookBack, StorageClients clients, AllowRules allow)
        implements Serializable {
    public static final Duration DEFAULT_LOOK_BACK = Duration.ofDays(7);

    public static UncommonStorageClientSettings defaults() {
        return new UncommonStorageClientSettings(true, DEFAULT_LOOK_BACK, new StorageClients(StorageClients.DEFAULTS), AllowRules.none());
    }

    public static UncommonStorageClientSettings from(Section s) {
        List<String> clients = s.has("clients") ? s.strings("clients") : StorageClients.DEFAULTS;
        for (String c : clients) {
            if (c.isBlank()) {
                throw new SettingsException(s.key("clients"), "an empty client name would match every user agent");
            }
        }
        return new UncommonStorageClientSettings(
                s.bool("enabled", true),
                s.duration("look-back", DEFAULT_LOOK_BACK, Duration.ofHours(1), Duration.ofDays(400)),
                new StorageClients(clients),
                AllowRules.from(s.section("allow")));
    }
}
