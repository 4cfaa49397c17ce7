package io.trailhunt.cep.snapshot;

import io.trailhunt.cep.RuleHarness;
import io.trailhunt.events.model.AuditEvent;
import io.trailhunt.events.model.Finding;
import io.trailhunt.events.model.Severity;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.List;

import static io.trailhunt.cep.snapshot.SnapshotEvents.FOREIGN;
import static io.trailhunt.cep.snapshot.SnapshotRecords.ec2;
import static io.trailhunt.cep.snapshot.SnapshotRecords.rds;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * The other creation, share and deletion calls of snapshot-exfiltration, as CloudTrail records
 * through the decoder and both patterns: EBS copies and multi-volume snapshots, RDS instance and
 * cluster snapshots, shares with everyone, public AMIs.
 */
class SnapshotVariantsTest {
    private static final long BOUND = Duration.ofMinutes(15).toMillis();

    private static List<Finding> replay(AuditEvent... events) throws Exception {
        try (RuleHarness h = RuleHarness.of(SnapshotExfiltration.patterns(SnapshotSettings.defaults()))) {
            return h.replay(BOUND, events);
        }
    }

    private static List<String> ids(Finding f) {
        return f.evidence.stream().map(e -> e.eventId).toList();
    }

    private static AuditEvent ebsShare(String snap, String with, long minute) {
        String who = with.equals("all") ? "group" : "userId";
        return ec2("ModifySnapshotAttribute", minute, "{\"snapshotId\":\"" + snap + "\",\"attributeType\":\"CREATE_VOLUME_PERMISSION\","
                + "\"createVolumePermission\":{\"add\":{\"items\":[{\"" + who + "\":\"" + with + "\"}]}}}", "{\"requestId\":\"r\",\"_return\":true}");
    }

    private static AuditEvent rdsShare(String action, String idField, String snap, String with, long minute) {
        String attributes = action.equals("ModifyDBClusterSnapshotAttribute") ? "dBClusterSnapshotAttributes" : "dBSnapshotAttributes";
        return rds(action, minute, "{\"" + idField + "\":\"" + snap + "\",\"attributeName\":\"restore\",\"valuesToAdd\":[\"" + with + "\"]}",
                "{\"" + idField + "\":\"" + snap + "\",\"" + attributes + "\":[{\"attributeName\":\"restore\",\"attributeValues\":[\"" + with + "\"]}]}");
    }

    @Test
    void anEbsCopySharedAndDeletedIsCritical() throws Exception {
        AuditEvent copy = ec2("CopySnapshot", 0, "{\"sourceRegion\":\"us-east-1\",\"sourceSnapshotId\":\"snap-0aaaaaaaaaaaaaaaa\","
                + "\"description\":\"[Copied snap-0aaaaaaaaaaaaaaaa from us-east-1]\"}", "{\"requestId\":\"r\",\"snapshotId\":\"snap-0bbbbbbbbbbbbbbbb\"}");
        AuditEvent share = ebsShare("snap-0bbbbbbbbbbbbbbbb", FOREIGN, 4);
        AuditEvent delete = ec2("DeleteSnapshot", 9, "{\"snapshotId\":\"snap-0bbbbbbbbbbbbbbbb\"}", "{\"requestId\":\"r\",\"_return\":true}");
        assertThat(copy.resource("snapshotId")).isEqualTo("snap-0bbbbbbbbbbbbbbbb"); // the copy, not its source

        List<Finding> out = replay(copy, share, delete);
        assertThat(out).hasSize(1);
        Finding f = out.get(0);
        assertThat(f.severity).isEqualTo(Severity.CRITICAL);
        assertThat(ids(f)).containsExactly(copy.eventId, share.eventId, delete.eventId);
        assertThat(f.facts).containsEntry("snapshot_id", "snap-0bbbbbbbbbbbbbbbb").containsEntry("shared_with", FOREIGN);
        assertThat(f.explanation).contains("copied snapshot 'snap-0bbbbbbbbbbbbbbbb' (CopySnapshot) at 2026-11-02T09:00:00Z");
    }

