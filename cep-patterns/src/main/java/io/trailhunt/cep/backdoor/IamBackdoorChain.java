package io.trailhunt.cep.backdoor;

import io.trailhunt.cep.Match;
import io.trailhunt.cep.OncePerEvent;
import io.trailhunt.cep.SequencePattern;
import io.trailhunt.cep.Step;
import io.trailhunt.events.model.AuditEvent;
import io.trailhunt.events.model.Finding;
import io.trailhunt.events.settings.Section;
import org.apache.flink.cep.functions.PatternProcessFunction;
import org.apache.flink.cep.nfa.aftermatch.AfterMatchSkipStrategy;
import org.apache.flink.cep.pattern.Pattern;
import org.apache.flink.util.Collector;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static io.trailhunt.cep.backdoor.BackdoorSteps.Kind.CREATE;
import static io.trailhunt.cep.backdoor.BackdoorSteps.Kind.CREDENTIAL;
import static io.trailhunt.cep.backdoor.BackdoorSteps.Kind.POWER;
import static io.trailhunt.cep.backdoor.BackdoorStory.FIRST;
import static io.trailhunt.cep.backdoor.BackdoorStory.SECOND;

/**
 * {@code iam-backdoor-chain}: a principal creates an identity, then gives it credentials and
 * administrative power (in either order), within the window: AWS {@code CreateUser} → access key
 * or console password + admin policy or group; GCP {@code CreateServiceAccount} → key + owner or
 * editor; Entra ID service principal → credentials + admin directory role. Steps are linked by
 * the new identity's name. Identities that are usable from birth (an AWS role trusting an outside
 * account, an Entra user made with a password) need only the power: {@link IamBackdoorReady}.
 */
public final class IamBackdoorChain implements SequencePattern {
    public static final String RULE_ID = "iam-backdoor-chain";
    private static final long serialVersionUID = 1L;

    private final BackdoorSettings settings;
    private final BackdoorSteps steps;

    public IamBackdoorChain(BackdoorSettings settings) {
        this.settings = settings;
        this.steps = new BackdoorSteps(settings);
    }

    public static List<SequencePattern> patterns(Section rules) {
        return patterns(BackdoorSettings.from(rules.section(RULE_ID)));
    }

    public static List<SequencePattern> patterns(BackdoorSettings s) {
        List<SequencePattern> out = new ArrayList<>();
        if (s.enabled()) {
            out.add(new IamBackdoorChain(s));
            out.add(new IamBackdoorReady(s));
        }
        return out;
    }

    @Override
    public String ruleId() {
        return RULE_ID;
    }

    @Override
    public boolean isCandidate(AuditEvent e) {
        if (!e.succeeded()) {
            return false;
        }
        BackdoorSteps.Kind kind = steps.kind(e);
        return kind != null && kind != BackdoorSteps.Kind.CREATE_READY && !settings.allow().allows(e);
    }

    @Override
    public boolean keepsParam(String key) {
        return BackdoorSteps.isGrantParam(key);
    }

    @Override
    public int stepOrder(AuditEvent e) {
        BackdoorSteps.Kind kind = steps.kind(e);
        return kind == null ? Integer.MAX_VALUE : kind.ordinal();
    }

    @Override
    public Pattern<AuditEvent, ?> pattern() {
        BackdoorSteps s = steps;
        // No skip strategy: one creation starts one partial match, and a match should not wait
        // behind another identity's unfinished story.
        return Pattern.<AuditEvent>begin(BackdoorStory.CREATE, AfterMatchSkipStrategy.noSkip())
                .where(Step.where((e, taken) -> s.kind(e) == CREATE && s.identity(e) != null))
                .followedBy(FIRST)
                .where(Step.where((e, taken) -> grants(s, e, s.identity(taken.first(BackdoorStory.CREATE)), null)))
                .followedBy(SECOND)
                .where(Step.where((e, taken) -> grants(s, e, s.identity(taken.first(BackdoorStory.CREATE)), s.kind(taken.first(FIRST)))))
                .within(settings.window());
    }

    /** A credential or power step for {@code identity}, of another kind than {@code notKind}. */
    static boolean grants(BackdoorSteps s, AuditEvent e, String identity, BackdoorSteps.Kind notKind) {
        BackdoorSteps.Kind kind = s.kind(e);
        if (kind == notKind) {
            return false;
        }
        if (kind == CREDENTIAL) {
            return s.credits(e, identity);
        }
        return kind == POWER && s.empowers(e, identity);
    }

    @Override
    public PatternProcessFunction<AuditEvent, Finding> process() {
        return new Report(settings);
    }

    static final class Report extends PatternProcessFunction<AuditEvent, Finding> {
        private static final long serialVersionUID = 1L;

        private final BackdoorSettings settings;
        private final BackdoorSteps steps;
        private final OncePerEvent once = new OncePerEvent();

        Report(BackdoorSettings settings) {
            this.settings = settings;
            this.steps = new BackdoorSteps(settings);
        }

        @Override
        public void processMatch(Map<String, List<AuditEvent>> match, Context ctx, Collector<Finding> out) {
            Match m = new Match(match);
            if (once.first(m.first(SECOND), ctx.timestamp())) {
                out.collect(BackdoorStory.tell(m, steps, settings));
            }
        }
    }
}
