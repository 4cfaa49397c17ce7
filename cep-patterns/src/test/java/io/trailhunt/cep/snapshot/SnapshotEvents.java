package io.trailhunt.cep.snapshot;

import io.trailhunt.events.model.AuditEvent;
import io.trailhunt.events.testing.EventBuilder;

import java.time.Duration;

/** CloudTrail calls of a snapshot story, shaped as the decoder gives them (see the stratus logs). */
final class SnapshotEvents {
    static final String DAVE = "arn:aws:iam::111122223333:user/dave";
    static final String ERIN = "arn:aws:iam::111122223333:user/erin";
    static final String FOREIGN = "999988887777";
    static final String SISTER = "444455556666";

    private SnapshotEvents() {}

    static EventBuilder ec2(String action, long minute) {
        return EventBuilder.aws("ec2.amazonaws.com", action).principal(DAVE).after(Duration.ofSeconds(minute * 60));
    }

    static AuditEvent identity(long minute) {
        return EventBuilder.aws("sts.amazonaws.com", "GetCallerIdentity").principal(DAVE).after(Duration.ofMinutes(minute)).build();
    }

    static AuditEvent create(String snap, long minute) {
        return ec2("CreateSnapshot", minute).param("volumeId", "vol-1").resource("snapshotId", snap).build();
    }

    static AuditEvent share(String snap, String account, long minute) {
        return ec2("ModifySnapshotAttribute", minute).resource("snapshotId", snap)
                .param("snapshotId", snap).param("attributeType", "CREATE_VOLUME_PERMISSION")
                .param("createVolumePermission.add.items.0." + (account.equals("all") ? "group" : "userId"), account).build();
    }

    static AuditEvent delete(String snap, long minute) {
        return ec2("DeleteSnapshot", minute).resource("snapshotId", snap).param("snapshotId", snap).build();
    }

    static AuditEvent as(String principal, AuditEvent e) {
        e.principal = principal;
        return e;
    }

    static AuditEvent failed(AuditEvent e) {
        e.outcome = io.trailhunt.events.model.Outcome.FAILURE;
        e.errorCode = "AccessDenied";
        return e;
    }

    static long minutes(long m) {
        return EventBuilder.BEGINNING.toEpochMilli() + m * 60_000L;
    }
}
