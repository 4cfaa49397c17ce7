package io.trailhunt.cep.signin;

import io.trailhunt.events.settings.Allowlist;
import io.trailhunt.events.settings.Section;

import java.io.Serializable;
import java.time.Duration;
import java.util.List;
import java.util.Set;

/**
 * Settings of {@code rules.failed-logins-then-success}.
 *
 * @param minFailures failed sign-ins needed before the success
 * @param window from the first failure to the success
 * @param privilegedPrincipals principals (with {@code *} wildcards) whose compromise is worse; root always is
 * @param ignoredFailureCodes result codes that are interruptions, not refused passwords
 * @param allow principals, CIDRs and ASNs not to report (a test harness that fails on purpose)
 */
public record FailedLoginsSettings(boolean enabled, int minFailures, Duration window, List<String> privilegedPrincipals,
        Set<String> ignoredFailureCodes, Allowlist allow) implements Serializable {
    public static final int DEFAULT_MIN_FAILURES = 3;
    public static final Duration DEFAULT_WINDOW = Duration.ofMinutes(10);

    public static FailedLoginsSettings defaults() {
        return new FailedLoginsSettings(true, DEFAULT_MIN_FAILURES, DEFAULT_WINDOW, List.of(),
                Set.copyOf(SignIns.DEFAULT_IGNORED_FAILURE_CODES), Allowlist.none());
    }

    public static FailedLoginsSettings from(Section s) {
        List<String> ignored = s.has("ignored-failure-codes") ? s.strings("ignored-failure-codes") : SignIns.DEFAULT_IGNORED_FAILURE_CODES;
        return new FailedLoginsSettings(
                s.bool("enabled", true),
                s.integer("min-failures", DEFAULT_MIN_FAILURES, 1, SignIns.MAX_FAILURES_KEPT),
                s.duration("window", DEFAULT_WINDOW, Duration.ofSeconds(10), Duration.ofDays(7)),
                List.copyOf(s.strings("privileged-principals")),
                Set.copyOf(ignored),
                Allowlist.from(s.section("allow")));
    }

    /** The privileged principals as a matcher (an allowlist of principals only). */
    public Allowlist privileged() {
        return new Allowlist(privilegedPrincipals, List.of(), List.of());
    }
}
