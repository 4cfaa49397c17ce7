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
 * PutEventSelectors as CloudTrail logs it (request shapes from the CloudTrail API reference's
 * advanced and basic selector examples), through the decoder: what one call's new selector set
 * leaves out.
 */
class EventSelectorRecordsTest {
    private static AuditEvent record(String requestParameters) {
        String json = "{\"eventVersion\":\"1.09\",\"userIdentity\":{\"type\":\"IAMUser\",\"principalId\":\"AIDAEXAMPLE\","
                + "\"arn\":\"arn:aws:iam::111122223333:user/mallory\",\"accountId\":\"111122223333\",\"userName\":\"mallory\"},"
                + "\"eventTime\":\"2026-11-02T10:00:00Z\",\"eventSource\":\"cloudtrail.amazonaws.com\",\"eventName\":\"PutEventSelectors\","
                + "\"awsRegion\":\"us-east-1\",\"sourceIPAddress\":\"198.51.100.7\",\"userAgent\":\"aws-cli/2.15.30\","
                + "\"requestParameters\":" + requestParameters + ",\"responseElements\":null,"
                + "\"eventID\":\"9d1c4a3e-0000-4000-8000-000000000001\",\"readOnly\":false,\"eventType\":\"AwsApiCall\","
                + "\"managementEvent\":true,\"recipientAccountId\":\"111122223333\",\"eventCategory\":\"Management\"}";
        List<Decoded> out = new RecordDecoder(DecoderLimits.defaults()).decode(json.getBytes(StandardCharsets.UTF_8), "test");
        assertThat(out).hasSize(1);
        assertThat(out.get(0).event).isNotNull();
        return out.get(0).event;
    }

    @Test
    void advancedSelectorsRecordingOnlyReadManagementEventsDropTheWrites() {
        Tampering t = TamperingCatalog.classify(record("{\"trailName\":\"acme-org-trail\",\"advancedEventSelectors\":[{\"name\":\"reads\","
                + "\"fieldSelectors\":[{\"field\":\"eventCategory\",\"equals\":[\"Management\"]},{\"field\":\"readOnly\",\"equals\":[\"true\"]}]}]}"));
        assertThat(t.severity()).isEqualTo(Severity.HIGH);
        assertThat(t.description()).isEqualTo("changed the event selectors of CloudTrail trail 'acme-org-trail': records only read management events");
    }

    @Test
    void advancedSelectorsExcludingAnEventSourceFromManagementEvents() {
        Tampering t = TamperingCatalog.classify(record("{\"trailName\":\"acme-org-trail\",\"advancedEventSelectors\":[{\"name\":\"no kms\","
                + "\"fieldSelectors\":[{\"field\":\"eventCategory\",\"equals\":[\"Management\"]},"
                + "{\"field\":\"eventSource\",\"notEquals\":[\"kms.amazonaws.com\",\"rdsdata.amazonaws.com\"]}]}]}"));
        assertThat(t.severity()).isEqualTo(Severity.HIGH);
        assertThat(t.description()).endsWith(": excluded kms.amazonaws.com, rdsdata.amazonaws.com (eventSource notEquals) from management events");
    }

    @Test
    void dataSelectorsThatLeaveOutABucketOrTheWritesAreMedium() {
        Tampering t = TamperingCatalog.classify(record("{\"trailName\":\"acme-org-trail\",\"advancedEventSelectors\":["
                + "{\"name\":\"management\",\"fieldSelectors\":[{\"field\":\"eventCategory\",\"equals\":[\"Management\"]}]},"
                + "{\"name\":\"s3 but exports\",\"fieldSelectors\":[{\"field\":\"eventCategory\",\"equals\":[\"Data\"]},"
                + "{\"field\":\"resources.type\",\"equals\":[\"AWS::S3::Object\"]},"
                + "{\"field\":\"resources.ARN\",\"notStartsWith\":[\"arn:aws:s3:::acme-customer-exports/\"]},"
                + "{\"field\":\"readOnly\",\"equals\":[\"true\"]}]}]}"));
        assertThat(t.severity()).isEqualTo(Severity.MEDIUM);
        assertThat(t.description()).endsWith(": excluded arn:aws:s3:::acme-customer-exports/ (resources.ARN notStartsWith) from data events"
                + " of AWS::S3::Object, records only read data events of AWS::S3::Object");
    }

    @Test
    void aWholeManagementTrailWithOrWithoutDataEventsIsNotTampering() {
        // management only: the usual trail; one call cannot show data events were recorded before
        assertThat(TamperingCatalog.classify(record("{\"trailName\":\"acme-org-trail\",\"advancedEventSelectors\":[{\"name\":\"all management\","
                + "\"fieldSelectors\":[{\"field\":\"eventCategory\",\"equals\":[\"Management\"]}]}]}"))).isNull();
        assertThat(TamperingCatalog.classify(record("{\"trailName\":\"acme-org-trail\",\"eventSelectors\":[{\"readWriteType\":\"All\","
                + "\"includeManagementEvents\":true,\"dataResources\":[]}]}"))).isNull();
        assertThat(TamperingCatalog.classify(record("{\"trailName\":\"acme-org-trail\",\"advancedEventSelectors\":["
                + "{\"name\":\"management\",\"fieldSelectors\":[{\"field\":\"eventCategory\",\"equals\":[\"Management\"]}]},"
                + "{\"name\":\"all s3\",\"fieldSelectors\":[{\"field\":\"eventCategory\",\"equals\":[\"Data\"]},"
                + "{\"field\":\"resources.type\",\"equals\":[\"AWS::S3::Object\"]}]}]}"))).isNull();
    }
}
