package io.trailhunt.events.decode.gcp;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.trailhunt.events.decode.DecoderLimits;
import io.trailhunt.events.decode.Flattener;
import io.trailhunt.events.decode.RecordDecoder;
import io.trailhunt.events.decode.RecordRejectedException;
import io.trailhunt.events.model.AuditEvent;
import io.trailhunt.events.model.Category;
import io.trailhunt.events.model.Decoded;
import io.trailhunt.events.model.Outcome;
import io.trailhunt.events.model.PrincipalType;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.entry;

class GcpAuditLogDecoderTest {
    private static final ObjectMapper MAPPER = new ObjectMapper();
    private final GcpAuditLogDecoder decoder = new GcpAuditLogDecoder();

    /** A Data Access entry for a GCS object read; tests change what they are about. */
    private static ObjectNode logEntry() throws Exception {
        return (ObjectNode) MAPPER.readTree("""
                {"insertId": "1x2y3z", "logName": "projects/acme-prod/logs/cloudaudit.googleapis.com%2Fdata_access",
                 "timestamp": "2025-03-04T10:00:00.123456Z", "receiveTimestamp": "2025-03-04T10:00:01.5Z",
                 "resource": {"type": "gcs_bucket", "labels": {"project_id": "acme-prod", "bucket_name": "acme-exports", "location": "europe-west2"}},
                 "protoPayload": {"@type": "type.googleapis.com/google.cloud.audit.AuditLog",
                   "status": {},
                   "authenticationInfo": {"principalEmail": "dev@acme.example"},
                   "requestMetadata": {"callerIp": "81.2.69.142", "callerSuppliedUserAgent": "gsutil/5.27"},
                   "serviceName": "storage.googleapis.com", "methodName": "storage.objects.get",
                   "resourceName": "projects/_/buckets/acme-exports/objects/2025/customers.csv"}}
                """);
    }

    private static ObjectNode payload(ObjectNode entry) {
        return (ObjectNode) entry.get("protoPayload");
    }

    @Test
    void dataAccessObjectRead() throws Exception {
        AuditEvent e = decoder.decode(logEntry(), "o");
        assertThat(e.eventId).isEqualTo("1x2y3z");
        assertThat(e.eventTime).isEqualTo(1_741_082_400_123L);
        assertThat(e.account).isEqualTo("acme-prod");
        assertThat(e.principal).isEqualTo("dev@acme.example");
        assertThat(e.principalType).isEqualTo(PrincipalType.USER);
        assertThat(e.category).isEqualTo(Category.DATA);
        assertThat(e.region).isEqualTo("europe-west2");
        assertThat(e.outcome).isEqualTo(Outcome.SUCCESS); // an empty status is OK
        assertThat(e.resources).containsExactly(
                entry("resourceName", "projects/_/buckets/acme-exports/objects/2025/customers.csv"),
                entry("bucket", "acme-exports"),
                entry("objectKey", "2025/customers.csv"));
    }

    @Test
    void panthersAtSignTypeSpellingIsAccepted() throws Exception {
        ObjectNode entry = logEntry();
        payload(entry).remove("@type");
        payload(entry).put("at_sign_type", GcpAuditLogDecoder.AUDIT_LOG_TYPE);
        assertThat(decoder.decode(entry, "o").action).isEqualTo("storage.objects.get");
    }

    @Test
    void aPayloadOfAnotherTypeIsRejectedByName() throws Exception {
        ObjectNode entry = logEntry();
        payload(entry).put("@type", "type.googleapis.com/google.appengine.logging.v1.RequestLog");
        assertThatThrownBy(() -> decoder.decode(entry, "o"))
                .isInstanceOf(RecordRejectedException.class)
                .hasMessage("GCP protoPayload is a 'type.googleapis.com/google.appengine.logging.v1.RequestLog', not a Cloud"
                        + " Audit Log (type.googleapis.com/google.cloud.audit.AuditLog)");
    }

