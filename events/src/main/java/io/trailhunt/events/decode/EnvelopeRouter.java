package io.trailhunt.events.decode;

import com.fasterxml.jackson.databind.JsonNode;
import io.trailhunt.events.decode.aws.CloudTrailDecoder;
import io.trailhunt.events.decode.azure.AzureLogDecoder;
import io.trailhunt.events.decode.gcp.GcpAuditLogDecoder;
import io.trailhunt.events.model.AuditEvent;
import io.trailhunt.events.model.DeadLetter;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Iterator;
import java.util.List;

/**
 * Recognises which envelope a JSON value is, by its fields, and hands each event inside it to the
 * decoder of its format. A bad event inside a good envelope costs only itself: it becomes a dead
 * letter whose origin names its position ({@code file.json.gz#Records[17]}).
 *
 * <p>Envelopes: CloudTrail's S3 delivery file {@code {"Records":[...]}}, a JSON array of events,
 * EventBridge ({@code detail-type} + {@code detail}), a CloudWatch Logs subscription payload
 * ({@code logEvents[].message}), the LookupEvents API shape ({@code CloudTrailEvent} as a JSON
 * string), the Azure diagnostic-settings envelope {@code {"records":[...]}}, a Pub/Sub push
 * message ({@code message.data} in base64), and bare events of every format.
 */
final class EnvelopeRouter {
    private static final String EVENTBRIDGE_CLOUDTRAIL_SUFFIX = "via CloudTrail";

    private final RecordDecoder owner;
    private final DecoderLimits limits;
    private final FormatDecoder cloudTrail = new CloudTrailDecoder();
    private final FormatDecoder gcp = new GcpAuditLogDecoder();
    private final FormatDecoder azure = new AzureLogDecoder();

    EnvelopeRouter(RecordDecoder owner, DecoderLimits limits) {
        this.owner = owner;
        this.limits = limits;
    }

    /**
     * @param raw the input bytes when {@code node} is the whole record, so its dead letter shows
     *            the input as it came; null for a value among several (re-serialized instead)
     */
    void route(JsonNode node, String origin, DecodeOutput out, int nesting, byte[] raw) {
        if (node.isArray()) {
            for (int i = 0; i < node.size(); i++) {
                routeOne(node.get(i), origin + "#[" + i + "]", out, nesting, null);
            }
            return;
        }
        routeOne(node, origin, out, nesting, raw);
    }

    private void routeOne(JsonNode node, String origin, DecodeOutput out, int nesting, byte[] raw) {
        try {
            if (!node.isObject()) {
                throw new RecordRejectedException("JSON " + node.getNodeType().name().toLowerCase() + " where an audit event object was expected");
            }
            JsonNode records = Json.array(node, "Records");
            if (records != null) {
                each(records, origin + "#Records", cloudTrail, out);
                return;
            }
            JsonNode azureRecords = Json.array(node, "records");
            if (azureRecords != null) {
                each(azureRecords, origin + "#records", azure, out);
                return;
            }
            if (node.has("logEvents")) {
                cloudWatchLogs(node, origin, out);
                return;
            }
            if (node.has("detail-type")) {
                eventBridge(node, origin, out);
                return;
            }
            String embedded = Json.text(node, "CloudTrailEvent");
            if (embedded != null) {
                emit(cloudTrail, owner.parseEmbedded(embedded, "CloudTrailEvent"), origin, out);
                return;
            }
            JsonNode pubSubData = Json.at(node, "message", "data");
            if (pubSubData != null && pubSubData.isTextual()) {
                pubSub(pubSubData.textValue(), origin, out, nesting);
                return;
            }
            FormatDecoder format = formatOf(node);
            if (format == null) {
                throw new RecordRejectedException("not a recognised audit log format: JSON object with fields " + fieldNames(node));
            }
            emit(format, node, origin, out);
        } catch (RecordRejectedException e) {
            reject(node, raw, origin, e.getMessage(), out);
        }
    }

