package io.trailhunt.detectors.storageclient;

import io.trailhunt.events.model.AuditEvent;

import java.io.Serializable;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Desktop storage clients recognised in user agents: a case-insensitive match of the client's name
 * at the start of the user agent or after a non-letter ("S3 Browser/12.2.9 (https://s3browser.com)",
 * "[Cyberduck/8.7.1.40770 (Mac OS X/14.0) (x86_64)]", "rclone/v1.65.0"), so that "Transmit" does not
 * match inside another word.
 */
public final class StorageClients implements Serializable {
    private static final long serialVersionUID = 1L;
    public static final List<String> DEFAULTS = List.of(
            "S3 Browser", "Cyberduck", "Mountain Duck", "WinSCP", "rclone", "CloudBerry", "MSP360", "Transmit", "ExpanDrive");

    private final List<String> names;
    private final List<String> lowered = new ArrayList<>();

    public StorageClients(List<String> names) {
        this.names = List.copyOf(names);
        for (String n : names) {
            lowered.add(n.toLowerCase(Locale.ROOT));
        }
    }

    /** The configured name of the client in {@code userAgent}, or null. */
    public String match(String userAgent) {
        if (userAgent == null) {
            return null;
        }
        String ua = userAgent.toLowerCase(Locale.ROOT);
        for (int i = 0; i < lowered.size(); i++) {
            if (containsWord(ua, lowered.get(i))) {
                return names.get(i);
            }
        }
        return null;
    }

    public List<String> names() {
        return names;
    }

    private static boolean containsWord(String ua, String name) {
        int from = 0;
        while (true) {
            int at = ua.indexOf(name, from);
            if (at < 0) {
                return false;
            }
            if (at == 0 || !Character.isLetter(ua.charAt(at - 1))) {
                return true;
            }
            from = at + 1;
        }
    }

    /** S3, Cloud Storage and Azure Storage calls: where a desktop client is pointed. */
    public static boolean isStorage(AuditEvent e) {
        String s = e.service;
        return s != null && (s.equals("s3.amazonaws.com") || s.equals("storage.googleapis.com") || s.equalsIgnoreCase("Microsoft.Storage"));
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof StorageClients c && names.equals(c.names);
    }

    @Override
    public int hashCode() {
        return names.hashCode();
    }

    @Override
    public String toString() {
        return names.toString();
    }
}
