package io.trailhunt.events.decode.gcp;

import com.fasterxml.jackson.databind.JsonNode;
import io.trailhunt.events.decode.EventIds;
import io.trailhunt.events.decode.Flattener;
import io.trailhunt.events.decode.FormatDecoder;
import io.trailhunt.events.decode.Json;
import io.trailhunt.events.decode.RecordRejectedException;
import io.trailhunt.events.decode.Timestamps;
import io.trailhunt.events.model.AuditEvent;
import io.trailhunt.events.model.Cloud;
import io.trailhunt.events.model.Outcome;

import java.util.Locale;

/**
 * GCP Cloud Audit Log entries (a LogEntry whose protoPayload is a google.cloud.audit.AuditLog) to
 * AuditEvents. Accepts the LogEntry as Cloud Logging writes it (sinks, Pub/Sub) and Panther's
 * export, which spells {@code @type} as {@code at_sign_type}.
 */
public final class GcpAuditLogDecoder implements FormatDecoder {
    static final String AUDIT_LOG_TYPE = "type.googleapis.com/google.cloud.audit.AuditLog";
    /**
     * The request gets at most this many params so that a large SetIamPolicy request cannot
     * crowd out the policy delta in serviceData/metadata, which is what rules read.
     */
    static final int REQUEST_PARAM_BUDGET = 32;
    private static final int MAX_MESSAGE = 256;

    @Override
    public AuditEvent decode(JsonNode entry, String origin) throws RecordRejectedException {
        JsonNode payload = auditLog(entry);
        AuditEvent e = new AuditEvent();
        e.cloud = Cloud.GCP;
        e.origin = origin;
        e.eventTime = eventTime(entry);
        String insertId = Json.text(entry, "insertId");
        e.eventId = insertId != null ? insertId : EventIds.fromContent(entry);

        String logName = Json.text(entry, "logName");
        JsonNode labels = Json.object(entry, "resource", "labels");
        e.account = GcpLogNames.account(Json.text(labels, "project_id"), logName);
        e.category = GcpLogNames.category(logName);

        JsonNode meta = Json.object(payload, "requestMetadata");
        e.sourceIp = Json.firstText(meta, "callerIp", "callerIP");
        e.userAgent = Json.text(meta, "callerSuppliedUserAgent");
        e.service = Json.text(payload, "serviceName");
        e.action = Json.text(payload, "methodName");
        e.region = Json.firstText(labels, "location", "region", "zone");
        outcome(Json.object(payload, "status"), e);
        GcpPrincipal.apply(Json.at(payload, "authenticationInfo"), e.service, e);
        GcpResources.collect(payload, labels, e);

        Flattener.flatten(Json.at(payload, "request"), "request", e.params,
                Math.min(e.params.size() + REQUEST_PARAM_BUDGET, Flattener.DEFAULT_MAX_ENTRIES));
        Flattener.flatten(Json.at(payload, "serviceData"), "serviceData", e.params, Flattener.DEFAULT_MAX_ENTRIES);
        Flattener.flatten(Json.at(payload, "metadata"), "metadata", e.params, Flattener.DEFAULT_MAX_ENTRIES);
        return e;
    }

    /** The protoPayload, once it is known to be an AuditLog. */
    private static JsonNode auditLog(JsonNode entry) throws RecordRejectedException {
        if ((entry.has("protopayload") && !entry.has("protoPayload")) || (entry.has("insertid") && !entry.has("insertId"))
                || (entry.has("logname") && !entry.has("logName"))) {
            throw new RecordRejectedException("GCP LogEntry with lower-cased field names ('protopayload', 'insertid',"
                    + " 'logname', ...), as a data lake rewrote them, not as Cloud Logging writes them");
        }
        JsonNode payload = Json.at(entry, "protoPayload");
        if (payload == null) {
            String other = entry.has("jsonPayload") ? "jsonPayload" : entry.has("textPayload") ? "textPayload" : null;
            throw new RecordRejectedException(other == null
                    ? "GCP LogEntry without a protoPayload: not a Cloud Audit Log"
                    : "GCP LogEntry with a " + other + ": not a Cloud Audit Log (no protoPayload)");
        }
        if (!payload.isObject()) {
            throw new RecordRejectedException("GCP protoPayload is a JSON " + payload.getNodeType().name().toLowerCase(Locale.ROOT)
                    + ", not an object");
        }
        String type = Json.firstText(payload, "@type", "at_sign_type");
        if (type == null) {
            // Exports that drop the type annotation: accept what still has the AuditLog's own fields.
            if (!payload.has("methodName") && !payload.has("serviceName")) {
                throw new RecordRejectedException("GCP protoPayload has no '@type' and none of the AuditLog fields"
                        + " 'methodName', 'serviceName'");
            }
        } else if (!AUDIT_LOG_TYPE.equals(type)) {
            throw new RecordRejectedException("GCP protoPayload is a '" + type + "', not a Cloud Audit Log ("
                    + AUDIT_LOG_TYPE + ")");
        }
        return payload;
    }

    /** When the call happened; receiveTimestamp (when Logging got it) only when the entry has no timestamp. */
    private static long eventTime(JsonNode entry) throws RecordRejectedException {
        String timestamp = Json.text(entry, "timestamp");
        if (timestamp != null) {
            return Timestamps.parse(timestamp, "timestamp");
        }
        String received = Json.text(entry, "receiveTimestamp");
        if (received != null) {
            return Timestamps.parse(received, "receiveTimestamp");
        }
        throw new RecordRejectedException("no event time: fields 'timestamp' and 'receiveTimestamp' are missing");
    }

    /** A google.rpc.Status with a non-zero code is a failure; no status, or code 0, is success. */
    private static void outcome(JsonNode status, AuditEvent e) {
        JsonNode code = Json.at(status, "code");
        if (code == null) {
            e.outcome = Outcome.SUCCESS;
            return;
        }
        String name;
        if (code.isIntegralNumber() || (code.isTextual() && isDigits(code.textValue()))) {
            int c = code.asInt();
            if (c == 0) {
                e.outcome = Outcome.SUCCESS;
                return;
            }
            name = GrpcCodes.name(c);
        } else {
            name = code.asText(); // some exports write the enum name
            if ("OK".equals(name)) {
                e.outcome = Outcome.SUCCESS;
                return;
            }
        }
        e.outcome = Outcome.FAILURE;
        e.errorCode = name;
        e.errorMessage = clip(Json.text(status, "message"));
    }

    private static boolean isDigits(String s) {
        if (s.isEmpty() || s.length() > 9) {
            return false;
        }
        for (int i = 0; i < s.length(); i++) {
            if (s.charAt(i) < '0' || s.charAt(i) > '9') {
                return false;
            }
        }
        return true;
    }

    private static String clip(String s) {
        return s == null || s.length() <= MAX_MESSAGE ? s : s.substring(0, MAX_MESSAGE);
    }
}