    @ParameterizedTest(name = "code {0} -> {1}")
    @CsvSource({
        "1, CANCELLED", "2, UNKNOWN", "3, INVALID_ARGUMENT", "4, DEADLINE_EXCEEDED", "5, NOT_FOUND", "6, ALREADY_EXISTS",
        "7, PERMISSION_DENIED", "8, RESOURCE_EXHAUSTED", "9, FAILED_PRECONDITION", "10, ABORTED", "11, OUT_OF_RANGE",
        "12, UNIMPLEMENTED", "13, INTERNAL", "14, UNAVAILABLE", "15, DATA_LOSS", "16, UNAUTHENTICATED", "99, CODE_99",
    })
    void nonZeroStatusIsAFailureNamedByItsCanonicalCode(int code, String name) throws Exception {
        ObjectNode entry = logEntry();
        ((ObjectNode) payload(entry).get("status")).put("code", code).put("message", "m" + code);
        AuditEvent e = decoder.decode(entry, "o");
        assertThat(e.outcome).isEqualTo(Outcome.FAILURE);
        assertThat(e.errorCode).isEqualTo(name);
        assertThat(e.errorMessage).isEqualTo("m" + code);
    }

    @Test
    void statusCodeZeroIsSuccess() throws Exception {
        ObjectNode entry = logEntry();
        ((ObjectNode) payload(entry).get("status")).put("code", 0);
        AuditEvent e = decoder.decode(entry, "o");
        assertThat(e.outcome).isEqualTo(Outcome.SUCCESS);
        assertThat(e.errorCode).isNull();
    }

    @Test
    void dataAccessWithoutCredentialsIsAnonymous() throws Exception {
        ObjectNode entry = logEntry();
        payload(entry).putObject("authenticationInfo");
        AuditEvent e = decoder.decode(entry, "o");
        assertThat(e.principal).isEqualTo("anonymous");
        assertThat(e.principalType).isEqualTo(PrincipalType.ANONYMOUS);
        assertThat(e.principalTypeRaw).isEqualTo("anonymous");
    }

    @Test
    void deniedReadWithoutAnEmailIsARedactedCallerNotAnAnonymousOne() throws Exception {
        ObjectNode entry = logEntry();
        payload(entry).putObject("authenticationInfo");
        ((ObjectNode) payload(entry).get("status")).put("code", 7);
        AuditEvent e = decoder.decode(entry, "o");
        assertThat(e.principal).isNull();
        assertThat(e.principalType).isEqualTo(PrincipalType.UNKNOWN);
        assertThat(e.principalTypeRaw).isEqualTo("redacted");
    }

    @Test
    void unauthenticatedIsAnonymousWhateverTheLog() throws Exception {
        ObjectNode entry = logEntry();
        entry.put("logName", "projects/acme-prod/logs/cloudaudit.googleapis.com%2Factivity");
        payload(entry).putObject("authenticationInfo");
        ((ObjectNode) payload(entry).get("status")).put("code", 16);
        assertThat(decoder.decode(entry, "o").principalType).isEqualTo(PrincipalType.ANONYMOUS);
    }

    @Test
    void systemEventWithoutCallerIsTheServiceActing() throws Exception {
        ObjectNode entry = logEntry();
        entry.put("logName", "projects/acme-prod/logs/cloudaudit.googleapis.com%2Fsystem_event");
        payload(entry).putObject("authenticationInfo");
        payload(entry).put("serviceName", "compute.googleapis.com").put("methodName", "compute.instances.migrateOnHostMaintenance");
        AuditEvent e = decoder.decode(entry, "o");
        assertThat(e.category).isEqualTo(Category.MANAGEMENT);
        assertThat(e.principal).isEqualTo("compute.googleapis.com");
        assertThat(e.principalType).isEqualTo(PrincipalType.CLOUD_SERVICE);
    }

    @Test
    void gkeAnonymousRequests() throws Exception {
        ObjectNode entry = logEntry();
        payload(entry).putObject("authenticationInfo").put("principalEmail", "system:anonymous");
        assertThat(decoder.decode(entry, "o").principal).isEqualTo("anonymous");
        payload(entry).putObject("authenticationInfo").put("authoritySelector", "system:anonymous");
        entry.put("logName", "projects/acme-prod/logs/cloudaudit.googleapis.com%2Factivity");
        assertThat(decoder.decode(entry, "o").principalType).isEqualTo(PrincipalType.ANONYMOUS);
    }

