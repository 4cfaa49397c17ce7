package io.trailhunt.cep.snapshot;

import io.trailhunt.cep.Match;
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
import static io.trailhunt.cep.snapshot.SnapshotSteps.Kind.SHARE;
import static io.trailhunt.cep.snapshot.SnapshotStory.CREATE_STEP;
import static io.trailhunt.cep.snapshot.SnapshotStory.DELETE_STEP;
import static io.trailhunt.cep.snapshot.SnapshotStory.SHARE_STEP;

/**
 * [create] → share, not followed by a deletion of the same snapshot within the window: the
 * partial story, reported when the window closes (high after a creation, medium for a lone
 * share). The window end is a match of the pattern's {@code notFollowedBy} end state rather than
 * a timed-out partial match, because matches take part in the skip strategy: the lone share
 * inside "create → share" is then pruned instead of being reported a second time.
 */
public final class SnapshotSharedNotDeleted implements SequencePattern {
    public static final String NAME = SnapshotExfiltration.RULE_ID + "-not-deleted";
    private static final long serialVersionUID = 1L;

    private final SnapshotSettings settings;

    public SnapshotSharedNotDeleted(SnapshotSettings settings) {
        this.settings = settings;
    }

    @Override
    public String ruleId() {
        return SnapshotExfiltration.RULE_ID;
    }

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public boolean isCandidate(AuditEvent e) {
        SnapshotSteps.Kind kind = SnapshotExfiltration.step(e, settings);
        return kind == CREATE || kind == SHARE || kind == DELETE;
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
        return Pattern.<AuditEvent>begin(CREATE_STEP, AfterMatchSkipStrategy.skipPastLastEvent())
                .where(Step.where((e, taken) -> SnapshotExfiltration.step(e, s) == CREATE))
                .optional()
                .followedBy(SHARE_STEP)
                .where(Step.where((e, taken) -> SnapshotExfiltration.step(e, s) == SHARE
                        && SnapshotSteps.linked(taken.first(CREATE_STEP), e)))
                .notFollowedBy(DELETE_STEP)
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

        Report(SnapshotSettings settings) {
            this.settings = settings;
        }

        @Override
        public void processMatch(Map<String, List<AuditEvent>> steps, Context ctx, Collector<Finding> out) {
            out.collect(SnapshotStory.tell(new Match(steps), settings));
        }
    }
}
