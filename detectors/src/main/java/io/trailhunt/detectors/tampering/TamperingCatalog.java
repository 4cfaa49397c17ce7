package io.trailhunt.detectors.tampering;

import io.trailhunt.events.model.AuditEvent;
import io.trailhunt.events.model.Cloud;
import io.trailhunt.events.model.Severity;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * Recognises calls that stop, delete or weaken audit logging, on every cloud. Pure functions of
 * one event; the detector adds the memory of failed attempts.
 */
public final class TamperingCatalog {
    private static final Set<String> CANDIDATE_ACTIONS = Set.of(
            "stoplogging", "deletetrail", "updatetrail", "puteventselectors", "deleteflowlogs",
            "deleteresolverquerylogconfig", "stopconfigurationrecorder", "deleteconfigurationrecorder", "deletedeliverychannel",
            "google.logging.v2.configservicev2.deletesink", "google.logging.v2.configservicev2.updatesink",
            "google.logging.v2.configservicev2.deletebucket", "google.logging.v2.configservicev2.createexclusion",
            "google.logging.v2.configservicev2.updateexclusion", "google.logging.v2.loggingservicev2.deletelog",
            "setiampolicy",
            "microsoft.insights/diagnosticsettings/delete", "microsoft.aadiam/diagnosticsettings/delete",
            "microsoft.insights/logprofiles/delete");

    private TamperingCatalog() {}

    /** Cheap first test: could this event be tampering at all? */
    public static boolean isCandidate(AuditEvent e) {
        return e.action != null && CANDIDATE_ACTIONS.contains(e.action.toLowerCase(Locale.ROOT));
    }

    /** The tampering this call amounts to if it succeeded, or null when it is not tampering. */
    public static Tampering classify(AuditEvent e) {
        if (!isCandidate(e)) {
            return null;
        }
        if (e.cloud == Cloud.AWS) {
            return aws(e);
        }
        if (e.cloud == Cloud.GCP) {
            return gcp(e);
        }
        return azure(e);
    }

    private static Tampering aws(AuditEvent e) {
        String trail = e.resource("trailName");
        switch (e.action) {
            case "StopLogging":
                return new Tampering("trail-stopped", trail, Severity.HIGH, "stopped CloudTrail trail " + quote(trail));
            case "DeleteTrail":
                return new Tampering("trail-deleted", trail, Severity.HIGH, "deleted CloudTrail trail " + quote(trail));
            case "UpdateTrail":
                return trailUpdate(e, trail);
            case "PutEventSelectors":
                return eventSelectors(e, trail);
            case "DeleteFlowLogs":
                String flowLog = firstParam(e, "DeleteFlowLogsRequest.FlowLogId.content", "flowLogIds.0", "DeleteFlowLogsRequest.FlowLogId.1.content");
                return new Tampering("flow-logs-deleted", flowLog, Severity.MEDIUM, "deleted VPC flow log " + quote(flowLog));
            case "DeleteResolverQueryLogConfig":
                String config = e.param("resolverQueryLogConfigId");
                return new Tampering("dns-query-logs-deleted", config, Severity.MEDIUM, "deleted Route 53 Resolver query logging " + quote(config));
            case "StopConfigurationRecorder":
            case "DeleteConfigurationRecorder":
                String recorder = e.param("configurationRecorderName");
                return new Tampering("config-recorder-stopped", recorder, Severity.MEDIUM,
                        (e.action.startsWith("Stop") ? "stopped" : "deleted") + " AWS Config recorder " + quote(recorder));
            case "DeleteDeliveryChannel":
                String channel = e.param("deliveryChannelName");
                return new Tampering("config-delivery-deleted", channel, Severity.MEDIUM, "deleted AWS Config delivery channel " + quote(channel));
            default:
                return null;
        }
    }

    /** UpdateTrail is routine unless it narrows what is recorded or moves where logs go. */
    private static Tampering trailUpdate(AuditEvent e, String trail) {
        List<String> weakened = new ArrayList<>();
        if ("false".equalsIgnoreCase(e.param("isMultiRegionTrail"))) {
            weakened.add("made it single-region");
        }
        if ("false".equalsIgnoreCase(e.param("includeGlobalServiceEvents"))) {
            weakened.add("dropped global service events (IAM, STS)");
        }
        if ("false".equalsIgnoreCase(e.param("enableLogFileValidation"))) {
            weakened.add("turned off log file validation");
        }
        if (e.param("s3BucketName") != null) {
            weakened.add("sent its logs to bucket '" + e.param("s3BucketName") + "'");
        }
        if (weakened.isEmpty()) {
            return null;
        }
        return new Tampering("trail-weakened", trail, Severity.MEDIUM, "updated CloudTrail trail " + quote(trail) + ": " + String.join(", ", weakened));
    }

