package io.trailhunt.detectors.common;

import io.trailhunt.events.settings.Cidr;
import io.trailhunt.events.settings.Section;
import io.trailhunt.events.settings.SettingsException;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/** A section of {@code cidrs} and {@code asns} only (known egress networks, trusted key-use networks). */
public final class NetworkList {
    private NetworkList() {}

    /** Matches an event by its source address or its ASN. */
    public static AllowRules from(Section s) {
        return new AllowRules(List.of(), cidrs(s), asns(s), List.of());
    }

    static List<Cidr> cidrs(Section s) {
        List<Cidr> out = new ArrayList<>();
        for (String c : s.strings("cidrs")) {
            try {
                out.add(Cidr.parse(c));
            } catch (IllegalArgumentException e) {
                throw new SettingsException(s.key("cidrs"), e.getMessage());
            }
        }
        return out;
    }

    static List<Long> asns(Section s) {
        List<Long> out = new ArrayList<>();
        for (String a : s.strings("asns")) {
            String digits = a.toUpperCase(Locale.ROOT).startsWith("AS") ? a.substring(2) : a;
            try {
                out.add(Long.parseLong(digits.trim()));
            } catch (NumberFormatException e) {
                throw new SettingsException(s.key("asns"), "'" + a + "' is not an AS number (write 64500 or AS64500)");
            }
        }
        return out;
    }
}