    @Test
    void aMultiVolumeSnapshotNamesNoSnapshotAndLinksToTheShareThatFollows() throws Exception {
        AuditEvent create = ec2("CreateSnapshots", 0, "{\"instanceSpecification\":{\"instanceId\":\"i-0123456789abcdef0\","
                + "\"excludeBootVolume\":false},\"copyTagsFromSource\":\"volume\",\"description\":\"nightly\"}",
                "{\"requestId\":\"r\",\"snapshotSet\":{\"items\":[{\"snapshotId\":\"snap-0c1c1c1c1c1c1c1c1\",\"volumeId\":\"vol-1\"},"
                + "{\"snapshotId\":\"snap-0c2c2c2c2c2c2c2c2\",\"volumeId\":\"vol-2\"}]}}");
        AuditEvent share = ebsShare("snap-0c2c2c2c2c2c2c2c2", FOREIGN, 3);
        assertThat(create.resource("snapshotId")).isNull();

        List<Finding> out = replay(create, share);
        assertThat(out).extracting(x -> x.severity).containsExactly(Severity.HIGH);
        assertThat(ids(out.get(0))).containsExactly(create.eventId, share.eventId);
        assertThat(out.get(0).explanation).contains("created snapshot 'snap-0c2c2c2c2c2c2c2c2' (CreateSnapshots)");
    }

    @Test
    void anRdsCopySharedAndDeletedIsCritical() throws Exception {
        AuditEvent copy = rds("CopyDBSnapshot", 0, "{\"sourceDBSnapshotIdentifier\":\"arn:aws:rds:us-east-1:111122223333:snapshot:rds:prod-db-2026-11-02-03-10\","
                + "\"targetDBSnapshotIdentifier\":\"prod-db-copy\",\"copyTags\":true}",
                "{\"dBSnapshotIdentifier\":\"prod-db-copy\",\"dBInstanceIdentifier\":\"prod-db\",\"engine\":\"postgres\",\"status\":\"pending\","
                + "\"snapshotType\":\"manual\",\"dBSnapshotArn\":\"arn:aws:rds:us-east-1:111122223333:snapshot:prod-db-copy\"}");
        AuditEvent share = rdsShare("ModifyDBSnapshotAttribute", "dBSnapshotIdentifier", "prod-db-copy", FOREIGN, 20);
        AuditEvent delete = rds("DeleteDBSnapshot", 50, "{\"dBSnapshotIdentifier\":\"prod-db-copy\"}",
                "{\"dBSnapshotIdentifier\":\"prod-db-copy\",\"status\":\"deleted\",\"snapshotType\":\"manual\"}");
        // the decoder names the copy (the response) for the copy, and the request's snapshot for the others
        assertThat(List.of(copy, share, delete)).extracting(e -> e.resource("snapshotId")).containsOnly("prod-db-copy");

        List<Finding> out = replay(copy, share, delete);
        assertThat(out).hasSize(1);
        assertThat(out.get(0).severity).isEqualTo(Severity.CRITICAL);
        assertThat(out.get(0).title).isEqualTo("Snapshot created, shared with another account and deleted");
        assertThat(ids(out.get(0))).containsExactly(copy.eventId, share.eventId, delete.eventId);
        assertThat(out.get(0).facts).containsEntry("snapshot_id", "prod-db-copy").containsEntry("shared_with", FOREIGN);
    }

