package io.trailhunt.cep.signin;

import io.trailhunt.cep.Match;
import io.trailhunt.cep.SequencePattern;
import io.trailhunt.cep.Step;
import io.trailhunt.cep.Text;
import io.trailhunt.events.finding.FindingBuilder;
import io.trailhunt.events.model.AuditEvent;
import io.trailhunt.events.model.Finding;
import io.trailhunt.events.model.PrincipalType;
import io.trailhunt.events.model.Severity;
import io.trailhunt.events.settings.Quantities;
import io.trailhunt.events.settings.Section;
import org.apache.flink.cep.functions.PatternProcessFunction;
import org.apache.flink.cep.nfa.aftermatch.AfterMatchSkipStrategy;
import org.apache.flink.cep.pattern.Pattern;
import org.apache.flink.util.Collector;

import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * {@code failed-logins-then-success}: at least N refused sign-ins and then a successful one for
 * the same principal within the window, on AWS console sign-ins and Entra ID sign-ins. The
 * failures are taken greedily (up to {@link SignIns#MAX_FAILURES_KEPT}), and after a match every
 * partial match that started before its success is dropped, so one run of guesses is one finding.
 */
public final class FailedLoginsThenSuccess implements SequencePattern {
    public static final String RULE_ID = "failed-logins-then-success";
    static final String FAILURES = "failures";
    static final String SUCCESS = "success";
    private static final long serialVersionUID = 1L;

    private final FailedLoginsSettings settings;

    public FailedLoginsThenSuccess(FailedLoginsSettings settings) {
        this.settings = settings;
    }

    public static List<SequencePattern> patterns(Section rules) {
        FailedLoginsSettings s = FailedLoginsSettings.from(rules.section(RULE_ID));
        return s.enabled() ? List.of(new FailedLoginsThenSuccess(s)) : List.of();
    }

    @Override
    public String ruleId() {
        return RULE_ID;
    }

    /** Failures for unknown user names are not: no success can follow for a name that does not exist. */
    @Override
    public boolean isCandidate(AuditEvent e) {
        return (SignIns.isSuccess(e) || SignIns.isCountedFailure(e, settings.ignoredFailureCodes()))
                && !SignIns.isUnknownUser(e) && !settings.allow().allows(e);
    }

    /** The principal, an IAM user without its path: its failed sign-ins give none, its successes do. */
    @Override
    public String key(AuditEvent e) {
        return AuditEvent.principalKey(e.cloud, e.account, SignIns.identity(e));
    }

    @Override
    public int stepOrder(AuditEvent e) {
        return e.succeeded() ? 1 : 0; // in one second, the failures came first
    }

    @Override
    public Pattern<AuditEvent, ?> pattern() {
        Set<String> ignored = settings.ignoredFailureCodes();
        return Pattern.<AuditEvent>begin(FAILURES, AfterMatchSkipStrategy.skipPastLastEvent())
                .where(Step.where((e, taken) -> SignIns.isCountedFailure(e, ignored)))
                .times(settings.minFailures(), SignIns.MAX_FAILURES_KEPT)
                .greedy()
                .followedBy(SUCCESS)
                .where(Step.where((e, taken) -> SignIns.isSuccess(e)))
                .within(settings.window());
    }

    @Override
    public PatternProcessFunction<AuditEvent, Finding> process() {
        return new Report(settings);
    }

    static final class Report extends PatternProcessFunction<AuditEvent, Finding> {
        private static final long serialVersionUID = 1L;

        private final FailedLoginsSettings settings;

        Report(FailedLoginsSettings settings) {
            this.settings = settings;
        }

        @Override
        public void processMatch(Map<String, List<AuditEvent>> steps, Context ctx, Collector<Finding> out) {
            out.collect(tell(new Match(steps), settings));
        }
    }

    static Finding tell(Match m, FailedLoginsSettings settings) {
        List<AuditEvent> failures = m.all(FAILURES);
        AuditEvent success = m.first(SUCCESS);
        Set<String> failingAddresses = Text.addresses(failures);
        boolean fromFailing = success.sourceIp != null && failingAddresses.contains(success.sourceIp);
        boolean root = success.principalType == PrincipalType.ROOT;
        boolean privileged = root || settings.privileged().allows(success);

        Severity severity = Severity.MEDIUM;
        if (fromFailing) {
            severity = severity.raise();
        }
        if (privileged) {
            severity = severity.raise();
        }
        FindingBuilder b = FindingBuilder.rule(RULE_ID)
                .about(success)
                .title((root ? "Root sign-in" : "Sign-in") + " succeeded after " + failures.size() + " failed attempts")
                .severity(severity)
                .mitre("T1110", "T1078")
                .subject("sign-in-from:" + success.sourceIp)
                .fact("failed_attempts", failures.size())
                .fact("failing_addresses", String.join(",", failingAddresses))
                .fact("success_address", success.sourceIp)
                .fact("success_from_failing_address", fromFailing)
                .fact("privileged", privileged)
                .fact("window", Quantities.format(settings.window()));
        m.events().forEach(b::evidence);

        AuditEvent first = failures.get(0);
        AuditEvent last = failures.get(failures.size() - 1);
        StringBuilder sb = new StringBuilder(success.principal)
                .append(" failed to sign in ").append(Text.plural(failures.size(), "time", "times"))
                .append(" between ").append(Text.at(first)).append(" and ").append(Text.at(last))
                .append(" from ").append(failingAddresses.isEmpty() ? "(no address logged)" : String.join(", ", failingAddresses))
                .append(" (").append(SignIns.reason(last)).append("), then signed in at ").append(Text.at(success))
                .append(success.sourceIp == null ? "" : " from " + success.sourceIp)
                .append(fromFailing ? ", one of the failing addresses" : ", an address that had not failed").append('.');
        if (root) {
            sb.append(" This is the account's root user.");
        } else if (privileged) {
            sb.append(" This is a privileged principal.");
        }
        sb.append(" Confirm with the owner that it was them; if not, reset the password, revoke its sessions and keys, and review what it did after signing in.");
        return b.explanation(sb.toString()).build();
    }
}
