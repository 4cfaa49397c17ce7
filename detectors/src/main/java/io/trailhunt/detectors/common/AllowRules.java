package io.trailhunt.detectors.common;

import io.trailhunt.events.model.AuditEvent;
import io.trailhunt.events.settings.Allowlist;
import io.trailhunt.events.settings.Cidr;
import io.trailhunt.events.settings.Section;

import java.io.Serializable;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Objects;

/**
 * A rule's {@code allow} section: principals, CIDRs and ASNs (matched by {@link Allowlist}) and
 * user agents (case-insensitive substrings, e.g. a backup job's "rclone/"). Matching events are
 * ignored by the rule: neither reported nor learned from. Also used, without principals and user
 * agents, for lists of networks ({@link NetworkList}). Equal when built from equal lists, so a
 * configuration can be compared with the defaults.
 */
public final class AllowRules implements Serializable {
    private static final long serialVersionUID = 1L;

    private final List<String> principals;
    private final List<String> cidrs;
    private final List<Long> asns;
    private final List<String> userAgents;
    private final Allowlist allowlist;

    public AllowRules(List<String> principals, List<Cidr> cidrs, List<Long> asns, List<String> userAgents) {
        this.principals = List.copyOf(principals);
        this.cidrs = cidrs.stream().map(Cidr::toString).toList();
        this.asns = List.copyOf(asns);
        List<String> uas = new ArrayList<>();
        for (String ua : userAgents) {
            uas.add(ua.toLowerCase(Locale.ROOT));
        }
        this.userAgents = List.copyOf(uas);
        this.allowlist = new Allowlist(principals, cidrs, asns);
    }

    public static AllowRules none() {
        return new AllowRules(List.of(), List.of(), List.of(), List.of());
    }

    /** Reads {@code principals}, {@code cidrs}, {@code asns} and {@code user-agents}. */
    public static AllowRules from(Section allow) {
        return new AllowRules(allow.strings("principals"), NetworkList.cidrs(allow), NetworkList.asns(allow), allow.strings("user-agents"));
    }

    public boolean isEmpty() {
        return principals.isEmpty() && cidrs.isEmpty() && asns.isEmpty() && userAgents.isEmpty();
    }

    public boolean allows(AuditEvent e) {
        if (allowlist.allows(e)) {
            return true;
        }
        if (e.userAgent != null && !userAgents.isEmpty()) {
            String ua = e.userAgent.toLowerCase(Locale.ROOT);
            for (String a : userAgents) {
                if (ua.contains(a)) {
                    return true;
                }
            }
        }
        return false;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof AllowRules a && principals.equals(a.principals) && cidrs.equals(a.cidrs) && asns.equals(a.asns)
                && userAgents.equals(a.userAgents);
    }

    @Override
    public int hashCode() {
        return Objects.hash(principals, cidrs, asns, userAgents);
    }

    @Override
    public String toString() {
        return "AllowRules{principals=" + principals + ", cidrs=" + cidrs + ", asns=" + asns + ", user-agents=" + userAgents + "}";
    }
}