    @Test
    void workforceIdentityIsAFederatedUser() throws Exception {
        ObjectNode entry = logEntry();
        payload(entry).putObject("authenticationInfo").put("principalSubject",
                "principal://iam.googleapis.com/locations/global/workforcePools/acme-pool/subject/jane@acme.example");
        AuditEvent e = decoder.decode(entry, "o");
        assertThat(e.principal).isEqualTo("principal://iam.googleapis.com/locations/global/workforcePools/acme-pool/subject/jane@acme.example");
        assertThat(e.principalType).isEqualTo(PrincipalType.FEDERATED_USER);
    }

    @Test
    void impersonationKeepsTheServiceAccountAsPrincipalAndTheCallerAsParam() throws Exception {
        ObjectNode entry = logEntry();
        ObjectNode auth = payload(entry).putObject("authenticationInfo");
        auth.put("principalEmail", "deployer@acme-prod.iam.gserviceaccount.com");
        auth.putArray("serviceAccountDelegationInfo").addObject().putObject("firstPartyPrincipal").put("principalEmail", "dev@acme.example");
        AuditEvent e = decoder.decode(entry, "o");
        assertThat(e.principal).isEqualTo("deployer@acme-prod.iam.gserviceaccount.com");
        assertThat(e.principalType).isEqualTo(PrincipalType.SERVICE_ACCOUNT);
        assertThat(e.params).containsEntry("delegatedBy", "dev@acme.example");
    }

    @Test
    void aLargeSetIamPolicyRequestCannotCrowdOutThePolicyDelta() throws Exception {
        ObjectNode entry = logEntry();
        entry.put("logName", "projects/acme-prod/logs/cloudaudit.googleapis.com%2Factivity");
        ObjectNode p = payload(entry);
        p.put("serviceName", "cloudresourcemanager.googleapis.com").put("methodName", "SetIamPolicy").put("resourceName", "projects/acme-prod");
        ArrayNode bindings = p.putObject("request").put("@type", "type.googleapis.com/google.iam.v1.SetIamPolicyRequest")
                .putObject("policy").putArray("bindings");
        for (int i = 0; i < 40; i++) {
            bindings.addObject().put("role", "roles/custom" + i).putArray("members").add("user:u" + i + "@acme.example");
        }
        ObjectNode delta = p.putObject("serviceData").put("@type", "type.googleapis.com/google.iam.v1.logging.AuditData")
                .putObject("policyDelta").putArray("bindingDeltas").addObject();
        delta.put("action", "ADD").put("role", "roles/owner").put("member", "user:intruder@evil.example");
        AuditEvent e = decoder.decode(entry, "o");
        assertThat(e.params).hasSizeLessThanOrEqualTo(Flattener.DEFAULT_MAX_ENTRIES);
        assertThat(e.params.keySet()).filteredOn(k -> k.startsWith("request.")).hasSize(GcpAuditLogDecoder.REQUEST_PARAM_BUDGET);
        assertThat(e.params)
                .containsEntry("serviceData.policyDelta.bindingDeltas.0.action", "ADD")
                .containsEntry("serviceData.policyDelta.bindingDeltas.0.role", "roles/owner")
                .containsEntry("serviceData.policyDelta.bindingDeltas.0.member", "user:intruder@evil.example");
    }

    @Test
    void serviceAccountKeyCreationNamesTheAccount() throws Exception {
        ObjectNode entry = logEntry();
        ObjectNode p = payload(entry);
        p.put("serviceName", "iam.googleapis.com").put("methodName", "google.iam.admin.v1.CreateServiceAccountKey")
                .put("resourceName", "projects/-/serviceAccounts/104955374817228946151");
        p.putObject("request").put("name", "projects/acme-prod/serviceAccounts/deployer@acme-prod.iam.gserviceaccount.com");
        entry.putObject("resource").put("type", "service_account").putObject("labels").put("project_id", "acme-prod")
                .put("unique_id", "104955374817228946151");
        assertThat(decoder.decode(entry, "o").resources)
                .containsEntry("serviceAccount", "deployer@acme-prod.iam.gserviceaccount.com")
                .doesNotContainKey("bucket").containsKey("resourceName");
    }