    @Test
    void anAuroraClusterSnapshotCopiedAndMadePublicIsCritical() throws Exception {
        AuditEvent create = rds("CreateDBClusterSnapshot", 0, "{\"dBClusterSnapshotIdentifier\":\"aurora-snap\",\"dBClusterIdentifier\":\"aurora-prod\"}",
                "{\"dBClusterSnapshotIdentifier\":\"aurora-snap\",\"dBClusterIdentifier\":\"aurora-prod\",\"status\":\"creating\"}");
        AuditEvent copy = rds("CopyDBClusterSnapshot", 30, "{\"sourceDBClusterSnapshotIdentifier\":"
                + "\"arn:aws:rds:us-east-1:111122223333:cluster-snapshot:aurora-snap\",\"targetDBClusterSnapshotIdentifier\":\"aurora-copy\"}",
                "{\"dBClusterSnapshotIdentifier\":\"aurora-copy\",\"dBClusterIdentifier\":\"aurora-prod\",\"status\":\"copying\"}");
        AuditEvent share = rdsShare("ModifyDBClusterSnapshotAttribute", "dBClusterSnapshotIdentifier", "aurora-copy", "all", 40);
        assertThat(create.resource("snapshotId")).isEqualTo("aurora-snap");
        assertThat(copy.resource("snapshotId")).isEqualTo("aurora-copy");

        List<Finding> out = replay(create, copy, share);
        // the share is of the copy: the first creation names another snapshot and is not part of the story
        assertThat(out).hasSize(1);
        Finding f = out.get(0);
        assertThat(f.severity).isEqualTo(Severity.CRITICAL); // created and shared (high), with everyone
        assertThat(f.title).isEqualTo("Snapshot created and made public");
        assertThat(ids(f)).containsExactly(copy.eventId, share.eventId);
        assertThat(f.facts).containsEntry("shared_with", "all").containsEntry("public", "true").containsEntry("snapshot_id", "aurora-copy");

        AuditEvent delete = rds("DeleteDBClusterSnapshot", 45, "{\"dBClusterSnapshotIdentifier\":\"aurora-copy\"}",
                "{\"dBClusterSnapshotIdentifier\":\"aurora-copy\",\"status\":\"available\"}");
        List<Finding> deleted = replay(create, copy, share, delete);
        assertThat(deleted).extracting(x -> x.title).containsExactly("Snapshot created, made public and deleted");
        assertThat(ids(deleted.get(0))).containsExactly(copy.eventId, share.eventId, delete.eventId);
    }

    @Test
    void anRdsSnapshotSharedWithEveryoneIsOneStepHigher() throws Exception {
        List<Finding> out = replay(rdsShare("ModifyDBSnapshotAttribute", "dBSnapshotIdentifier", "exfiltration", "all", 0));
        assertThat(out).extracting(f -> f.severity).containsExactly(Severity.HIGH); // a lone share (medium), with everyone
        assertThat(out.get(0).title).isEqualTo("Snapshot made public");
        assertThat(out.get(0).facts).containsEntry("snapshot_id", "exfiltration").containsEntry("public", "true");
    }

    @Test
    void aPublicAmiIsOneStepHigher() throws Exception {
        AuditEvent create = ec2("CreateImage", 0, "{\"instanceId\":\"i-0123456789abcdef0\",\"name\":\"golden\",\"noReboot\":true}",
                "{\"requestId\":\"r\",\"imageId\":\"ami-0abcdef1234567890\"}");
        AuditEvent share = ec2("ModifyImageAttribute", 6, "{\"imageId\":\"ami-0abcdef1234567890\",\"attributeType\":\"launchPermission\","
                + "\"launchPermission\":{\"add\":{\"items\":[{\"group\":\"all\"}]}}}", "{\"requestId\":\"r\",\"_return\":true}");
        List<Finding> out = replay(create, share);
        assertThat(out).hasSize(1);
        assertThat(out.get(0).severity).isEqualTo(Severity.CRITICAL);
        assertThat(out.get(0).title).isEqualTo("AMI created and made public");
        assertThat(out.get(0).subject).isEqualTo("image:ami-0abcdef1234567890");
        assertThat(out.get(0).facts).containsEntry("image_id", "ami-0abcdef1234567890").containsEntry("shared_with", "all");
    }
}
