package io.trailhunt.events.decode.azure;

import com.fasterxml.jackson.databind.JsonNode;
import io.trailhunt.events.decode.FormatDecoder;
import io.trailhunt.events.decode.Json;
import io.trailhunt.events.decode.RecordRejectedException;
import io.trailhunt.events.decode.Timestamps;
import io.trailhunt.events.model.AuditEvent;
import io.trailhunt.events.model.Category;
import io.trailhunt.events.model.Cloud;
import io.trailhunt.events.model.Outcome;

/**
 * Azure Storage request logs (categories StorageRead, StorageWrite, StorageDelete; the
 * StorageBlobLogs schema) in the resource-log shape: one data-plane request per record.
 */
final class StorageLogDecoder implements FormatDecoder {
    static final String SERVICE = "Microsoft.Storage";

    @Override
    public AuditEvent decode(JsonNode r, String origin) throws RecordRejectedException {
        JsonNode p = Json.object(r, "properties");
        AuditEvent e = new AuditEvent();
        e.cloud = Cloud.AZURE;
        e.origin = origin;
        e.category = Category.DATA;
        e.eventTime = Timestamps.parse(Json.text(r, "time"), "time");
        e.eventId = AzureFields.eventId(requestId(r, p), r);
        e.account = AzureFields.subscription(Json.text(r, "resourceId"));
        e.service = SERVICE;
        e.action = AzureFields.valueText(r, "operationName");
        e.sourceIp = AzureFields.bareAddress(Json.text(r, "callerIpAddress"));
        e.userAgent = Json.text(p, "userAgentHeader");
        e.region = Json.text(r, "location");
        StorageTarget.collect(Json.text(p, "accountName"), Json.text(p, "objectKey"), Json.text(r, "uri"),
                Json.text(p, "serviceType"), e.resources);
        StoragePrincipal.apply(Json.object(r, "identity"), e.resources.get("storageAccount"), e);
        outcome(r, p, e);
        params(r, p, e);
        return e;
    }

    /**
     * Storage's correlationId is the server request id (x-ms-request-id); a request that performs
     * several operations (a copy) logs one record per operation, numbered by operationCount.
     */
    private static String requestId(JsonNode r, JsonNode p) {
        String id = Json.text(r, "correlationId");
        if (id == null) {
            return null;
        }
        JsonNode count = Json.at(p, "operationCount");
        return count != null && count.asInt(0) > 0 ? id + "#" + count.asInt() : id;
    }

    /** HTTP 2xx and 3xx are successes; without a status code, the metric response type decides. */
    private static void outcome(JsonNode r, JsonNode p, AuditEvent e) {
        String statusText = Json.text(r, "statusText");
        String metric = Json.text(p, "metricResponseType");
        JsonNode sc = Json.at(r, "statusCode");
        int code = sc == null ? -1 : sc.asInt(-1);
        if (code > 0) {
            if (code >= 200 && code < 400) {
                e.outcome = Outcome.SUCCESS;
            } else {
                e.outcome = Outcome.FAILURE;
                e.errorCode = AzureFields.firstNonNull(statusText, metric, Integer.toString(code));
            }
        } else if (metric != null) {
            // Success, SASSuccess, AnonymousSuccess, ... versus AuthorizationError, ClientOtherError, ...
            boolean ok = metric.endsWith("Success");
            e.outcome = ok ? Outcome.SUCCESS : Outcome.FAILURE;
            e.errorCode = ok ? null : metric;
        } else {
            e.outcome = Outcome.UNKNOWN;
        }
    }

    private static void params(JsonNode r, JsonNode p, AuditEvent e) {
        put(e, "authenticationType", Json.text(r, "identity", "type"));
        put(e, "statusCode", Json.text(r, "statusCode"));
        put(e, "metricResponseType", Json.text(p, "metricResponseType"));
        put(e, "bytesRead", Json.text(p, "responseBodySize"));
        put(e, "bytesWritten", Json.text(p, "requestBodySize"));
        put(e, "serviceType", Json.text(p, "serviceType"));
        put(e, "requesterAppId", Json.text(r, "identity", "requester", "appId"));
        put(e, "tokenHash", Json.text(r, "identity", "tokenHash"));
        put(e, "correlationId", Json.text(r, "correlationId"));
    }

    private static void put(AuditEvent e, String key, String value) {
        if (value != null) {
            e.params.put(key, value);
        }
    }
}