    @Test
    void logNameDecidesCategoryByTheLogIdOnly() throws Exception {
        ObjectNode entry = logEntry();
        entry.put("logName", "projects/activity-tracker/logs/cloudaudit.googleapis.com%2Fdata_access");
        assertThat(decoder.decode(entry, "o").category).isEqualTo(Category.DATA);
        entry.put("logName", "projects/activity-tracker/logs/cloudaudit.googleapis.com%2Faccess_transparency");
        assertThat(decoder.decode(entry, "o").category).isEqualTo(Category.OTHER);
        entry.put("logName", "projects/acme-prod/logs/cloudaudit.googleapis.com%2Fpolicy");
        assertThat(decoder.decode(entry, "o").category).isEqualTo(Category.MANAGEMENT);
    }

    @Test
    void accountFallsBackToTheLogNameParent() throws Exception {
        ObjectNode entry = logEntry();
        ((ObjectNode) entry.get("resource").get("labels")).remove("project_id");
        assertThat(decoder.decode(entry, "o").account).isEqualTo("acme-prod");
        entry.put("logName", "folders/123456/logs/cloudaudit.googleapis.com%2Factivity");
        assertThat(decoder.decode(entry, "o").account).isEqualTo("folders/123456");
    }

    @Test
    void timeFallsBackToReceiveTimestampAndIsRequired() throws Exception {
        ObjectNode entry = logEntry();
        entry.remove("timestamp");
        assertThat(decoder.decode(entry, "o").eventTime).isEqualTo(1_741_082_401_500L);
        entry.remove("receiveTimestamp");
        assertThatThrownBy(() -> decoder.decode(entry, "o"))
                .hasMessage("no event time: fields 'timestamp' and 'receiveTimestamp' are missing");
    }

    @Test
    void missingInsertIdGivesAStableContentId() throws Exception {
        ObjectNode first = logEntry();
        first.remove("insertId");
        ObjectNode second = logEntry();
        second.remove("insertId");
        String id = decoder.decode(first, "o").eventId;
        assertThat(id).startsWith("sha256:").isEqualTo(decoder.decode(second, "o2").eventId);
        second.put("timestamp", "2025-03-04T10:00:00.124Z");
        assertThat(decoder.decode(second, "o").eventId).isNotEqualTo(id);
    }

    @Test
    void throughTheRouterPubSubPushJsonPayloadAndLowerCasedKeys() throws Exception {
        RecordDecoder router = new RecordDecoder(DecoderLimits.defaults());
        String data = Base64.getEncoder().encodeToString(logEntry().toString().getBytes(StandardCharsets.UTF_8));
        String push = "{\"message\": {\"data\": \"" + data + "\", \"messageId\": \"9\"}, \"subscription\": \"projects/acme-prod/subscriptions/audit\"}";
        List<Decoded> out = router.decode(push.getBytes(StandardCharsets.UTF_8), "push");
        assertThat(out).hasSize(1);
        assertThat(out.get(0).event.origin).isEqualTo("push#message.data");
        assertThat(out.get(0).event.principal).isEqualTo("dev@acme.example");

        String text = "{\"insertId\": \"t1\", \"logName\": \"projects/acme-prod/logs/app\", \"textPayload\": \"hello\","
                + " \"timestamp\": \"2025-03-04T10:00:00Z\"}";
        assertThat(router.decode(text.getBytes(StandardCharsets.UTF_8), "t").get(0).deadLetter.reason)
                .isEqualTo("GCP LogEntry with a textPayload: not a Cloud Audit Log (no protoPayload)");

        String lower = "{\"insertid\": \"t1\", \"logname\": \"projects/acme-prod/logs/cloudaudit.googleapis.com%2Factivity\","
                + " \"protopayload\": {\"methodName\": \"m\"}, \"timestamp\": \"2025-03-04T10:00:00Z\"}";
        assertThat(router.decode(lower.getBytes(StandardCharsets.UTF_8), "t").get(0).deadLetter.reason)
                .startsWith("GCP LogEntry with lower-cased field names");
    }
}
