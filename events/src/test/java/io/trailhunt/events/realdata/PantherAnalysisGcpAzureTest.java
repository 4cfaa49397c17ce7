package io.trailhunt.events.realdata;

import io.trailhunt.events.model.AuditEvent;
import io.trailhunt.events.model.Category;
import io.trailhunt.events.model.Cloud;
import io.trailhunt.events.model.Outcome;
import io.trailhunt.events.model.PrincipalType;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.entry;

/**
 * panther-labs/panther-analysis rule-test events (GCP audit, Entra ID, Azure Monitor), one per
 * line, through the real decoder. Many are partial on purpose; what cannot be decoded must be
 * dead-lettered for a reason that names it.
 */
class PantherAnalysisGcpAzureTest {
    private static final String DIR = "/real-logs/panther-analysis/";

    @Nested
    @TestInstance(TestInstance.Lifecycle.PER_CLASS)
    class GcpAuditLog {
        FileRun run;

        @BeforeAll
        void decode() {
            run = FileRun.jsonLines(DIR + "panther_tests_GCP_AuditLog.events.jsonl");
        }

        @Test
        void countsAndReasons() {
            assertThat(run.lines).hasSize(206);
            assertThat(run.events()).hasSize(122);
            assertThat(run.deadLetters()).hasSize(84);
            assertThat(run.reasons()).containsExactlyInAnyOrderEntriesOf(Map.of(
                    "GCP LogEntry with lower-cased field names ('protopayload', 'insertid', 'logname', ...), as a data lake"
                            + " rewrote them, not as Cloud Logging writes them", 27L,
                    "no event time: fields 'timestamp' and 'receiveTimestamp' are missing", 46L,
                    "not a recognised audit log format: JSON object with fields [methodName]", 6L,
                    "not a recognised audit log format: JSON object with fields [operation, p_enrichment]", 2L,
                    "GCP protoPayload has no '@type' and none of the AuditLog fields 'methodName', 'serviceName'", 2L,
                    "unparseable event time in 'receiveTimestamp': '...'", 1L));
        }

        @Test
        void everyDecodedEventMatchesItsRawRecord() {
            assertThat(run.forEachDecodedLine(CrossCheck::gcp)).isEqualTo(122);
        }

        @Test
        void line1SubnetworkPatchIsAFullyDecodedAdminActivityEntry() {
            AuditEvent e = run.event(1);
            assertThat(e.eventId).isEqualTo("12345");
            assertThat(e.eventTime).isEqualTo(1_678_301_572_114L); // 2023-03-08 18:52:52.114
            assertThat(e.cloud).isEqualTo(Cloud.GCP);
            assertThat(e.account).isEqualTo("test-project");
            assertThat(e.principal).isEqualTo("user1@company.io");
            assertThat(e.principalType).isEqualTo(PrincipalType.USER);
            assertThat(e.principalTypeRaw).isEqualTo("user");
            assertThat(e.sourceIp).isEqualTo("1.2.3.4");
            assertThat(e.userAgent).startsWith("Mozilla/5.0 (Macintosh; Intel Mac OS X 10_15_7)").endsWith(",gzip(gfe),gzip(gfe)");
            assertThat(e.service).isEqualTo("compute.googleapis.com");
            assertThat(e.action).isEqualTo("v1.compute.subnetworks.patch");
            assertThat(e.region).isEqualTo("us-central1");
            assertThat(e.outcome).isEqualTo(Outcome.SUCCESS);
            assertThat(e.category).isEqualTo(Category.MANAGEMENT);
            assertThat(e.resources).containsExactly(entry("resourceName", "projects/test-project/regions/us-central1/subnetworks/default"));
            assertThat(e.params).containsEntry("request.logConfig.enable", "true");
            assertThat(e.providerGeo).isNull();
            assertThat(e.origin).isEqualTo(run.origin(1));
        }

