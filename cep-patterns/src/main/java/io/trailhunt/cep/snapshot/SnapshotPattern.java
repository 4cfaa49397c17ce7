package io.trailhunt.cep.snapshot;

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

import java.time.Duration;
import java.util.List;
import java.util.Map;

import static io.trailhunt.cep.snapshot.SnapshotSteps.Kind.CREATE;
import static io.trailhunt.cep.snapshot.SnapshotSteps.Kind.DELETE;
import static io.trailhunt.cep.snapshot.SnapshotSteps.Kind.IDENTITY;
import static io.trailhunt.cep.snapshot.SnapshotSteps.Kind.SHARE;
import static io.trailhunt.cep.snapshot.SnapshotStory.CREATE_STEP;
import static io.trailhunt.cep.snapshot.SnapshotStory.IDENTITY_STEP;
import static io.trailhunt.cep.snapshot.SnapshotStory.SHARE_STEP;

/**
 * What the two snapshot patterns share: their candidates, and the story up to the share,
 * [GetCallerIdentity] → [create] → share, within the window from its first step. The identity
 * check counts only right before the creation (strict contiguity among the candidate events), so
 * a morning's routine check is not taken for the attacker's.
 *
 * <p>No skip strategy: a story is reported without waiting behind, or being pruned by, another
 * snapshot's story of the same principal (a skip strategy prunes every partial match that started
 * before the reported one ended, whatever snapshot it is about). The price is twins: the story
 * with and without its optional first steps. Those ending on one event in one call are told once
 * by {@link OncePerEvent}, the fullest first.
 */
abstract class SnapshotPattern implements SequencePattern {
    private static final long serialVersionUID = 1L;

    final SnapshotSettings settings;

    SnapshotPattern(SnapshotSettings settings) {
        this.settings = settings;
    }

    @Override
    public String ruleId() {
        return SnapshotExfiltration.RULE_ID;
    }

    @Override
    public boolean isCandidate(AuditEvent e) {
        return SnapshotExfiltration.step(e, settings) != null;
    }

    @Override
    public boolean keepsParam(String key) {
        return SnapshotSteps.isShareParam(key);
    }

    @Override
    public int stepOrder(AuditEvent e) {
        return SnapshotExfiltration.order(e, settings);
    }

    /** The story up to its share; the deletion step (or its absence) follows, then {@link #window}. */
    Pattern<AuditEvent, AuditEvent> upToTheShare() {
        SnapshotSettings s = settings;
        return Pattern.<AuditEvent>begin(IDENTITY_STEP, AfterMatchSkipStrategy.noSkip())
                .where(Step.where((e, taken) -> SnapshotExfiltration.step(e, s) == IDENTITY))
                .optional()
                .next(CREATE_STEP)
                .where(Step.where((e, taken) -> SnapshotExfiltration.step(e, s) == CREATE))
                .optional()
                .followedBy(SHARE_STEP)
                .where(Step.where((e, taken) -> {
                    AuditEvent create = taken.first(CREATE_STEP);
                    // an identity check belongs to the story only through the creation it preceded
                    return SnapshotExfiltration.step(e, s) == SHARE && SnapshotSteps.linked(create, e)
                            && (create != null || taken.first(IDENTITY_STEP) == null);
                }));
    }

    /** The deletion of the snapshot or image the story shared. */
    Step isDeletion() {
        SnapshotSettings s = settings;
        return Step.where((e, taken) -> SnapshotExfiltration.step(e, s) == DELETE && SnapshotSteps.linked(taken.first(SHARE_STEP), e));
    }

    Duration window() {
        return settings.window();
    }

    /** Tells each story once, from the fullest of the matches its deciding step ended. */
    static final class Report extends PatternProcessFunction<AuditEvent, Finding> {
        private static final long serialVersionUID = 1L;

        private final SnapshotSettings settings;
        private final String decidingStep;
        private final OncePerEvent once = new OncePerEvent();

        Report(SnapshotSettings settings, String decidingStep) {
            this.settings = settings;
            this.decidingStep = decidingStep;
        }

        @Override
        public void processMatch(Map<String, List<AuditEvent>> steps, Context ctx, Collector<Finding> out) {
            Match m = new Match(steps);
            if (once.first(m.first(decidingStep), ctx.timestamp())) {
                out.collect(SnapshotStory.tell(m, settings));
            }
        }
    }
}
