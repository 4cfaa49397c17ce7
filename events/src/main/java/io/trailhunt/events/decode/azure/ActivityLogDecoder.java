package io.trailhunt.events.decode.azure;

import com.fasterxml.jackson.databind.JsonNode;
import io.trailhunt.events.decode.Flattener;
import io.trailhunt.events.decode.FormatDecoder;
import io.trailhunt.events.decode.Json;
import io.trailhunt.events.decode.RecordRejectedException;
import io.trailhunt.events.decode.Timestamps;
import io.trailhunt.events.model.AuditEvent;
import io.trailhunt.events.model.Category;
import io.trailhunt.events.model.Cloud;
import io.trailhunt.events.model.Outcome;

import java.util.Locale;

/**
 * Azure Activity Log records (ARM control-plane calls and the other activity categories), in the
 * resource-log shape of Event Hubs and storage exports and in the REST/CLI shape
 * ({@code eventTimestamp} or snake_case {@code event_timestamp}, {@code {value, localizedValue}} objects).
 *
 * <p>Outcome: Success/Succeeded → SUCCESS; Failure/Failed → FAILURE; Start/Started,
 * Accept/Accepted, Active, In Progress, Updated, Resolved → UNKNOWN, because such a record
 * announces an operation whose result arrives in a later record with the same correlationId.
 */
final class ActivityLogDecoder implements FormatDecoder {
    private static final String[] TIME_FIELDS = {"time", "eventTimestamp", "event_timestamp"};

    @Override
    public AuditEvent decode(JsonNode r, String origin) throws RecordRejectedException {
        AuditEvent e = new AuditEvent();
        e.cloud = Cloud.AZURE;
        e.origin = origin;
        e.eventTime = eventTime(r);
        e.eventId = AzureFields.eventId(AzureFields.firstNonNull(Json.text(r, "eventDataId"), Json.text(r, "event_data_id")), r);
        String resourceId = AzureFields.valueText(r, "resourceId", "resource_id");
        // Tenant-scope operations (elevateAccess, management groups) have no subscription: the tenant stands in.
        e.account = AzureFields.lower(AzureFields.firstNonNull(AzureFields.subscription(resourceId),
                Json.text(r, "subscriptionId"), Json.text(r, "subscription_id"), Json.text(r, "tenantId"), Json.text(r, "tenant_id")));
        JsonNode claims = Json.object(r, "identity", "claims");
        if (claims == null) {
            claims = Json.object(r, "claims");
        }
        ActivityCaller.apply(Json.text(r, "caller"), claims, e);
        e.sourceIp = AzureFields.bareAddress(AzureFields.firstNonNull(Json.text(r, "callerIpAddress"),
                Json.text(r, "httpRequest", "clientIpAddress"), Json.text(r, "http_request", "client_ip_address")));
        e.action = AzureFields.valueText(r, "operationName", "operation_name");
        String provider = AzureFields.providerOfOperation(e.action);
        e.service = provider != null ? provider
                : AzureFields.valueText(r, "resourceProviderName", "resource_provider_name");
        e.region = Json.text(r, "location");
        e.category = category(AzureFields.valueText(r, "category"));
        outcome(r, e);
        if (resourceId != null) {
            e.resources.put("resourceId", resourceId);
        }
        params(r, claims, e);
        return e;
    }

    private static long eventTime(JsonNode r) throws RecordRejectedException {
        for (String field : TIME_FIELDS) {
            String t = Json.text(r, field);
            if (t != null) {
                return Timestamps.parse(t, field);
            }
        }
        throw new RecordRejectedException("no event time: none of the fields 'time', 'eventTimestamp', 'event_timestamp' is present");
    }

    /** Calls on resources are control-plane; health notices, alerts and advice are not calls by anyone. */
    private static Category category(String category) {
        if (category == null) {
            return Category.MANAGEMENT;
        }
        switch (category.toLowerCase(Locale.ROOT)) {
            case "administrative":
            case "security":
            case "policy":
            case "write":
            case "delete":
            case "action":
                return Category.MANAGEMENT;
            default:
                return Category.OTHER;
        }
    }

    private static void outcome(JsonNode r, AuditEvent e) {
        String result = AzureFields.firstNonNull(Json.text(r, "resultType"), AzureFields.valueText(r, "status"));
        String word = result == null ? "" : result.toLowerCase(Locale.ROOT);
        switch (word) {
            case "success":
            case "succeeded":
                e.outcome = Outcome.SUCCESS;
                break;
            case "failure":
            case "failed":
                e.outcome = Outcome.FAILURE;
                e.errorCode = AzureFields.firstNonNull(Json.text(r, "properties", "statusCode"),
                        AzureFields.valueText(r, "subStatus", "sub_status"), Json.text(r, "resultSignature"));
                e.errorMessage = AzureFields.clip(AzureFields.firstNonNull(Json.text(r, "resultDescription"),
                        Json.text(r, "properties", "statusMessage")));
                break;
            default:
                e.outcome = Outcome.UNKNOWN;
        }
    }

    private static void params(JsonNode r, JsonNode claims, AuditEvent e) {
        put(e, "correlationId", AzureFields.firstNonNull(Json.text(r, "correlationId"), Json.text(r, "correlation_id")));
        put(e, "resultSignature", Json.text(r, "resultSignature"));
        put(e, "appId", Json.text(claims, "appid"));
        Flattener.flatten(Json.object(r, "properties"), "properties", e.params, Flattener.DEFAULT_MAX_ENTRIES);
        Flattener.flatten(Json.object(r, "identity", "authorization", "evidence"), "evidence", e.params,
                Flattener.DEFAULT_MAX_ENTRIES);
    }

    private static void put(AuditEvent e, String key, String value) {
        if (value != null) {
            e.params.put(key, value);
        }
    }
}