        @Test
        void line2VpcServiceControlsDenialIsAPolicyLogFailure() {
            AuditEvent e = run.event(2);
            assertThat(e.eventId).isEqualTo("13ogcded7jh2");
            assertThat(e.account).isEqualTo("gcpproject");
            assertThat(e.action).isEqualTo("google.storage.objects.get");
            assertThat(e.outcome).isEqualTo(Outcome.FAILURE);
            assertThat(e.errorCode).isEqualTo("PERMISSION_DENIED");
            assertThat(e.errorMessage).startsWith("Request is prohibited by organization's policy.");
            assertThat(e.category).isEqualTo(Category.MANAGEMENT); // cloudaudit.googleapis.com%2Fpolicy
            assertThat(e.params)
                    .containsEntry("metadata.violationReason", "NO_MATCHING_ACCESS_LEVEL")
                    .containsEntry("metadata.resourceNames.0", "projects/_/buckets/test-restricted-bucket/objects/test1.txt");
        }

        @Test
        void line61ObjectCreateNamesBucketAndObjectOfADataAccessEntry() {
            AuditEvent e = run.event(61);
            assertThat(e.action).isEqualTo("storage.objects.create");
            assertThat(e.category).isEqualTo(Category.DATA);
            assertThat(e.principal).isEqualTo("denethor@lotr.com");
            assertThat(e.resources).containsExactly(
                    entry("resourceName", "projects/_/buckets/data-bucket/objects/HOW_TO_DECRYPT_FILES.txt"),
                    entry("bucket", "data-bucket"),
                    entry("objectKey", "HOW_TO_DECRYPT_FILES.txt"));
        }

        @Test
        void line67OrganizationSetIamPolicyKeepsThePolicyDeltaAndTheServiceAccountKey() {
            AuditEvent e = run.event(67);
            assertThat(e.account).isEqualTo("organizations/888888888888");
            assertThat(e.principal).isEqualTo("terraform@platform.iam.gserviceaccount.com");
            assertThat(e.principalType).isEqualTo(PrincipalType.SERVICE_ACCOUNT);
            assertThat(e.principalTypeRaw).isEqualTo("serviceAccount");
            assertThat(e.action).isEqualTo("SetIamPolicy");
            assertThat(e.userAgent).isEqualTo("Terraform/0.13.2 terraform-provider-google/3.90.1");
            assertThat(e.params)
                    .containsEntry("serviceData.policyDelta.bindingDeltas.0.action", "ADD")
                    .containsEntry("serviceData.policyDelta.bindingDeltas.0.member", "user:backdoor@example.com")
                    .containsEntry("serviceData.policyDelta.bindingDeltas.0.role", "roles/owner")
                    .containsEntry("serviceAccountKeyName", "//iam.googleapis.com/projects/platform/serviceAccounts/"
                            + "terraform@platform.iam.gserviceaccount.com/keys/bbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbb");
        }

        @Test
        void line73SignJwtNamesTheServiceAccountByEmailNotByNumericId() {
            AuditEvent e = run.event(73);
            assertThat(e.service).isEqualTo("iamcredentials.googleapis.com");
            assertThat(e.action).isEqualTo("SignJwt");
            assertThat(e.resources)
                    .containsEntry("resourceName", "projects/-/serviceAccounts/114885146936855121342")
                    .containsEntry("serviceAccount", "some-project@company.iam.gserviceaccount.com");
        }

        @Test
        void line75PrincipalSubjectStandsInForAMissingEmail() {
            AuditEvent e = run.event(75);
            assertThat(e.principal).isEqualTo("example_principal_subject");
            assertThat(e.principalType).isEqualTo(PrincipalType.UNKNOWN);
            assertThat(e.principalTypeRaw).isEqualTo("principalSubject");
            assertThat(e.sourceIp).isEqualTo("gce-internal-ip"); // kept as GCP wrote it
        }

        @Test
        void line113EmptyAuthenticationInfoOnAnAdminWriteIsTheServiceActing() {
            AuditEvent e = run.event(113);
            assertThat(e.action).isEqualTo("google.iam.admin.v1.CreateServiceAccount");
            assertThat(e.principal).isEqualTo("iam.googleapis.com");
            assertThat(e.principalType).isEqualTo(PrincipalType.CLOUD_SERVICE);
            assertThat(e.sourceIp).isEqualTo("private");
            assertThat(e.resources).containsEntry("serviceAccount", "test-project-123456@appspot.gserviceaccount.com");
        }

