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

import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * {@code password-spray}: refused sign-ins for many distinct principals from one source address
 * (or one AS), followed by any successful sign-in from it, within the window. Keyed by the
 * source, not the principal: the spray is spread thin over principals precisely so that no
 * single principal sees many failures.
 */
public final class PasswordSpray implements SequencePattern {
    public static final String RULE_ID = "password-spray";
    static final String FAILURES = "failures";
    static final String SUCCESS = "success";
    private static final long serialVersionUID = 1L;

    private final PasswordSpraySettings settings;

    public PasswordSpray(PasswordSpraySettings settings) {
        this.settings = settings;
    }

    public static List<SequencePattern> patterns(Section rules) {
        PasswordSpraySettings s = PasswordSpraySettings.from(rules.section(RULE_ID));
        return s.enabled() ? List.of(new PasswordSpray(s)) : List.of();
    }

    @Override
    public String ruleId() {
        return RULE_ID;
    }

    @Override
    public boolean isCandidate(AuditEvent e) {
        return e.sourceIp != null
                && (SignIns.isSuccess(e) || SignIns.isCountedFailure(e, settings.ignoredFailureCodes()))
                && !settings.allow().allows(e);
    }

    /** The source: "address|175.16.199.20", or "asn|AS4837" when grouping by network and GeoIP (or Entra) knows it. */
    @Override
    public String key(AuditEvent e) {
        Long asn = e.asn();
        if (PasswordSpraySettings.BY_ASN.equals(settings.groupBy()) && asn != null) {
            return "asn|AS" + asn;
        }
        return "address|" + e.sourceIp;
    }

    @Override
    public int stepOrder(AuditEvent e) {
        return e.succeeded() ? 1 : 0;
    }

    @Override
    public Pattern<AuditEvent, ?> pattern() {
        Set<String> ignored = settings.ignoredFailureCodes();
        int min = settings.minPrincipals();
        return Pattern.<AuditEvent>begin(FAILURES, AfterMatchSkipStrategy.skipPastLastEvent())
                .where(Step.where((e, taken) -> SignIns.isCountedFailure(e, ignored)))
                .times(1, SignIns.MAX_FAILURES_KEPT)
                .greedy()
                .followedBy(SUCCESS)
                .where(Step.where((e, taken) -> SignIns.isSuccess(e) && principals(taken.of(FAILURES)).size() >= min))
                .within(settings.window());
    }

    /**
     * The distinct principals the failures were for. Failures for unknown user names (AWS hides
     * them) are not counted: ten of them may be ten guessed names or one mistyped name retried.
     */
    static Set<String> principals(List<AuditEvent> failures) {
        Set<String> out = new LinkedHashSet<>();
        for (AuditEvent f : failures) {
            if (!SignIns.isUnknownUser(f)) {
                out.add(String.valueOf(SignIns.identity(f)));
            }
        }
        return out;
    }

    static int unknownUsers(List<AuditEvent> failures) {
        return (int) failures.stream().filter(SignIns::isUnknownUser).count();
    }

    @Override
    public PatternProcessFunction<AuditEvent, Finding> process() {
        return new Report(settings);
    }

    static final class Report extends PatternProcessFunction<AuditEvent, Finding> {
        private static final long serialVersionUID = 1L;

        private final PasswordSpraySettings settings;

        Report(PasswordSpraySettings settings) {
            this.settings = settings;
        }

        @Override
        public void processMatch(Map<String, List<AuditEvent>> steps, Context ctx, Collector<Finding> out) {
            out.collect(tell(new Match(steps), settings));
        }
    }

    static Finding tell(Match m, PasswordSpraySettings settings) {
        List<AuditEvent> failures = m.all(FAILURES);
        AuditEvent success = m.first(SUCCESS);
        Set<String> sprayed = principals(failures);
        boolean guessed = sprayed.contains(String.valueOf(SignIns.identity(success)));
        int unknown = unknownUsers(failures);
        String source = new PasswordSpray(settings).key(success);
        String sourceText = source.startsWith("asn|") ? "network " + source.substring(4) : success.sourceIp;

        Severity severity = Severity.HIGH;
        if (guessed || success.principalType == PrincipalType.ROOT) {
            severity = severity.raise();
        }
        FindingBuilder b = FindingBuilder.rule(RULE_ID)
                .about(success)
                .title("Sign-in after a password spray from " + sourceText)
                .severity(severity)
                .mitre("T1110.003", "T1078")
                .subject("spray-from:" + source.substring(source.indexOf('|') + 1))
                .fact("distinct_principals", sprayed.size())
                .fact("failed_attempts", failures.size())
                .fact("unknown_user_attempts", unknown)
                .fact("source", sourceText)
                .fact("success_principal_was_sprayed", guessed)
                .fact("window", Quantities.format(settings.window()));
        m.events().forEach(b::evidence);

        StringBuilder sb = new StringBuilder()
                .append(sourceText).append(" failed to sign in as ").append(sprayed.size()).append(" different principals (")
                .append(Text.plural(failures.size(), "attempt", "attempts"))
                .append(unknown == 0 ? "" : ", " + unknown + " of them for user names the account does not have")
                .append(" between ").append(Text.at(failures.get(0)))
                .append(" and ").append(Text.at(failures.get(failures.size() - 1))).append("), then signed in as ")
                .append(success.principal).append(" at ").append(Text.at(success))
                .append(success.sourceIp == null ? "" : " from " + success.sourceIp).append('.');
        sb.append(guessed ? " That principal was one of those sprayed: its password was probably guessed."
                : " That principal was not among those sprayed, but shares the source.");
        sb.append(" Block the source, reset the password of ").append(success.principal)
                .append(" and revoke its sessions, and check the other targeted accounts for later sign-ins.");
        return b.explanation(sb.toString()).build();
    }
}
