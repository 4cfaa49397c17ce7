package io.trailhunt.cep.backdoor;

import io.trailhunt.cep.Match;
import io.trailhunt.cep.OncePerEvent;
import io.trailhunt.cep.SequencePattern;
import io.trailhunt.cep.Step;
import io.trailhunt.events.model.AuditEvent;
import io.trailhunt.events.model.Finding;
import org.apache.flink.cep.functions.PatternProcessFunction;
import org.apache.flink.cep.nfa.aftermatch.AfterMatchSkipStrategy;
import org.apache.flink.cep.pattern.Pattern;
import org.apache.flink.util.Collector;

import java.util.List;
import java.util.Map;

import static io.trailhunt.cep.backdoor.BackdoorSteps.Kind.CREATE_READY;
import static io.trailhunt.cep.backdoor.BackdoorSteps.Kind.POWER;

/**
 * The two-step form of {@code iam-backdoor-chain}, for identities usable from the moment they are
 * made: an AWS role whose trust policy admits an account outside the organisation (or anyone),
 * an Entra ID user (created with a password); then administrative power for it, within the window.
 */
public final class IamBackdoorReady implements SequencePattern {
    public static final String NAME = IamBackdoorChain.RULE_ID + "-ready";
    private static final long serialVersionUID = 1L;

    private final BackdoorSettings settings;
    private final BackdoorSteps steps;

    public IamBackdoorReady(BackdoorSettings settings) {
        this.settings = settings;
        this.steps = new BackdoorSteps(settings);
    }

    @Override
    public String ruleId() {
        return IamBackdoorChain.RULE_ID;
    }

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public boolean isCandidate(AuditEvent e) {
        if (!e.succeeded()) {
            return false;
        }
        BackdoorSteps.Kind kind = steps.kind(e);
        return (kind == CREATE_READY || kind == POWER) && !settings.allow().allows(e);
    }

    @Override
    public boolean keepsParam(String key) {
        return BackdoorSteps.isGrantParam(key);
    }

    @Override
    public int stepOrder(AuditEvent e) {
        return steps.kind(e) == CREATE_READY ? 0 : 1;
    }

    @Override
    public Pattern<AuditEvent, ?> pattern() {
        BackdoorSteps s = steps;
        return Pattern.<AuditEvent>begin(BackdoorStory.CREATE, AfterMatchSkipStrategy.noSkip())
                .where(Step.where((e, taken) -> s.kind(e) == CREATE_READY && s.identity(e) != null))
                .followedBy(BackdoorStory.POWER)
                .where(Step.where((e, taken) -> s.kind(e) == POWER && s.empowers(e, s.identity(taken.first(BackdoorStory.CREATE)))))
                .within(settings.window());
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
            if (once.first(m.first(BackdoorStory.POWER), ctx.timestamp())) {
                out.collect(BackdoorStory.tell(m, steps, settings));
            }
        }
    }
}