        @Test
        void line130BigQueryErrorCodeElevenIsOutOfRange() {
            AuditEvent e = run.event(130);
            assertThat(e.outcome).isEqualTo(Outcome.FAILURE);
            assertThat(e.errorCode).isEqualTo("OUT_OF_RANGE");
            assertThat(e.errorMessage).isEqualTo("Syntax error: Unexpected end of script at [17:7]");
            assertThat(e.category).isEqualTo(Category.DATA);
        }

        @Test
        void line138Ipv6CallerAndOrganizationLevelLog() {
            AuditEvent e = run.event(138);
            assertThat(e.sourceIp).isEqualTo("07da:0994:97fb:8db1:c68f:c109:fcdd:d594");
            assertThat(e.account).isEqualTo("organizations/123456789012");
        }

        @Test
        void line165KubernetesServiceAccountIsAServiceAccount() {
            AuditEvent e = run.event(165);
            assertThat(e.principal).isEqualTo("system:serviceaccount:kube-system:deployment-controller");
            assertThat(e.principalType).isEqualTo(PrincipalType.SERVICE_ACCOUNT);
            assertThat(e.params).containsEntry("request.spec.containers.0.securityContext.privileged", "true");
        }

        @Test
        void lowerCasedAndPartialRecordsAreDeadLetteredWithTheirOrigin() {
            assertThat(run.perLine.get(29).get(0).deadLetter.reason).startsWith("GCP LogEntry with lower-cased field names");
            assertThat(run.perLine.get(29).get(0).deadLetter.origin).isEqualTo(run.origin(30));
            assertThat(run.perLine.get(28).get(0).deadLetter.reason).isEqualTo("unparseable event time in 'receiveTimestamp': '...'");
        }
    }

    @Nested
    @TestInstance(TestInstance.Lifecycle.PER_CLASS)
    class AzureAudit {
        FileRun run;

        @BeforeAll
        void decode() {
            run = FileRun.jsonLines(DIR + "panther_tests_Azure_Audit.events.jsonl");
        }

        @Test
        void countsAndReasons() {
            assertThat(run.lines).hasSize(48);
            assertThat(run.events()).hasSize(37);
            assertThat(run.deadLetters()).hasSize(11);
            assertThat(run.reasons()).containsExactly(entry(
                    "Azure record with lower-cased field names ('operationname', 'resourceid', ...), as a data lake rewrote"
                            + " them, not as Azure writes them", 11L));
        }

        @Test
        void everyDecodedEventMatchesItsRawRecord() {
            assertThat(run.forEachDecodedLine(CrossCheck::azure)).isEqualTo(37);
            assertThat(run.events()).allSatisfy(e -> assertThat(e.category).isIn(Category.SIGN_IN, Category.MANAGEMENT));
        }

        @Test
        void line17RiskySignInCarriesRiskSignalsAndProviderLocation() {
            AuditEvent e = run.event(17);
            assertThat(e.category).isEqualTo(Category.SIGN_IN);
            assertThat(e.account).isEqualTo("tenant-id-123");
            assertThat(e.principal).isEqualTo("john@justice.org");
            assertThat(e.principalType).isEqualTo(PrincipalType.USER);
            assertThat(e.service).isEqualTo("Microsoft.aadiam");
            assertThat(e.action).isEqualTo("Sign-in activity");
            assertThat(e.outcome).isEqualTo(Outcome.SUCCESS);
            assertThat(e.params)
                    .containsEntry("riskLevelDuringSignIn", "high")
                    .containsEntry("riskState", "atRisk")
                    .containsEntry("riskEventTypes", "unfamiliarFeatures,anonymizedIPAddress")
                    .containsEntry("conditionalAccessStatus", "success");
            assertThat(e.providerGeo.source).isEqualTo("provider");
            assertThat(e.providerGeo.countryIso).isEqualTo("RU");
            assertThat(e.providerGeo.city).isEqualTo("Moscow");
            assertThat(e.providerGeo.latitude).isEqualTo(55.7558);
            assertThat(e.providerGeo.longitude).isEqualTo(37.6173);
        }

