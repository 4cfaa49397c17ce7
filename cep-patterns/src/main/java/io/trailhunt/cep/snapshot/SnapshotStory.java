package io.trailhunt.cep.snapshot;

import io.trailhunt.cep.Match;
import io.trailhunt.cep.Text;
import io.trailhunt.events.finding.FindingBuilder;
import io.trailhunt.events.model.AuditEvent;
import io.trailhunt.events.model.Finding;
import io.trailhunt.events.model.Severity;
import io.trailhunt.events.settings.Quantities;

import java.util.ArrayList;
import java.util.List;

/**
 * Tells a matched snapshot story as one finding, whichever pattern matched it: severity rises
 * with each step (a lone share is medium; sharing what one just made, high; then deleting the
 * original, critical), and a share with everyone raises it one more step.
 */
final class SnapshotStory {
    static final String IDENTITY_STEP = "identity";
    static final String CREATE_STEP = "create";
    static final String SHARE_STEP = "share";
    static final String DELETE_STEP = "delete";

    private SnapshotStory() {}

    static Finding tell(Match m, SnapshotSettings settings) {
        AuditEvent share = m.first(SHARE_STEP);
        AuditEvent create = m.first(CREATE_STEP);
        AuditEvent delete = m.first(DELETE_STEP);
        AuditEvent identity = m.first(IDENTITY_STEP);
        List<String> targets = SnapshotSteps.foreignTargets(share, settings.ownAccounts());
        boolean everyone = targets.contains(SnapshotSteps.PUBLIC);
        boolean image = SnapshotSteps.isImage(share);
        String link = SnapshotSteps.link(share);
        String id = link == null ? null : link.substring(link.indexOf(':') + 1);

        Severity severity = create == null ? Severity.MEDIUM : Severity.HIGH;
        if (delete != null) {
            severity = severity.raise();
        }
        if (everyone) {
            severity = severity.raise();
        }

        FindingBuilder b = FindingBuilder.rule(SnapshotExfiltration.RULE_ID)
                .about(share)
                .title(title(image, create != null, delete != null, everyone))
                .severity(severity)
                .mitre("T1537")
                .subject(link)
                .fact(image ? "image_id" : "snapshot_id", id)
                .fact("shared_with", String.join(",", targets))
                .fact("public", everyone)
                .fact("created_in_story", create != null)
                .fact("deleted_in_story", delete != null)
                .fact("identity_checked", identity != null)
                .fact("window", Quantities.format(settings.window()));
        for (AuditEvent e : m.events()) {
            b.evidence(e);
        }
        return b.explanation(explain(share, create, delete, identity, targets, image, id, settings)).build();
    }

    private static String title(boolean image, boolean created, boolean deleted, boolean everyone) {
        String what = image ? "AMI" : "Snapshot";
        String to = everyone ? "made public" : "shared with another account";
        if (created && deleted) {
            return what + " created, " + to + " and deleted";
        }
        if (created) {
            return what + " created and " + to;
        }
        if (deleted) {
            return what + " " + to + " and deleted";
        }
        return what + " " + to;
    }

    private static String explain(AuditEvent share, AuditEvent create, AuditEvent delete, AuditEvent identity,
            List<String> targets, boolean image, String id, SnapshotSettings settings) {
        String noun = image ? "AMI" : "snapshot";
        List<String> steps = new ArrayList<>();
        if (identity != null) {
            steps.add("checked which identity its credentials belong to (GetCallerIdentity) at " + Text.at(identity));
        }
        if (create != null) {
            steps.add((create.action.startsWith("Copy") ? "copied " : "created ") + noun + " " + Text.quote(id) + " (" + create.action + ") at " + Text.at(create));
        }
        String with = targets.contains(SnapshotSteps.PUBLIC) && targets.size() == 1
                ? "everyone (public)"
                : (targets.size() == 1 ? "account " : "accounts ") + String.join(", ", targets)
                        + (targets.contains(SnapshotSteps.PUBLIC) ? " (including public)" : "");
        steps.add("shared " + (create != null ? "it" : noun + " " + Text.quote(id)) + " with " + with + " (" + share.action + ") at " + Text.at(share));
        if (delete != null) {
            steps.add("deleted it (" + delete.action + ") at " + Text.at(delete));
        }
        StringBuilder sb = new StringBuilder(share.principal).append(' ');
        for (int i = 0; i < steps.size(); i++) {
            sb.append(i == 0 ? "" : i == steps.size() - 1 ? " and " : ", ").append(steps.get(i));
        }
        sb.append(Text.from(share)).append('.');
        sb.append(" None of the receiving accounts is one of the organisation's (rules.snapshot-exfiltration.own-accounts).");
        if (delete != null) {
            sb.append(" The copy may now exist only in the other account: treat what was on it as disclosed, and revoke this principal's credentials.");
        } else {
            sb.append(" It was not deleted within ").append(Quantities.format(settings.window()))
                    .append(": remove the permission now, find out what the ").append(noun)
                    .append(" holds, and confirm the share was authorised.");
        }
        return sb.toString();
    }
}
