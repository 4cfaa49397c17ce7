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
 * PutEventSelectors and SetIamPolicy as CloudTrail and Cloud Audit Logs record them (request shapes
 * of the CloudTrail and IAM API references), through the real decoder: what the one call shows.
 */
class SelectorsAndAuditConfigRecordsTest {
    private static AuditEvent decode(String json) {
        List<Decoded> out = new RecordDecoder(DecoderLimits.defaults()).decode(json.getBytes(StandardCharsets.UTF_8), "test:1");
        assertThat(out).hasSize(1);
        assertThat(out.get(0).deadLetter).isNull();
        return out.get(0).event;
    }

    private static Tampering putEventSelectors(String requestParameters) {
        return TamperingCatalog.classify(decode("{\"eventVersion\":\"1.09\",\"userIdentity\":{\"type\":\"IAMUser\",\"principalId\":\"AIDAEXAMPLE\","
                + "\"arn\":\"arn:aws:iam::111122223333:user/mallory\",\"accountId\":\"111122223333\",\"accessKeyId\":\"AKIAEXAMPLE\",\"userName\":\"mallory\"},"
                + "\"eventTime\":\"2026-11-02T13:05:00Z\",\"eventSource\":\"cloudtrail.amazonaws.com\",\"eventName\":\"PutEventSelectors\","
                + "\"awsRegion\":\"us-east-1\",\"sourceIPAddress\":\"203.0.113.7\",\"userAgent\":\"aws-cli/2.15.30 Python/3.11.8\","
                + "\"requestParameters\":" + requestParameters + ",\"responseElements\":{\"trailARN\":"
                + "\"arn:aws:cloudtrail:us-east-1:111122223333:trail/acme-org-trail\"},\"requestID\":\"6f3a2c1e-0d55-4d7e-9a3b-0c1d2e3f4a5b\","
                + "\"eventID\":\"b1c2d3e4-f5a6-4b7c-8d9e-0f1a2b3c4d5e\",\"readOnly\":false,\"eventType\":\"AwsApiCall\",\"managementEvent\":true,"
                + "\"recipientAccountId\":\"111122223333\",\"eventCategory\":\"Management\"}"));
    }

    private static String advanced(String... selectors) {
        return "{\"trailName\":\"acme-org-trail\",\"advancedEventSelectors\":[" + String.join(",", selectors) + "]}";
    }

    private static final String MANAGEMENT = "{\"name\":\"Management events\",\"fieldSelectors\":[{\"field\":\"eventCategory\",\"equals\":[\"Management\"]}]}";

    private static String selector(String name, String... fieldSelectors) {
        return "{\"name\":\"" + name + "\",\"fieldSelectors\":[" + String.join(",", fieldSelectors) + "]}";
    }

    private static String field(String field, String op, String... values) {
        return "{\"field\":\"" + field + "\",\"" + op + "\":[\"" + String.join("\",\"", values) + "\"]}";
    }

    @Test
    void advancedSelectorsThatRecordOnlyReadManagementEventsDropTheWrites() {
        Tampering t = putEventSelectors(advanced(selector("Read-only management events",
                field("eventCategory", "equals", "Management"), field("readOnly", "equals", "true"))));
        assertThat(t).isEqualTo(new Tampering("event-selectors-narrowed", "acme-org-trail", Severity.HIGH,
                "changed the event selectors of CloudTrail trail 'acme-org-trail': records only ReadOnly management events"));
        // the basic form of the same says the same kind of thing
        assertThat(putEventSelectors("{\"trailName\":\"acme-org-trail\",\"eventSelectors\":[{\"readWriteType\":\"ReadOnly\","
                + "\"includeManagementEvents\":true,\"dataResources\":[],\"excludeManagementEventSources\":[]}]}").description())
                .endsWith(": records only ReadOnly events");
    }

    @Test
    void writeOnlyManagementAndExcludedSourcesAreReductionsToo() {
        Tampering t = putEventSelectors(advanced(selector("Writes without KMS",
                field("eventCategory", "equals", "Management"), field("readOnly", "equals", "false"),
                field("eventSource", "notEquals", "kms.amazonaws.com", "rdsdata.amazonaws.com"))));
        assertThat(t.description()).endsWith(": records only WriteOnly management events, excluded management events from kms.amazonaws.com,"
                + " excluded management events from rdsdata.amazonaws.com");
        assertThat(t.severity()).isEqualTo(Severity.HIGH);
    }

    @Test
    void dataSelectorsThatKeepOnlyOneSideAreMediumReductions() {
        Tampering t = putEventSelectors(advanced(MANAGEMENT, selector("S3 writes only",
                field("eventCategory", "equals", "Data"), field("resources.type", "equals", "AWS::S3::Object"), field("readOnly", "equals", "false"))));
        assertThat(t).isEqualTo(new Tampering("event-selectors-narrowed", "acme-org-trail", Severity.MEDIUM,
                "changed the event selectors of CloudTrail trail 'acme-org-trail': records only WriteOnly data events of AWS::S3::Object"));
        // both sides by two selectors: nothing is dropped
        assertThat(putEventSelectors(advanced(MANAGEMENT,
                selector("S3 reads", field("eventCategory", "equals", "Data"), field("resources.type", "equals", "AWS::S3::Object"),
                        field("readOnly", "equals", "true")),
                selector("S3 writes", field("eventCategory", "equals", "Data"), field("resources.type", "equals", "AWS::S3::Object"),
                        field("readOnly", "equals", "false"))))).isNull();
    }