        @Test
        void theNetworkEntraSawIsDecoded() {
            assertThat(run.event(9).providerGeo.asn).isEqualTo(12345L); // written "12345"
            assertThat(run.event(10).providerGeo.asn).isEqualTo(7018L);
            assertThat(run.event(11).providerGeo.asn).isEqualTo(8075L);
            assertThat(run.event(17).providerGeo.asn).isNull(); // a location, no network
            // lines 24 and 25 write it as a number, in records a data lake lower-cased: dead letters
            assertThat(run.events()).filteredOn(e -> e.providerGeo != null && e.providerGeo.asn != null).hasSize(3);
        }

        @Test
        void line43BadPasswordIsFailure50126() {
            AuditEvent e = run.event(43);
            assertThat(e.principal).isEqualTo("attacker@company.com");
            assertThat(e.sourceIp).isEqualTo("192.0.2.250");
            assertThat(e.userAgent).isEqualTo("curl/7.68.0");
            assertThat(e.outcome).isEqualTo(Outcome.FAILURE);
            assertThat(e.errorCode).isEqualTo("50126");
            assertThat(e.errorMessage).isEqualTo("Invalid username or password");
            assertThat(e.resources).containsExactly(entry("app", "Office Application"));
        }

        @Test
        void line9LockoutWrittenAsTheWordFailureTakesTheCodeFromStatus() {
            AuditEvent e = run.event(9);
            assertThat(e.outcome).isEqualTo(Outcome.FAILURE);
            assertThat(e.errorCode).isEqualTo("50053");
            assertThat(e.errorMessage).startsWith("The account is locked");
        }

        @Test
        void line44ServicePrincipalCredentialAddedIsAnAuditRecordAboutAnApp() {
            AuditEvent e = run.event(44);
            assertThat(e.category).isEqualTo(Category.MANAGEMENT);
            assertThat(e.action).isEqualTo("Add service principal credentials");
            assertThat(e.principal).isEqualTo("frodo@lotr.com");
            assertThat(e.resources).containsExactly(entry("app", "Production API Service"));
            assertThat(e.params)
                    .containsEntry("loggedByService", "Core Directory")
                    .containsEntry("targetResources.0.modifiedProperties.1.displayName", "KeyType")
                    .containsEntry("targetResources.0.modifiedProperties.1.newValue", "\"Password\"");
        }

        @Test
        void line19InvitedUserUsesTheDirectoryRecordIdAndNamesTheTargetUser() {
            AuditEvent e = run.event(19);
            assertThat(e.eventId).isEqualTo("Invited Users_123456789");
            assertThat(e.resources).containsExactly(entry("targetUser", "Zeus.Theboss"));
            assertThat(e.params).containsEntry("category", "UserManagement");
        }

        @Test
        void line7ElevateAccessOnASubscriptionResourceIdStillKeysByTenant() {
            AuditEvent e = run.event(7);
            assertThat(e.account).isEqualTo("tenant-123");
            assertThat(e.service).isEqualTo("Microsoft.Authorization");
            assertThat(e.params).containsEntry("additionalDetails.0.value", "Microsoft.Authorization/elevateAccess/action");
        }
    }

    @Nested
    @TestInstance(TestInstance.Lifecycle.PER_CLASS)
    class AzureMonitorActivity {
        FileRun run;

        @BeforeAll
        void decode() {
            run = FileRun.jsonLines(DIR + "panther_tests_Azure_MonitorActivity.events.jsonl");
        }

        @Test
        void countsAndReasons() {
            assertThat(run.lines).hasSize(249);
            assertThat(run.events()).hasSize(214);
            assertThat(run.deadLetters()).hasSize(35);
            assertThat(run.reasons()).containsExactlyInAnyOrderEntriesOf(Map.of(
                    "Azure record of category 'kube-audit' is not a kind this decoder reads (Entra sign-in and audit logs,"
                            + " Activity Log, storage logs)", 34L,
                    "no event time: none of the fields 'time', 'eventTimestamp', 'event_timestamp' is present", 1L));
        }

        @Test
        void everyDecodedEventMatchesItsRawRecord() {
            assertThat(run.forEachDecodedLine(CrossCheck::azure)).isEqualTo(214);
        }

