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

import java.util.List;
import java.util.Map;

import static io.trailhunt.cep.snapshot.SnapshotSteps.Kind.CREATE;
import static io.trailhunt.cep.snapshot.SnapshotSteps.Kind.DELETE;
import static io.trailhunt.cep.snapshot.SnapshotSteps.Kind.IDENTITY;
import static io.trailhunt.cep.snapshot.SnapshotSteps.Kind.SHARE;
import static io.trailhunt.cep.snapshot.SnapshotStory.CREATE_STEP;
import static io.trailhunt.cep.snapshot.SnapshotStory.DELETE_STEP;
import static io.trailhunt.cep.snapshot.SnapshotStory.IDENTITY_STEP;
import static io.trailhunt.cep.snapshot.SnapshotStory.SHARE_STEP;

/**
 * [GetCallerIdentity] → [create] → share → delete of the same snapshot, within the window.
 * The identity check counts only right before the creation (strict contiguity among the
 * candidate events), so a morning's routine check is not taken for the attacker's. Reported
 * when the deletion is seen: critical after a creation, high without one.
 */
public final class SnapshotSharedAndDeleted implements SequencePattern {
    public static final String NAME = SnapshotExfiltration.RULE_ID;
    private static final long serialVersionUID = 1L;

    private final SnapshotSettings settings;

    public SnapshotSharedAndDeleted(SnapshotSettings settings) {
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

    @Override
    public Pattern<AuditEvent, ?> pattern() {
        SnapshotSettings s = settings;
        // No skip strategy: a match is reported at once instead of waiting behind an unrelated
        // earlier partial match (another snapshot); twins ending on the same deletion are
        // dropped by OncePerEvent.
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
                }))
                .followedBy(DELETE_STEP)
                .where(Step.where((e, taken) -> SnapshotExfiltration.step(e, s) == DELETE
                        && SnapshotSteps.linked(taken.first(SHARE_STEP), e)))
                .within(s.window());
    }

    @Override
    public PatternProcessFunction<AuditEvent, Finding> process() {
        return new Report(settings);
    }

    static final class Report extends PatternProcessFunction<AuditEvent, Finding> {
        private static final long serialVersionUID = 1L;

        private final SnapshotSettings settings;
        private final OncePerEvent once = new OncePerEvent();

        Report(SnapshotSettings settings) {
            this.settings = settings;
        }

        @Override
        public void processMatch(Map<String, List<AuditEvent>> steps, Context ctx, Collector<Finding> out) {
            Match m = new Match(steps);
            if (once.first(m.first(DELETE_STEP))) {
                out.collect(SnapshotStory.tell(m, settings));
            }
        }
    }
}