    @Test
    void aBasicDataResourceWithNoValuesRecordsNone() {
        Tampering t = putEventSelectors("{\"trailName\":\"acme-org-trail\",\"eventSelectors\":[{\"readWriteType\":\"All\",\"includeManagementEvents\":true,"
                + "\"dataResources\":[{\"type\":\"AWS::S3::Object\",\"values\":[]}],\"excludeManagementEventSources\":[]}]}");
        assertThat(t.severity()).isEqualTo(Severity.MEDIUM);
        assertThat(t.description()).endsWith(": a data selector for AWS::S3::Object names no resources, so records none");
        assertThat(putEventSelectors("{\"trailName\":\"acme-org-trail\",\"eventSelectors\":[{\"readWriteType\":\"All\",\"includeManagementEvents\":true,"
                + "\"dataResources\":[{\"type\":\"AWS::S3::Object\",\"values\":[\"arn:aws:s3\"]}],\"excludeManagementEventSources\":[]}]}")).isNull();
    }

    /** The old set is not in the log: a set without data selectors is how most trails are, not a visible reduction. */
    @Test
    void aSetWithAllManagementEventsAndNoDataSelectorsIsNotReported() {
        assertThat(putEventSelectors(advanced(MANAGEMENT))).isNull();
        assertThat(putEventSelectors("{\"trailName\":\"acme-org-trail\",\"eventSelectors\":[{\"readWriteType\":\"All\",\"includeManagementEvents\":true,"
                + "\"dataResources\":[],\"excludeManagementEventSources\":[]}]}")).isNull();
        assertThat(putEventSelectors(advanced(selector("Data only", field("eventCategory", "equals", "Data"),
                field("resources.type", "equals", "AWS::S3::Object")))).description())
                .endsWith(": advanced selectors record no management events");
    }

    private static Tampering setIamPolicy(String auditConfigDeltas) {
        return TamperingCatalog.classify(decode("{\"protoPayload\":{\"@type\":\"type.googleapis.com/google.cloud.audit.AuditLog\",\"status\":{},"
                + "\"authenticationInfo\":{\"principalEmail\":\"mallory@acme-corp.com\"},\"requestMetadata\":{\"callerIp\":\"203.0.113.7\","
                + "\"callerSuppliedUserAgent\":\"google-cloud-sdk gcloud/455.0.0 command/gcloud.projects.set-iam-policy\"},"
                + "\"serviceName\":\"cloudresourcemanager.googleapis.com\",\"methodName\":\"SetIamPolicy\",\"authorizationInfo\":[{"
                + "\"resource\":\"projects/acme-analytics\",\"permission\":\"resourcemanager.projects.setIamPolicy\",\"granted\":true,"
                + "\"resourceAttributes\":{}}],\"resourceName\":\"projects/acme-analytics\",\"serviceData\":{\"@type\":"
                + "\"type.googleapis.com/google.iam.v1.logging.AuditData\",\"policyDelta\":{\"auditConfigDeltas\":[" + auditConfigDeltas + "]}},"
                + "\"request\":{\"@type\":\"type.googleapis.com/google.iam.v1.SetIamPolicyRequest\",\"resource\":\"acme-analytics\","
                + "\"updateMask\":\"auditConfigs,etag\"},\"response\":{\"@type\":\"type.googleapis.com/google.iam.v1.Policy\",\"etag\":\"BwYQ2yRz8Xs=\"}},"
                + "\"insertId\":\"-x1y2z3e4f5\",\"resource\":{\"type\":\"project\",\"labels\":{\"project_id\":\"acme-analytics\"}},"
                + "\"timestamp\":\"2026-11-02T14:00:00.123456Z\",\"severity\":\"NOTICE\","
                + "\"logName\":\"projects/acme-analytics/logs/cloudaudit.googleapis.com%2Factivity\",\"receiveTimestamp\":\"2026-11-02T14:00:01.2Z\"}"));
    }

    @Test
    void exemptingAMemberFromDataAccessLogsIsTampering() {
        Tampering t = setIamPolicy("{\"action\":\"ADD\",\"service\":\"allServices\",\"exemptedMember\":\"user:mallory@acme-corp.com\",\"logType\":\"DATA_READ\"}");
        assertThat(t).isEqualTo(new Tampering("audit-log-exemption-added", "projects/acme-analytics", Severity.HIGH,
                "exempted user:mallory@acme-corp.com from DATA_READ logs of allServices on 'projects/acme-analytics', so their calls there go unlogged"));
    }

    @Test
    void removingALogTypeIsTamperingAndRemovingAnExemptionIsNot() {
        Tampering removed = setIamPolicy("{\"action\":\"REMOVE\",\"service\":\"storage.googleapis.com\",\"logType\":\"DATA_READ\"},"
                + "{\"action\":\"REMOVE\",\"service\":\"storage.googleapis.com\",\"logType\":\"DATA_WRITE\"}");
        assertThat(removed).isEqualTo(new Tampering("audit-config-removed", "projects/acme-analytics", Severity.HIGH,
                "removed DATA_READ logs of storage.googleapis.com, DATA_WRITE logs of storage.googleapis.com from 'projects/acme-analytics'"));
        assertThat(setIamPolicy("{\"action\":\"REMOVE\",\"service\":\"allServices\",\"exemptedMember\":\"user:ci@acme-corp.com\",\"logType\":\"DATA_READ\"}")).isNull();
        assertThat(setIamPolicy("{\"action\":\"ADD\",\"service\":\"allServices\",\"logType\":\"ADMIN_READ\"}")).isNull();
    }
}