        @Test
        void line31DiagnosticSettingsDeleteIsAMicrosoftInsightsSuccess() {
            AuditEvent e = run.event(31);
            assertThat(e.cloud).isEqualTo(Cloud.AZURE);
            assertThat(e.account).isEqualTo("12345678-1234-1234-1234-123456789abc");
            assertThat(e.service).isEqualTo("Microsoft.Insights");
            assertThat(e.action).isEqualTo("Microsoft.Insights/diagnosticSettings/delete");
            assertThat(e.outcome).isEqualTo(Outcome.SUCCESS);
            assertThat(e.category).isEqualTo(Category.MANAGEMENT);
            assertThat(e.region).isEqualTo("eastus");
            assertThat(e.sourceIp).isEqualTo("1.1.1.1");
            assertThat(e.principal).isNull(); // the test record has no caller or claims
            assertThat(e.principalType).isEqualTo(PrincipalType.UNKNOWN);
            assertThat(e.resources).containsExactly(entry("resourceId", "/subscriptions/12345678-1234-1234-1234-123456789abc"
                    + "/resourceGroups/myresourcegroup/providers/Microsoft.Storage/storageAccounts/mystorageaccount"
                    + "/providers/Microsoft.Insights/diagnosticSettings/mydiagnostics"));
        }

        @Test
        void line122ElevateAccessAtTenantScopeTakesTheCallerFromTheUpnClaim() {
            AuditEvent e = run.event(122);
            assertThat(e.principal).isEqualTo("attacker@example.com");
            assertThat(e.principalType).isEqualTo(PrincipalType.USER);
            assertThat(e.account).isEqualTo("87654321-4321-4321-4321-111111111111"); // no subscription: the tenant
            assertThat(e.action).isEqualTo("Microsoft.Authorization/elevateAccess/action");
            assertThat(e.resources).containsExactly(entry("resourceId", "/providers/Microsoft.Authorization"));
        }

        @Test
        void line106FailedDeleteKeepsTheResultSignatureAsErrorCode() {
            AuditEvent e = run.event(106);
            assertThat(e.outcome).isEqualTo(Outcome.FAILURE);
            assertThat(e.errorCode).isEqualTo("403");
            assertThat(e.service).isEqualTo("MICROSOFT.RECOVERYSERVICES"); // as Azure wrote it
        }

        @Test
        void line5RecommendationIsNotAControlPlaneCall() {
            AuditEvent e = run.event(5);
            assertThat(e.category).isEqualTo(Category.OTHER);
            assertThat(e.outcome).isEqualTo(Outcome.UNKNOWN); // resultType "Active"
        }

        @Test
        void line164SasStorageReadIsKeyedByTheAccountsSas() {
            AuditEvent e = run.event(164);
            assertThat(e.category).isEqualTo(Category.DATA);
            assertThat(e.service).isEqualTo("Microsoft.Storage");
            assertThat(e.action).isEqualTo("GetBlobMetadata");
            assertThat(e.principal).isEqualTo("sas:mystorageaccount");
            assertThat(e.principalTypeRaw).isEqualTo("SAS");
            assertThat(e.sourceIp).isEqualTo("1.1.1.1"); // "1.1.1.1:57485" without the port
            assertThat(e.outcome).isEqualTo(Outcome.FAILURE);
            assertThat(e.errorCode).isEqualTo("BlobUsesCustomerSpecifiedEncryption");
            assertThat(e.resources).containsExactly(entry("storageAccount", "mystorageaccount"),
                    entry("container", "corporate-files"), entry("blob", "documents/internal_doc_8.txt.ENCRYPTED"));
        }

        @Test
        void line188StorageRecordWithoutResourceIdParsesTheObjectKey() {
            AuditEvent e = run.event(188);
            assertThat(e.account).isNull();
            assertThat(e.principal).isNull();
            assertThat(e.resources).containsExactly(entry("storageAccount", "criticaldata001"),
                    entry("container", "backups"), entry("blob", "data.zip"));
        }

        @Test
        void line163StorageRecordWithoutStatusCodeFallsBackToTheMetricResponseType() {
            AuditEvent e = run.event(163);
            assertThat(e.category).isEqualTo(Category.DATA); // no category: recognised by its fields
            assertThat(e.outcome).isEqualTo(Outcome.FAILURE);
            assertThat(e.errorCode).isEqualTo("AuthorizationFailure");
        }
    }
}
