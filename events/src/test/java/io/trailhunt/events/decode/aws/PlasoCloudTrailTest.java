package io.trailhunt.events.decode.aws;

import com.fasterxml.jackson.databind.JsonNode;
import io.trailhunt.events.model.AuditEvent;
import io.trailhunt.events.model.Category;
import io.trailhunt.events.model.Outcome;
import io.trailhunt.events.model.PrincipalType;
import io.trailhunt.events.testing.RealLogs;
import org.junit.jupiter.api.Test;

import java.util.List;

import static java.util.Map.entry;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Plaso's CloudTrail test data: the LookupEvents API shape, where each line is a summary whose
 * {@code CloudTrailEvent} field holds the full event as a JSON string.
 */
class PlasoCloudTrailTest {
    private static final String FILE = "plaso-test-data/aws_cloudtrail.jsonl";

    @Test
    void everyLookupEventsLineDecodesFromItsEmbeddedEvent() {
        Decodings d = Decodings.ofLines(FILE);
        List<byte[]> lines = RealLogs.lines(FILE);

        assertThat(lines).hasSize(6);
        assertThat(d.deadLetters).isEmpty();
        assertThat(d.events).hasSize(6);
        for (int i = 0; i < lines.size(); i++) {
            AuditEvent e = d.events.get(i);
            assertThat(e.origin).isEqualTo(FILE + ":" + (i + 1));
            JsonNode summary = CloudTrailCrossCheck.parse(lines.get(i));
            JsonNode embedded = CloudTrailCrossCheck.parse(summary.get("CloudTrailEvent").asText());
            CloudTrailCrossCheck.assertMatchesRaw(e, embedded);
            assertThat(e.eventId).isEqualTo(summary.get("EventId").asText());
        }
    }

    @Test
    void line1TimeComesFromTheEmbeddedEventNotTheSummarysLocalTime() {
        AuditEvent e = Decodings.ofLines(FILE).events.get(0);

        // Summary: "2022-02-08 09:23:37+11:00"; event: "2022-02-07T22:23:37Z": the same instant.
        assertThat(e.eventTime).isEqualTo(1_644_272_617_000L);
        assertThat(e.action).isEqualTo("DescribeInstances");
        assertThat(e.principal).isEqualTo("arn:aws:iam::012345678901:user/fakeusername");
        assertThat(e.account).isEqualTo("012345678901");
        assertThat(e.region).isEqualTo("ap-southeast-2");
        assertThat(e.userAgent).isEqualTo("console.ec2.amazonaws.com");
        assertThat(e.readOnly).isTrue();
        assertThat(e.category).isEqualTo(Category.MANAGEMENT);
        assertThat(e.resources).containsExactly(entry("instanceId", "i-01234567890123456"));
        assertThat(e.params).containsExactly(entry("instancesSet.items.0.instanceId", "i-01234567890123456"));
    }

    @Test
    void line4ServiceEventWithAnUntypedIdentityIsTheService() {
        AuditEvent e = Decodings.ofLines(FILE).events.get(3);

        assertThat(e.action).isEqualTo("SharedSnapshotVolumeCreated");
        assertThat(e.principal).isEqualTo("ec2.amazonaws.com");
        assertThat(e.principalType).isEqualTo(PrincipalType.CLOUD_SERVICE);
        assertThat(e.principalTypeRaw).isNull();
        assertThat(e.sourceIp).isEqualTo("ec2.amazonaws.com");
        assertThat(e.outcome).isEqualTo(Outcome.SUCCESS);
        assertThat(e.params).isEmpty();
        assertThat(e.resources).isEmpty();
    }

    @Test
    void line5RunInstancesNamesItsImageAndTheOneInstanceItLaunched() {
        AuditEvent e = Decodings.ofLines(FILE).events.get(4);

        assertThat(e.action).isEqualTo("RunInstances");
        assertThat(e.resources).containsExactly(entry("imageId", "ami-01234567890123456"), entry("instanceId", "i-01234567890123456"));
        assertThat(e.params).hasSize(31).containsEntry("instanceType", "t2.micro").containsEntry("metadataOptions.httpTokens", "optional");
    }

    @Test
    void line6SecurityGroupNameIsNotTakenForAnIamGroup() {
        AuditEvent e = Decodings.ofLines(FILE).events.get(5);

        assertThat(e.action).isEqualTo("CreateSecurityGroup");
        assertThat(e.resources).isEmpty();
        assertThat(e.params).containsEntry("groupName", "no-access");
    }
}
