package io.trailhunt.cep.snapshot;

import io.trailhunt.cep.SequencePattern;
import io.trailhunt.events.model.AuditEvent;
import io.trailhunt.events.settings.Section;

import java.util.ArrayList;
import java.util.List;

/**
 * {@code snapshot-exfiltration}: a principal copies data out through a snapshot or AMI: makes
 * one, shares it with an account outside the organisation (or with everyone), and deletes the
 * original, within the window. Two CEP patterns tell the story between them, so that each story
 * is reported once:
 * <ul>
 *   <li>{@link SnapshotSharedAndDeleted}: the share followed by the deletion, reported the moment
 *       the deletion is seen;</li>
 *   <li>{@link SnapshotSharedNotDeleted}: a share that no deletion follows within the window,
 *       reported when the window closes (a lone share is still reported, so a slow attacker
 *       whose snapshot was made long before is not missed).</li>
 * </ul>
 */
public final class SnapshotExfiltration {
    public static final String RULE_ID = "snapshot-exfiltration";

    private SnapshotExfiltration() {}

    public static List<SequencePattern> patterns(Section rules) {
        SnapshotSettings settings = SnapshotSettings.from(rules.section(RULE_ID));
        return patterns(settings);
    }

    public static List<SequencePattern> patterns(SnapshotSettings settings) {
        List<SequencePattern> out = new ArrayList<>();
        if (settings.enabled()) {
            out.add(new SnapshotSharedAndDeleted(settings));
            out.add(new SnapshotSharedNotDeleted(settings));
        }
        return out;
    }

    /** Only successful calls advance the story, and allowed principals and networks tell none. */
    static SnapshotSteps.Kind step(AuditEvent e, SnapshotSettings settings) {
        if (!e.succeeded()) {
            return null;
        }
        SnapshotSteps.Kind kind = SnapshotSteps.kind(e, settings.ownAccounts());
        return kind == null || settings.allow().allows(e) ? null : kind;
    }

    static int order(AuditEvent e, SnapshotSettings settings) {
        SnapshotSteps.Kind kind = SnapshotSteps.kind(e, settings.ownAccounts());
        return kind == null ? Integer.MAX_VALUE : kind.ordinal();
    }
}
