package io.trailhunt.detectors.tampering;

import io.trailhunt.events.decode.DecoderLimits;
import io.trailhunt.events.decode.RecordDecoder;
import io.trailhunt.events.model.AuditEvent;
import io.trailhunt.events.model.Decoded;
import io.trailhunt.events.model.Severity;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * SetIamPolicy LogEntries as the Admin Activity log writes them, with the policy delta in
 * serviceData (google.iam.v1.logging.AuditData), through the decoder.
 */
class GcpAuditConfigRecordsTest {
    private static AuditEvent setIamPolicy(String auditConfigDeltas) {
        String json = "{\"protoPayload\":{\"@type\":\"type.googleapis.com/google.cloud.audit.AuditLog\",\"status\":{},"
                + "\"authenticationInfo\":{\"principalEmail\":\"mallory@acme.example\"},"
                + "\"requestMetadata\":{\"callerIp\":\"198.51.100.9\",\"callerSuppliedUserAgent\":\"google-cloud-sdk gcloud/460.0.0\"},"
                + "\"serviceName\":\"cloudresourcemanager.googleapis.com\",\"methodName\":\"SetIamPolicy\","
                + "\"authorizationInfo\":[{\"resource\":\"projects/acme-analytics\",\"permission\":\"resourcemanager.projects.setIamPolicy\",\"granted\":true}],"
                + "\"resourceName\":\"projects/acme-analytics\","
                + "\"request\":{\"@type\":\"type.googleapis.com/google.iam.v1.SetIamPolicyRequest\",\"resource\":\"acme-analytics\","
                + "\"policy\":{\"etag\":\"BwYn3hH1xKM=\",\"auditConfigs\":[{\"service\":\"allServices\",\"auditLogConfigs\":["
                + "{\"logType\":\"DATA_READ\",\"exemptedMembers\":[\"user:mallory@acme.example\"]},{\"logType\":\"DATA_WRITE\"}]}]},"
                + "\"updateMask\":\"auditConfigs,etag\"},"
                + "\"serviceData\":{\"@type\":\"type.googleapis.com/google.iam.v1.logging.AuditData\",\"policyDelta\":{\"auditConfigDeltas\":"
                + auditConfigDeltas + "}}},"
                + "\"insertId\":\"-x3f9c2e1b4a7\",\"resource\":{\"type\":\"project\",\"labels\":{\"project_id\":\"acme-analytics\"}},"
                + "\"timestamp\":\"2026-11-02T10:00:00.123456Z\",\"severity\":\"NOTICE\","
                + "\"logName\":\"projects/acme-analytics/logs/cloudaudit.googleapis.com%2Factivity\",\"receiveTimestamp\":\"2026-11-02T10:00:01Z\"}";
        List<Decoded> out = new RecordDecoder(DecoderLimits.defaults()).decode(json.getBytes(StandardCharsets.UTF_8), "test");
        assertThat(out).hasSize(1);
        assertThat(out.get(0).event).isNotNull();
        return out.get(0).event;
    }

    @Test
    void anExemptionAddedToDataAccessLoggingIsTampering() {
        Tampering t = TamperingCatalog.classify(setIamPolicy(
                "[{\"action\":\"ADD\",\"service\":\"allServices\",\"exemptedMember\":\"user:mallory@acme.example\",\"logType\":\"DATA_READ\"}]"));
        assertThat(t.kind()).isEqualTo("audit-exemption-added");
        assertThat(t.severity()).isEqualTo(Severity.HIGH);
        assertThat(t.description()).isEqualTo("exempted user:mallory@acme.example from DATA_READ logs of allServices on"
                + " 'projects/acme-analytics': their calls are no longer logged");
    }

    @Test
    void aLogTypeRemovedIsTamperingAndAnExemptionRemovedIsNot() {
        Tampering removed = TamperingCatalog.classify(setIamPolicy(
                "[{\"action\":\"REMOVE\",\"service\":\"storage.googleapis.com\",\"logType\":\"DATA_READ\"}]"));
        assertThat(removed.kind()).isEqualTo("audit-config-removed");
        assertThat(removed.description()).isEqualTo("removed Data Access audit logging from 'projects/acme-analytics' (DATA_READ logs of storage.googleapis.com)");
        // more logging, not less
        assertThat(TamperingCatalog.classify(setIamPolicy(
                "[{\"action\":\"REMOVE\",\"service\":\"allServices\",\"exemptedMember\":\"user:ci@acme.example\",\"logType\":\"DATA_READ\"},"
                        + "{\"action\":\"ADD\",\"service\":\"allServices\",\"logType\":\"DATA_WRITE\"}]"))).isNull();
    }
}