    /** Which bare-event format a JSON object is, by the fields each format always has. */
    private FormatDecoder formatOf(JsonNode n) {
        // LogEntries with another payload, or with lower-cased keys, go to the GCP decoder too,
        // which names them as such.
        if (n.has("protoPayload") || n.has("protopayload")
                || (n.has("logName") && (n.has("jsonPayload") || n.has("textPayload")))) {
            return gcp;
        }
        // insightDetails: CloudTrail Insight events name the API only inside it.
        int cloudTrailFields = (n.has("eventName") ? 1 : 0) + (n.has("eventSource") ? 1 : 0)
                + (n.has("userIdentity") ? 1 : 0) + (n.has("eventVersion") ? 1 : 0) + (n.has("insightDetails") ? 1 : 0);
        if (cloudTrailFields >= 2) {
            return cloudTrail;
        }
        boolean azureResourceLog = n.has("operationName") && (n.has("time") || n.has("category") || n.has("resourceId"));
        boolean azureActivityApi = (n.has("eventTimestamp") || n.has("event_timestamp"))
                && (n.has("operationName") || n.has("operation_name"));
        // Look-alikes (Sentinel table rows, lower-cased data-lake copies, Microsoft 365 records) are
        // named and rejected by the Azure decoder rather than reported as unrecognised JSON.
        boolean azureLookalike = n.has("operationname") || n.has("OperationName") || (n.has("Workload") && n.has("Operation"));
        if (azureResourceLog || azureActivityApi || azureLookalike) {
            return azure;
        }
        return null;
    }

    private void each(JsonNode array, String origin, FormatDecoder format, DecodeOutput out) {
        for (int i = 0; i < array.size(); i++) {
            JsonNode rec = array.get(i);
            String at = origin + "[" + i + "]";
            try {
                if (!rec.isObject()) {
                    throw new RecordRejectedException("JSON " + rec.getNodeType().name().toLowerCase() + " where an audit event object was expected");
                }
                emit(format, rec, at, out);
            } catch (RecordRejectedException e) {
                reject(rec, null, at, e.getMessage(), out);
            }
        }
    }

    private void emit(FormatDecoder format, JsonNode record, String origin, DecodeOutput out) throws RecordRejectedException {
        AuditEvent event;
        try {
            event = format.decode(record, origin);
        } catch (RuntimeException e) {
            // A decoder bug costs this event only, not the rest of its envelope; the reason says it is a bug.
            throw new RecordRejectedException("internal decoder error: " + e);
        }
        out.event(event);
    }

    /** CloudWatch Logs subscription data: each logEvents[].message holds one CloudTrail event as a string. */
    private void cloudWatchLogs(JsonNode node, String origin, DecodeOutput out) throws RecordRejectedException {
        if ("CONTROL_MESSAGE".equals(Json.text(node, "messageType"))) {
            return; // CloudWatch's reachability check when a subscription is created: not an event
        }
        JsonNode events = Json.array(node, "logEvents");
        if (events == null) {
            throw new RecordRejectedException("CloudWatch Logs payload without a logEvents array");
        }
        for (int i = 0; i < events.size(); i++) {
            JsonNode logEvent = events.get(i);
            String at = origin + "#logEvents[" + i + "]";
            try {
                String message = Json.text(logEvent, "message");
                if (message == null) {
                    throw new RecordRejectedException("CloudWatch log event without a message");
                }
                JsonNode event = owner.parseEmbedded(message, "logEvents[].message");
                if (!event.isObject() || formatOf(event) != cloudTrail) {
                    throw new RecordRejectedException("CloudWatch log event message is not a CloudTrail event");
                }
                emit(cloudTrail, event, at, out);
            } catch (RecordRejectedException e) {
                reject(logEvent, null, at, e.getMessage(), out);
            }
        }
    }

    private void eventBridge(JsonNode node, String origin, DecodeOutput out) throws RecordRejectedException {
        String detailType = Json.text(node, "detail-type");
        JsonNode detail = Json.object(node, "detail");
        if (detailType == null || !detailType.endsWith(EVENTBRIDGE_CLOUDTRAIL_SUFFIX) || detail == null) {
            throw new RecordRejectedException("EventBridge event of type '" + detailType + "' is not a CloudTrail event");
        }
        emit(cloudTrail, detail, origin, out);
    }

    private void pubSub(String base64, String origin, DecodeOutput out, int nesting) throws RecordRejectedException {
        byte[] data;
        try {
            data = Base64.getDecoder().decode(base64);
        } catch (IllegalArgumentException e) {
            throw new RecordRejectedException("Pub/Sub message.data is not base64: " + e.getMessage());
        }
        owner.decode(data, origin + "#message.data", out, nesting + 1);
    }

    private void reject(JsonNode node, byte[] input, String origin, String reason, DecodeOutput out) {
        byte[] raw = input != null ? input : node.toString().getBytes(StandardCharsets.UTF_8);
        out.deadLetter(new DeadLetter(reason, origin, RawPrefix.of(raw, limits.deadLetterPrefixBytes), raw.length, null));
    }

    private static String fieldNames(JsonNode node) {
        List<String> names = new ArrayList<>();
        Iterator<String> it = node.fieldNames();
        while (it.hasNext() && names.size() < 8) {
            names.add(it.next());
        }
        if (it.hasNext()) {
            names.add("...");
        }
        return names.toString();
    }
}
