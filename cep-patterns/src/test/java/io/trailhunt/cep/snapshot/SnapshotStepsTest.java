package io.trailhunt.cep.snapshot;

import io.trailhunt.events.model.AuditEvent;
import io.trailhunt.events.testing.EventBuilder;
import org.junit.jupiter.api.Test;

import java.util.Set;

import static io.trailhunt.cep.snapshot.SnapshotSteps.Kind.CREATE;
import static io.trailhunt.cep.snapshot.SnapshotSteps.Kind.DELETE;
import static io.trailhunt.cep.snapshot.SnapshotSteps.Kind.IDENTITY;
import static io.trailhunt.cep.snapshot.SnapshotSteps.Kind.SHARE;
import static org.assertj.core.api.Assertions.assertThat;

class SnapshotStepsTest {
    @Test
    void callsAreClassifiedAndSharesCountOnlyWhenTheyLeaveTheOrganisation() {
        assertThat(SnapshotSteps.kind(SnapshotEvents.identity(0), Set.of())).isEqualTo(IDENTITY);
        assertThat(SnapshotSteps.kind(SnapshotEvents.create("s", 0), Set.of())).isEqualTo(CREATE);
        assertThat(SnapshotSteps.kind(SnapshotEvents.delete("s", 0), Set.of())).isEqualTo(DELETE);
        assertThat(SnapshotSteps.kind(SnapshotEvents.share("s", "999988887777", 0), Set.of())).isEqualTo(SHARE);
        assertThat(SnapshotSteps.kind(SnapshotEvents.share("s", "999988887777", 0), Set.of("999988887777"))).isNull();
        assertThat(SnapshotSteps.kind(SnapshotEvents.share("s", "all", 0), Set.of("999988887777"))).isEqualTo(SHARE);
        assertThat(SnapshotSteps.kind(EventBuilder.aws("ec2.amazonaws.com", "DescribeSnapshots").build(), Set.of())).isNull();
        assertThat(SnapshotSteps.kind(EventBuilder.gcp("compute.googleapis.com", "CreateSnapshot").build(), Set.of())).isNull();
    }

    @Test
    void removingAPermissionIsNoShare() {
        AuditEvent remove = EventBuilder.aws("ec2.amazonaws.com", "ModifySnapshotAttribute").resource("snapshotId", "s")
                .param("createVolumePermission.remove.items.0.userId", "999988887777").build();
        assertThat(SnapshotSteps.addedAccounts(remove)).isEmpty();
        AuditEvent rdsRemove = EventBuilder.aws("rds.amazonaws.com", "ModifyDBSnapshotAttribute").param("attributeName", "restore")
                .param("valuesToRemove.0", "999988887777").build();
        assertThat(SnapshotSteps.addedAccounts(rdsRemove)).isEmpty();
    }

    @Test
    void stepsLinkByTheSnapshotTheyName() {
        AuditEvent a = SnapshotEvents.create("snap-1", 0);
        assertThat(SnapshotSteps.linked(a, SnapshotEvents.share("snap-1", "all", 1))).isTrue();
        assertThat(SnapshotSteps.linked(a, SnapshotEvents.share("snap-2", "all", 1))).isFalse();
        AuditEvent many = EventBuilder.aws("ec2.amazonaws.com", "CreateSnapshots").build(); // names no single snapshot
        assertThat(SnapshotSteps.linked(many, SnapshotEvents.share("snap-2", "all", 1))).isTrue();
        assertThat(SnapshotSteps.linked(null, a)).isTrue();
    }
}
