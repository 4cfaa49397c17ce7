package io.trailhunt.cep.snapshot;

import io.trailhunt.events.model.AuditEvent;
import io.trailhunt.events.model.Cloud;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * What a CloudTrail call is in a snapshot or AMI exfiltration story, as pure functions of the
 * event: an identity check, a creation, a share with another account, a deletion; and which
 * snapshot or image it is about.
 */
public final class SnapshotSteps {
    public enum Kind {
        IDENTITY, CREATE, SHARE, DELETE
    }

    /** The public "account": shared with everyone. */
    public static final String PUBLIC = "all";

    private static final Set<String> CREATES = Set.of(
            "CreateSnapshot", "CreateSnapshots", "CopySnapshot", "CreateDBSnapshot", "CreateDBClusterSnapshot",
            "CopyDBSnapshot", "CopyDBClusterSnapshot", "CreateImage", "CopyImage");
    private static final Set<String> SHARES = Set.of(
            "ModifySnapshotAttribute", "ModifyDBSnapshotAttribute", "ModifyDBClusterSnapshotAttribute", "ModifyImageAttribute");
    private static final Set<String> DELETES = Set.of("DeleteSnapshot", "DeleteDBSnapshot", "DeleteDBClusterSnapshot", "DeregisterImage");
    private static final Set<String> IMAGE_CALLS = Set.of("CreateImage", "CopyImage", "ModifyImageAttribute", "DeregisterImage");

    private SnapshotSteps() {}

    /** The step this call is, or null; a share counts only when it adds a foreign or public account. */
    public static Kind kind(AuditEvent e, Set<String> ownAccounts) {
        if (e.cloud != Cloud.AWS || e.action == null) {
            return null;
        }
        if (CREATES.contains(e.action)) {
            return Kind.CREATE;
        }
        if (SHARES.contains(e.action)) {
            return foreignTargets(e, ownAccounts).isEmpty() ? null : Kind.SHARE;
        }
        if (DELETES.contains(e.action)) {
            return Kind.DELETE;
        }
        if ("GetCallerIdentity".equals(e.action)) {
            return Kind.IDENTITY;
        }
        return null;
    }

    /** "snapshot:snap-0a1b..." or "image:ami-..."; null when the call does not name it (CreateSnapshots). */
    public static String link(AuditEvent e) {
        if (IMAGE_CALLS.contains(e.action)) {
            String image = e.resource("imageId");
            return image == null ? null : "image:" + image;
        }
        String snapshot = e.resource("snapshotId");
        return snapshot == null ? null : "snapshot:" + snapshot;
    }

    /** Two steps are about the same snapshot unless both name one and the names differ. */
    public static boolean linked(AuditEvent a, AuditEvent b) {
        if (a == null || b == null) {
            return true;
        }
        String x = link(a);
        String y = link(b);
        return x == null || y == null || x.equals(y);
    }

    public static boolean isImage(AuditEvent e) {
        String link = link(e);
        return link != null ? link.startsWith("image:") : IMAGE_CALLS.contains(e.action);
    }

    /** The request parameters a share is read from. */
    public static boolean isShareParam(String key) {
        return key.startsWith("createVolumePermission.add.") || key.startsWith("launchPermission.add.") || key.startsWith("valuesToAdd.")
                || key.equals("attributeName");
    }

    /** Every account the call added to the snapshot's or image's permissions ("all" for public). */
    public static List<String> addedAccounts(AuditEvent e) {
        List<String> out = new ArrayList<>();
        for (Map.Entry<String, String> p : e.params.entrySet()) {
            String k = p.getKey();
            boolean ec2 = (k.startsWith("createVolumePermission.add.") || k.startsWith("launchPermission.add."))
                    && (k.endsWith(".userId") || k.endsWith(".group"));
            boolean rds = k.startsWith("valuesToAdd.") && "restore".equalsIgnoreCase(e.param("attributeName"));
            if ((ec2 || rds) && p.getValue() != null && !p.getValue().isBlank() && !out.contains(p.getValue())) {
                out.add(p.getValue());
            }
        }
        return out;
    }

    /** The added accounts that are neither the snapshot's own account nor one of the organisation's. */
    public static List<String> foreignTargets(AuditEvent e, Set<String> ownAccounts) {
        List<String> out = new ArrayList<>();
        for (String account : addedAccounts(e)) {
            if (!account.equals(e.account) && !ownAccounts.contains(account)) {
                out.add(account.equalsIgnoreCase(PUBLIC) ? PUBLIC : account);
            }
        }
        return out;
    }
}
