package io.trailhunt.events.realdata;

import io.trailhunt.events.model.AuditEvent;
import io.trailhunt.events.model.Category;
import io.trailhunt.events.model.Cloud;
import io.trailhunt.events.model.Outcome;
import io.trailhunt.events.model.PrincipalType;
import org.junit.jupiter.api.Test;

import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.entry;

/** log2timeline/plaso test data: GCP LogEntries, the Azure Activity Log CLI shape, Microsoft 365 audit records. */
class PlasoTestDataGcpAzureTest {
    private static final String DIR = "/real-logs/plaso-test-data/";

    @Test
    void gcpLoggingDecodesTheAuditEntriesAndNamesTheOtherPayloads() {
        FileRun run = FileRun.jsonLines(DIR + "gcp_logging.jsonl");
        assertThat(run.lines).hasSize(11);
        assertThat(run.events()).hasSize(9);
        assertThat(run.deadLetters()).hasSize(2);
        assertThat(run.reasons()).containsExactlyInAnyOrderEntriesOf(Map.of(
                "GCP LogEntry with a jsonPayload: not a Cloud Audit Log (no protoPayload)", 1L,
                "GCP LogEntry with a textPayload: not a Cloud Audit Log (no protoPayload)", 1L));
        assertThat(run.deadLetters().get(0).origin).isEqualTo(run.origin(8));
        assertThat(run.forEachDecodedLine(CrossCheck::gcp)).isEqualTo(9);
    }

    @Test
    void gcpLine4FirewallOpeningRdpToTheWorldKeepsTheRequest() {
        AuditEvent e = FileRun.jsonLines(DIR + "gcp_logging.jsonl").event(4);
        assertThat(e.eventId).isEqualTo("-xa4ip4e4rhyi");
        assertThat(e.action).isEqualTo("v1.compute.firewalls.insert");
        assertThat(e.params)
                .containsEntry("request.sourceRanges.0", "0.0.0.0/0")
                .containsEntry("request.alloweds.0.ports.0", "3389")
                .containsEntry("request.direction", "INGRESS");
    }

    @Test
    void gcpLine10DelegatedCallKeepsTheOriginalCaller() {
        AuditEvent e = FileRun.jsonLines(DIR + "gcp_logging.jsonl").event(10);
        assertThat(e.principal).isEqualTo("fake-account@fake-project.com");
        assertThat(e.params).containsEntry("delegatedBy", "service-account-one@fake-project.com");
        assertThat(e.region).isEqualTo("us-central1-b"); // the zone label
        assertThat(e.userAgent).startsWith("fake-user-agent-string command/gcloud.compute.instances.insert");
    }

    @Test
    void gcpLine11DeniedServiceAccountCreationNamesTheAccountItWouldHaveMade() {
        AuditEvent e = FileRun.jsonLines(DIR + "gcp_logging.jsonl").event(11);
        assertThat(e.eventTime).isEqualTo(1_733_248_724_882L); // 2024-12-03T17:58:44.882Z
        assertThat(e.account).isEqualTo("ketchup");
        assertThat(e.principal).isEqualTo("dvwa-service-account@ketchup.iam.gserviceaccount.com");
        assertThat(e.principalType).isEqualTo(PrincipalType.SERVICE_ACCOUNT);
        assertThat(e.sourceIp).isEqualTo("34.72.217.225");
        assertThat(e.outcome).isEqualTo(Outcome.FAILURE);
        assertThat(e.errorCode).isEqualTo("PERMISSION_DENIED");
        assertThat(e.errorMessage).isEqualTo("Permission \"iam.serviceAccounts.create\" denied on resource (or it may not exist).");
        assertThat(e.resources).containsExactly(entry("resourceName", "projects/ketchup"),
                entry("serviceAccount", "theattacker@ketchup.iam.gserviceaccount.com"));
        assertThat(e.params).containsEntry("delegatedBy", "service-1234567890@compute-system.iam.gserviceaccount.com");
    }

    @Test
    void azureActivityLogCliShapeDecodesEveryRecord() {
        FileRun run = FileRun.jsonLines(DIR + "azure_activity_log.jsonl");
        assertThat(run.lines).hasSize(4);
        assertThat(run.events()).hasSize(4);
        assertThat(run.deadLetters()).isEmpty();
        assertThat(run.forEachDecodedLine(CrossCheck::azure)).isEqualTo(4);
        // Every record is the "Started" announcement of an operation: its outcome comes later.
        assertThat(run.events()).extracting(e -> e.outcome).containsOnly(Outcome.UNKNOWN);
    }

    @Test
    void azureLine1AppOnlyTokenIsAServiceAccount() {
        AuditEvent e = FileRun.jsonLines(DIR + "azure_activity_log.jsonl").event(1);
        assertThat(e.cloud).isEqualTo(Cloud.AZURE);
        assertThat(e.eventId).isEqualTo("587eda65-125e-48c2-9b04-ab5e8d3a1d8e");
        assertThat(e.eventTime).isEqualTo(1_644_375_894_297L); // 2022-02-09T03:04:54.297853Z
        assertThat(e.account).isEqualTo("12345678-9abc-defg-hijk-lmnopqrstuvw");
        assertThat(e.principal).isEqualTo("12345678-9abc-defg-hijk-lmnopqrstuvw");
        assertThat(e.principalType).isEqualTo(PrincipalType.SERVICE_ACCOUNT);
        assertThat(e.principalTypeRaw).isEqualTo("app");
        assertThat(e.sourceIp).isEqualTo("1.2.3.4");
        assertThat(e.service).isEqualTo("Microsoft.Compute");
        assertThat(e.action).isEqualTo("Microsoft.Compute/disks/delete");
        assertThat(e.category).isEqualTo(Category.MANAGEMENT);
        assertThat(e.resources).containsExactly(entry("resourceId", "/subscriptions/12345678-9abc-defg-hijk-lmnopqrstuvw"
                + "/resourceGroups/TEST-RESOURCE-GROUP/providers/Microsoft.Compute/disks/test-vm_disk1_cd8883de78cb4cda97cb858dfe0cda3a"));
        assertThat(e.params)
                .containsEntry("correlationId", "c0c54eb6-3a17-42e2-b6f6-37484ac276c4")
                .containsEntry("appId", "12345678-9abc-defg-hijk-lmnopqrstuvw");
    }

    @Test
    void azureLine2UserCallerIsTheUpn() {
        AuditEvent e = FileRun.jsonLines(DIR + "azure_activity_log.jsonl").event(2);
        assertThat(e.principal).isEqualTo("fakeemail@fakedomain.com");
        assertThat(e.principalType).isEqualTo(PrincipalType.USER);
        assertThat(e.action).isEqualTo("Microsoft.Compute/virtualMachines/delete");
    }

    @Test
    void microsoft365ManagementActivityRecordsAreNamedAndSetAside() {
        FileRun run = FileRun.jsonLines(DIR + "microsoft_audit_log.jsonl");
        assertThat(run.lines).hasSize(4);
        assertThat(run.events()).isEmpty();
        assertThat(run.deadLetters()).hasSize(4);
        assertThat(run.reasons()).containsExactlyInAnyOrderEntriesOf(Map.of(
                "Microsoft 365 Management Activity API record (Workload 'Exchange'), not an Azure log this decoder reads", 3L,
                "Microsoft 365 Management Activity API record (Workload 'AzureActiveDirectory'), not an Azure log this"
                        + " decoder reads", 1L));
    }
}
