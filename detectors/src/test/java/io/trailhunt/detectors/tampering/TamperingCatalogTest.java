package io.trailhunt.detectors.tampering;

import io.trailhunt.events.model.Severity;
import io.trailhunt.events.testing.EventBuilder;
import org.junit.jupiter.api.Test;

import static io.trailhunt.events.testing.EventBuilder.aws;
import static io.trailhunt.events.testing.EventBuilder.azure;
import static io.trailhunt.events.testing.EventBuilder.gcp;
import static org.assertj.core.api.Assertions.assertThat;

class TamperingCatalogTest {

    @Test
    void stoppingAndDeletingTrailsIsTampering() {
        Tampering stop = TamperingCatalog.classify(aws("cloudtrail.amazonaws.com", "StopLogging").resource("trailName", "main").build());
        assertThat(stop).isEqualTo(new Tampering("trail-stopped", "main", Severity.HIGH, "stopped CloudTrail trail 'main'"));
        assertThat(TamperingCatalog.classify(aws("cloudtrail.amazonaws.com", "DeleteTrail").build()).kind()).isEqualTo("trail-deleted");
    }

    @Test
    void updateTrailCountsOnlyWhenItWeakensTheTrail() {
        assertThat(TamperingCatalog.classify(aws("cloudtrail.amazonaws.com", "UpdateTrail").param("name", "main").param("kmsKeyId", "k").build())).isNull();
        Tampering t = TamperingCatalog.classify(aws("cloudtrail.amazonaws.com", "UpdateTrail").resource("trailName", "main")
                .param("isMultiRegionTrail", "false").param("enableLogFileValidation", "false").build());
        assertThat(t.kind()).isEqualTo("trail-weakened");
        assertThat(t.description()).isEqualTo("updated CloudTrail trail 'main': made it single-region, turned off log file validation");
    }

    @Test
    void eventSelectorsThatDropManagementEventsAreTampering() {
        // the stratus-red-team detonation: management events off, read-only
        EventBuilder narrowed = aws("cloudtrail.amazonaws.com", "PutEventSelectors").resource("trailName", "t")
                .param("eventSelectors.0.dataResources.0.type", "AWS::S3::Object")
                .param("eventSelectors.0.includeManagementEvents", "false")
                .param("eventSelectors.0.readWriteType", "ReadOnly");
        assertThat(TamperingCatalog.classify(narrowed.build()).description())
                .isEqualTo("changed the event selectors of CloudTrail trail 't': stopped recording management events, records only ReadOnly events, a data selector for AWS::S3::Object names no resources, so records none");

        EventBuilder full = aws("cloudtrail.amazonaws.com", "PutEventSelectors")
                .param("eventSelectors.0.includeManagementEvents", "true").param("eventSelectors.0.readWriteType", "All");
        assertThat(TamperingCatalog.classify(full.build())).isNull();

        EventBuilder advancedWithoutManagement = aws("cloudtrail.amazonaws.com", "PutEventSelectors")
                .param("advancedEventSelectors.0.fieldSelectors.0.field", "eventCategory")
                .param("advancedEventSelectors.0.fieldSelectors.0.equals.0", "Data");
        assertThat(TamperingCatalog.classify(advancedWithoutManagement.build()).kind()).isEqualTo("event-selectors-narrowed");
    }

    @Test
    void otherAwsLogsAndTheOtherClouds() {
        assertThat(TamperingCatalog.classify(aws("ec2.amazonaws.com", "DeleteFlowLogs")
                .param("DeleteFlowLogsRequest.FlowLogId.content", "fl-1").build()).target()).isEqualTo("fl-1");
        assertThat(TamperingCatalog.classify(aws("route53resolver.amazonaws.com", "DeleteResolverQueryLogConfig").build()).kind())
                .isEqualTo("dns-query-logs-deleted");
        assertThat(TamperingCatalog.classify(gcp("logging.googleapis.com", "google.logging.v2.ConfigServiceV2.DeleteSink")
                .resource("resourceName", "projects/p/sinks/s").build()).kind()).isEqualTo("log-sink-deleted");
        assertThat(TamperingCatalog.classify(gcp("logging.googleapis.com", "google.logging.v2.ConfigServiceV2.UpdateSink")
                .param("request.sink.disabled", "true").build()).severity()).isEqualTo(Severity.HIGH);
        assertThat(TamperingCatalog.classify(gcp("cloudresourcemanager.googleapis.com", "SetIamPolicy")
                .param("serviceData.policyDelta.auditConfigDeltas.0.action", "REMOVE").build()).kind()).isEqualTo("audit-config-removed");
        assertThat(TamperingCatalog.classify(gcp("cloudresourcemanager.googleapis.com", "SetIamPolicy")
                .param("serviceData.policyDelta.bindingDeltas.0.action", "ADD").build())).isNull();
        assertThat(TamperingCatalog.classify(azure("Microsoft.Insights", "microsoft.insights/diagnosticsettings/delete").build()).kind())
                .isEqualTo("diagnostic-setting-deleted");
    }

    @Test
    void ordinaryCallsAreNotCandidates() {
        assertThat(TamperingCatalog.isCandidate(aws("s3.amazonaws.com", "GetObject").build())).isFalse();
        assertThat(TamperingCatalog.isCandidate(aws("cloudtrail.amazonaws.com", "DescribeTrails").build())).isFalse();
    }
}
