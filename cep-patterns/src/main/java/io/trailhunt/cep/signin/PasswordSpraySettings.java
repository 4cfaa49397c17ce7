package io.trailhunt.cep.signin;

import io.trailhunt.events.settings.Allowlist;
import io.trailhunt.events.settings.Section;

import java.io.Serializable;
import java.time.Duration;
import java.util.List;
import java.util.Set;

/**
 * Settings of {@code rules.password-spray}.
 *
 * @param minPrincipals distinct principals that must have failed from the source
 * @param window from the first failure to the success
 * @param groupBy {@code address} (one source address) or {@code asn} (one network; falls back to
 *     the address when GeoIP has no AS number for it)
 * @param ignoredFailureCodes result codes that are interruptions, not refused passwords
 * @param allow principals, CIDRs and ASNs not to report (the corporate proxy, a scanner)
 */
public record PasswordSpraySettings(boolean enabled, int minPrincipals, Duration window, String groupBy,
        Set<String> ignoredFailureCodes, Allowlist allow) implements Serializable {
    public static final int DEFAULT_MIN_PRINCIPALS = 10;
    public static final Duration DEFAULT_WINDOW = Duration.ofMinutes(15);
    public static final String BY_ADDRESS = "address";
    public static final String BY_ASN = "asn";

    public static PasswordSpraySettings defaults() {
        return new PasswordSpraySettings(true, DEFAULT_MIN_PRINCIPALS, DEFAULT_WINDOW, BY_ADDRESS,
                Set.copyOf(SignIns.DEFAULT_IGNORED_FAILURE_CODES), Allowlist.none());
    }

    public static PasswordSpraySettings from(Section s) {
        List<String> ignored = s.has("ignored-failure-codes") ? s.strings("ignored-failure-codes") : SignIns.DEFAULT_IGNORED_FAILURE_CODES;
        return new PasswordSpraySettings(
                s.bool("enabled", true),
                s.integer("min-principals", DEFAULT_MIN_PRINCIPALS, 2, SignIns.MAX_FAILURES_KEPT),
                s.duration("window", DEFAULT_WINDOW, Duration.ofSeconds(10), Duration.ofDays(7)),
                s.choice("group-by", BY_ADDRESS, BY_ADDRESS, BY_ASN),
                Set.copyOf(ignored),
                Allowlist.from(s.section("allow")));
    }
}