    /** PutEventSelectors whose new selector set visibly records less (EventSelectorReductions). */
    private static Tampering eventSelectors(AuditEvent e, String trail) {
        List<String> dropped = EventSelectorReductions.of(e.params);
        if (dropped.isEmpty()) {
            return null;
        }
        boolean dataOnly = dropped.stream().allMatch(d -> d.contains("data events") || d.startsWith("a data selector"));
        return new Tampering("event-selectors-narrowed", trail, dataOnly ? Severity.MEDIUM : Severity.HIGH,
                "changed the event selectors of CloudTrail trail " + quote(trail) + ": " + String.join(", ", dropped));
    }

    private static Tampering gcp(AuditEvent e) {
        String method = e.action;
        String resource = e.resource("resourceName");
        if (method.endsWith("ConfigServiceV2.DeleteSink")) {
            return new Tampering("log-sink-deleted", resource, Severity.HIGH, "deleted logging sink " + quote(resource));
        }
        if (method.endsWith("ConfigServiceV2.UpdateSink")) {
            boolean disabled = "true".equalsIgnoreCase(e.param("request.sink.disabled"));
            return new Tampering("log-sink-updated", resource, disabled ? Severity.HIGH : Severity.MEDIUM,
                    (disabled ? "disabled" : "changed") + " logging sink " + quote(resource));
        }
        if (method.endsWith("ConfigServiceV2.DeleteBucket")) {
            return new Tampering("log-bucket-deleted", resource, Severity.HIGH, "deleted log bucket " + quote(resource));
        }
        if (method.endsWith("ConfigServiceV2.CreateExclusion") || method.endsWith("ConfigServiceV2.UpdateExclusion")) {
            return new Tampering("log-exclusion-set", resource, Severity.MEDIUM, "set a log exclusion " + quote(resource) + " that stops logs being stored");
        }
        if (method.endsWith("LoggingServiceV2.DeleteLog")) {
            return new Tampering("log-deleted", resource, Severity.HIGH, "deleted log " + quote(resource));
        }
        if (method.equalsIgnoreCase("SetIamPolicy")) {
            return auditConfigChange(e, resource);
        }
        return null;
    }

    /**
     * SetIamPolicy's audit config deltas that log less: a log type removed, or a member exempted
     * from one (its calls then go unlogged). Removing an exemption or adding a log type logs more.
     */
    private static Tampering auditConfigChange(AuditEvent e, String resource) {
        List<String> removed = new ArrayList<>();
        List<String> exempted = new ArrayList<>();
        for (int i = 0; ; i++) {
            String at = AUDIT_CONFIG_DELTAS + i + ".";
            String action = e.param(at + "action");
            if (action == null) {
                break;
            }
            String logType = e.param(at + "logType");
            String service = e.param(at + "service");
            String what = (logType == null ? "audit" : logType) + " logs of " + (service == null ? "(service not logged)" : service);
            String member = e.param(at + "exemptedMember");
            if ("REMOVE".equalsIgnoreCase(action) && member == null) {
                addOnce(removed, what);
            } else if ("ADD".equalsIgnoreCase(action) && member != null) {
                addOnce(exempted, member + " from " + what);
            }
        }
        if (!removed.isEmpty()) {
            return new Tampering("audit-config-removed", resource, Severity.HIGH, "removed " + String.join(", ", removed) + " from " + quote(resource)
                    + (exempted.isEmpty() ? "" : " and exempted " + String.join(", ", exempted)));
        }
        if (!exempted.isEmpty()) {
            return new Tampering("audit-log-exemption-added", resource, Severity.HIGH, "exempted " + String.join(", ", exempted) + " on "
                    + quote(resource) + ", so their calls there go unlogged");
        }
        return null;
    }

    private static final String AUDIT_CONFIG_DELTAS = "serviceData.policyDelta.auditConfigDeltas.";

    private static Tampering azure(AuditEvent e) {
        String resource = e.resource("resourceId");
        String op = e.action.toLowerCase(Locale.ROOT);
        if (op.endsWith("/diagnosticsettings/delete")) {
            return new Tampering("diagnostic-setting-deleted", resource, Severity.HIGH, "deleted diagnostic setting " + quote(resource));
        }
        if (op.equals("microsoft.insights/logprofiles/delete")) {
            return new Tampering("log-profile-deleted", resource, Severity.HIGH, "deleted Activity Log profile " + quote(resource));
        }
        return null;
    }

    private static String firstParam(AuditEvent e, String... keys) {
        for (String k : keys) {
            String v = e.param(k);
            if (v != null) {
                return v;
            }
        }
        return null;
    }

    static void addOnce(List<String> list, String s) {
        if (!list.contains(s)) {
            list.add(s);
        }
    }

    private static String quote(String s) {
        return s == null ? "(name not logged)" : "'" + s + "'";
    }
}
