package io.trailhunt.cep.snapshot;

import io.trailhunt.events.model.AuditEvent;
import io.trailhunt.events.model.Finding;
import org.apache.flink.cep.functions.PatternProcessFunction;
import org.apache.flink.cep.pattern.Pattern;

import static io.trailhunt.cep.snapshot.SnapshotStory.DELETE_STEP;

/**
 * [GetCallerIdentity] → [create] → share → delete of the same snapshot, within the window.
 * Reported when the deletion is seen: critical after a creation, high without one.
 */
public final class SnapshotSharedAndDeleted extends SnapshotPattern {
    public static final String NAME = SnapshotExfiltration.RULE_ID;
    private static final long serialVersionUID = 1L;

    public SnapshotSharedAndDeleted(SnapshotSettings settings) {
        super(settings);
    }

    @Override
    public Pattern<AuditEvent, ?> pattern() {
        return upToTheShare()
                .followedBy(DELETE_STEP)
                .where(isDeletion())
                .within(window());
    }

    @Override
    public PatternProcessFunction<AuditEvent, Finding> process() {
        return new Report(settings, DELETE_STEP);
    }
}
