package io.trailhunt.events.settings;

import io.trailhunt.events.model.AuditEvent;

import java.io.Serializable;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.regex.Pattern;

/**
 * Principals, source networks and ASNs a rule must not report: break-glass automation, the
 * corporate VPN, a scanner. Principals match exactly or with {@code *} wildcards, case-insensitively.
 */
public final class Allowlist implements Serializable {
    private static final long serialVersionUID = 1L;

    private final List<Pattern> principals;
    private final List<Cidr> cidrs;
    private final List<Long> asns;

    public Allowlist(List<String> principals, List<Cidr> cidrs, List<Long> asns) {
        this.principals = new ArrayList<>();
        for (String p : principals) {
            this.principals.add(glob(p));
        }
        this.cidrs = List.copyOf(cidrs);
        this.asns = List.copyOf(asns);
    }

    public static Allowlist none() {
        return new Allowlist(List.of(), List.of(), List.of());
    }

    /** Reads {@code principals}, {@code cidrs} and {@code asns} from a rule's {@code allow} section. */
    public static Allowlist from(Section allow) {
        List<Cidr> cidrs = new ArrayList<>();
        for (String c : allow.strings("cidrs")) {
            try {
                cidrs.add(Cidr.parse(c));
            } catch (IllegalArgumentException e) {
                throw new SettingsException(allow.key("cidrs"), e.getMessage());
            }
        }
        List<Long> asns = new ArrayList<>();
        for (String a : allow.strings("asns")) {
            String digits = a.toUpperCase(Locale.ROOT).startsWith("AS") ? a.substring(2) : a;
            try {
                asns.add(Long.parseLong(digits.trim()));
            } catch (NumberFormatException e) {
                throw new SettingsException(allow.key("asns"), "'" + a + "' is not an AS number (write 64500 or AS64500)");
            }
        }
        return new Allowlist(allow.strings("principals"), cidrs, asns);
    }

    public boolean isEmpty() {
        return principals.isEmpty() && cidrs.isEmpty() && asns.isEmpty();
    }

    /** True when the event's principal, source address or network is allowed. */
    public boolean allows(AuditEvent e) {
        if (isEmpty()) {
            return false;
        }
        if (e.principal != null) {
            for (Pattern p : principals) {
                if (p.matcher(e.principal).matches()) {
                    return true;
                }
            }
        }
        if (e.sourceIp != null) {
            for (Cidr c : cidrs) {
                if (c.contains(e.sourceIp)) {
                    return true;
                }
            }
        }
        Long asn = e.asn();
        return asn != null && asns.contains(asn);
    }

    private static Pattern glob(String g) {
        String[] parts = g.split("\\*", -1);
        StringBuilder re = new StringBuilder();
        for (int i = 0; i < parts.length; i++) {
            if (i > 0) {
                re.append(".*");
            }
            re.append(Pattern.quote(parts[i]));
        }
        return Pattern.compile(re.toString(), Pattern.CASE_INSENSITIVE);
    }
}
