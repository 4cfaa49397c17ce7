package io.trailhunt.cep.evasion;

import io.trailhunt.cep.Match;
import io.trailhunt.cep.SequencePattern;
import io.trailhunt.cep.Slim;
import io.trailhunt.cep.Step;
import io.trailhunt.cep.Text;
import io.trailhunt.detectors.tampering.Tampering;
import io.trailhunt.events.finding.FindingBuilder;
import io.trailhunt.events.model.AuditEvent;
import io.trailhunt.events.model.Finding;
import io.trailhunt.events.model.Severity;
import io.trailhunt.events.settings.Quantities;
import io.trailhunt.events.settings.Section;
import org.apache.flink.cep.functions.PatternProcessFunction;
import org.apache.flink.cep.nfa.aftermatch.AfterMatchSkipStrategy;
import org.apache.flink.cep.pattern.Pattern;
import org.apache.flink.streaming.api.functions.KeyedProcessFunction;
import org.apache.flink.util.Collector;

import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * {@code defense-evasion-then-action}: a principal stops or weakens audit logging (whatever the
 * log-tampering rule recognises, successful calls only), then within the window reads data,
 * creates credentials or launches compute: the blind spot was made to be used. Reported at the
 * first such action; every partial match that started before it is then dropped, so repeated
 * tampering before one action is one finding.
 */
public final class DefenseEvasionThenAction implements SequencePattern {
    public static final String RULE_ID = "defense-evasion-then-action";
    static final String TAMPERING = "tampering";
    static final String ACTION = "action";
    private static final long serialVersionUID = 1L;

    private final EvasionSettings settings;

    public DefenseEvasionThenAction(EvasionSettings settings) {
        this.settings = settings;
    }

    public static List<SequencePattern> patterns(Section rules) {
        EvasionSettings s = EvasionSettings.from(rules.section(RULE_ID));
        return s.enabled() ? List.of(new DefenseEvasionThenAction(s)) : List.of();
    }

    @Override
    public String ruleId() {
        return RULE_ID;
    }

    @Override
    public boolean isCandidate(AuditEvent e) {
        return EvasionSteps.kind(e) != null && !settings.allow().allows(e);
    }

    /** Tampering events keep every parameter (the catalogue reads many, and they are rare); actions keep none. */
    @Override
    public AuditEvent slim(AuditEvent e) {
        boolean tampering = EvasionSteps.kind(e) == EvasionSteps.Kind.TAMPERING;
        return Slim.copy(e, key -> tampering);
    }

    @Override
    public int stepOrder(AuditEvent e) {
        return EvasionSteps.kind(e) == EvasionSteps.Kind.TAMPERING ? 0 : 1;
    }

    @Override
    public Pattern<AuditEvent, ?> pattern() {
        return Pattern.<AuditEvent>begin(TAMPERING, AfterMatchSkipStrategy.skipPastLastEvent())
                .where(Step.where((e, taken) -> EvasionSteps.kind(e) == EvasionSteps.Kind.TAMPERING))
                .followedBy(ACTION)
                .where(Step.where((e, taken) -> {
                    EvasionSteps.Kind kind = EvasionSteps.kind(e);
                    return kind != null && kind != EvasionSteps.Kind.TAMPERING;
                }))
                .within(settings.window());
    }

    @Override
    public KeyedProcessFunction<String, AuditEvent, AuditEvent> gate() {
        return new TamperingGate(settings.window());
    }

    @Override
    public PatternProcessFunction<AuditEvent, Finding> process() {
        return new Report(settings);
    }

    static final class Report extends PatternProcessFunction<AuditEvent, Finding> {
        private static final long serialVersionUID = 1L;

        private final EvasionSettings settings;

        Report(EvasionSettings settings) {
            this.settings = settings;
        }

        @Override
        public void processMatch(Map<String, List<AuditEvent>> steps, Context ctx, Collector<Finding> out) {
            out.collect(tell(new Match(steps), settings));
        }
    }

    static Finding tell(Match m, EvasionSettings settings) {
        AuditEvent tamper = m.first(TAMPERING);
        AuditEvent action = m.first(ACTION);
        Tampering t = EvasionSteps.tampering(tamper);
        EvasionSteps.Kind kind = EvasionSteps.kind(action);
        Severity severity = t.severity() == Severity.HIGH || t.severity() == Severity.CRITICAL ? Severity.CRITICAL : Severity.HIGH;
        String what = EvasionSteps.describe(kind);
        String target = target(action);

        FindingBuilder b = FindingBuilder.rule(RULE_ID)
                .about(tamper)
                .title("Audit logging weakened, then " + what)
                .severity(severity)
                .mitre("T1562.008", EvasionSteps.technique(kind))
                .subject(t.kind() + ":" + (t.target() == null ? "" : t.target()))
                .fact("tampering", t.kind())
                .fact("target", t.target())
                .fact("action", action.action)
                .fact("action_kind", kind.name().toLowerCase(Locale.ROOT).replace('_', '-'))
                .fact("minutes_after", (action.eventTime - tamper.eventTime) / 60_000L)
                .fact("window", Quantities.format(settings.window()));
        m.events().forEach(b::evidence);

        String sb = tamper.principal + " " + t.description() + " at " + Text.at(tamper) + Text.from(tamper) + ", and "
                + ((action.eventTime - tamper.eventTime) / 60_000L) + " minutes later " + what + " (" + action.action
                + (target == null ? "" : " " + target) + ") at " + Text.at(action) + Text.from(action) + "."
                + " Logging was weakened before the action, so later activity may be missing from the logs: restore logging,"
                + " revoke this principal's credentials, and reconstruct what it did from other sources (S3 server access logs,"
                + " VPC flow logs, the other clouds' records).";
        return b.explanation(sb).build();
    }

    private static String target(AuditEvent e) {
        String bucket = e.resource("bucket");
        String key = e.resource("objectKey");
        if (bucket != null) {
            return key == null ? "bucket " + bucket : bucket + "/" + key;
        }
        String user = e.resource("userName");
        if (user != null) {
            return "for user " + user;
        }
        String instance = e.resource("instanceId");
        return instance == null ? e.resource("serviceAccount") : instance;
    }
}
