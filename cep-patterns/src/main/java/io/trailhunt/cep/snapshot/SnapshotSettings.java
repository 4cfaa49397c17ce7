package io.trailhunt.cep.snapshot;

import io.trailhunt.events.settings.Allowlist;
import io.trailhunt.events.settings.Section;
import io.trailhunt.events.settings.SettingsException;

import java.io.Serializable;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;

/**
 * Settings of {@code rules.snapshot-exfiltration}.
 *
 * @param window how long the whole story may take, from its first step to its last
 * @param ownAccounts the organisation's AWS account ids: sharing with them is not exfiltration
 *     (the account the snapshot is in always counts as its own)
 * @param allow principals, CIDRs and ASNs whose snapshot sharing is expected (backup tooling)
 */
public record SnapshotSettings(boolean enabled, Duration window, Set<String> ownAccounts, Allowlist allow) implements Serializable {
    public static final Duration DEFAULT_WINDOW = Duration.ofHours(2);

    public static SnapshotSettings defaults() {
        return new SnapshotSettings(true, DEFAULT_WINDOW, Set.of(), Allowlist.none());
    }

    public static SnapshotSettings from(Section s) {
        return new SnapshotSettings(
                s.bool("enabled", true),
                s.duration("window", DEFAULT_WINDOW, Duration.ofMinutes(1), Duration.ofDays(7)),
                accounts(s.key("own-accounts"), s.strings("own-accounts")),
                Allowlist.from(s.section("allow")));
    }

    /** Twelve-digit AWS account ids; anything else is a mistake worth stopping for. */
    public static Set<String> accounts(String key, List<String> ids) {
        Set<String> out = new TreeSet<>();
        for (String id : ids) {
            String t = id.trim();
            if (!t.matches("\\d{12}")) {
                throw new SettingsException(key, "'" + id + "' is not an AWS account id; write the 12 digits, e.g. 111122223333");
            }
            out.add(t);
        }
        return Set.copyOf(out);
    }
}
