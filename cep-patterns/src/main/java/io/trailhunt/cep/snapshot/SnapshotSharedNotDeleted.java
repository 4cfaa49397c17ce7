package io.trailhunt.cep.snapshot;

import io.trailhunt.cep.OncePerStory;
import io.trailhunt.events.model.AuditEvent;
import io.trailhunt.events.model.Finding;
import org.apache.flink.cep.functions.PatternProcessFunction;
import org.apache.flink.cep.pattern.Pattern;
import org.apache.flink.streaming.api.functions.KeyedProcessFunction;

import static io.trailhunt.cep.snapshot.SnapshotStory.DELETE_STEP;
import static io.trailhunt.cep.snapshot.SnapshotStory.SHARE_STEP;

/**
 * [GetCallerIdentity] → [create] → share, not followed by a deletion of the same snapshot within
 * the window: the partial story, reported when the window closes (high after a creation, medium
 * for a lone share). The window end is a match of the pattern's {@code notFollowedBy} end state.
 * The story with its first steps and the share alone inside it are both matched, each when its own
 * window (from its first step) closes, the fuller first: {@link OncePerStory} after the NFA tells
 * the share's story once.
 */
public final class SnapshotSharedNotDeleted extends SnapshotPattern {
    public static final String NAME = SnapshotExfiltration.RULE_ID + "-not-deleted";
    private static final long serialVersionUID = 1L;

    public SnapshotSharedNotDeleted(SnapshotSettings settings) {
        super(settings);
    }

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public Pattern<AuditEvent, ?> pattern() {
        return upToTheShare()
                .notFollowedBy(DELETE_STEP)
                .where(isDeletion())
                .within(window());
    }

    @Override
    public PatternProcessFunction<AuditEvent, Finding> process() {
        return new Report(settings, SHARE_STEP);
    }

    @Override
    public KeyedProcessFunction<String, Finding, Finding> after() {
        return new OncePerStory(settings.window());
    }
}
