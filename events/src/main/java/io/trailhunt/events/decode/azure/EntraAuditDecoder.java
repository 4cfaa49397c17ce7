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
import io.trailhunt.events.model.PrincipalType;

import java.util.Locale;
import java.util.Map;

/** Entra ID audit logs (directory changes: users, groups, apps, roles, policies) in the resource-log shape. */
final class EntraAuditDecoder implements FormatDecoder {
    /** Targets looked at for the user and the application acted on. */
    private static final int MAX_TARGETS = 8;

    @Override
    public AuditEvent decode(JsonNode r, String origin) throws RecordRejectedException {
        JsonNode p = Json.object(r, "properties");
        AuditEvent e = new AuditEvent();
        e.cloud = Cloud.AZURE;
        e.origin = origin;
        e.category = Category.MANAGEMENT;
        e.eventTime = eventTime(r, p);
        e.eventId = AzureFields.eventId(Json.text(p, "id"), r);
        String resourceId = Json.text(r, "resourceId");
        e.account = AzureFields.lower(AzureFields.firstNonNull(
                Json.text(r, "tenantId"), AzureFields.tenant(resourceId), Json.text(p, "tenantId")));
        JsonNode initiatedBy = Json.object(p, "initiatedBy");
        principal(initiatedBy, e);
        e.sourceIp = AzureFields.bareAddress(AzureFields.firstNonNull(
                Json.text(initiatedBy, "user", "ipAddress"), Json.text(r, "callerIpAddress")));
        String provider = AzureFields.providerOfResourceId(resourceId);
        e.service = provider != null ? provider : EntraSignInDecoder.DEFAULT_SERVICE;
        e.action = AzureFields.firstNonNull(AzureFields.valueText(r, "operationName"), Json.text(p, "activityDisplayName"));
        outcome(r, p, e);
        targets(Json.array(p, "targetResources"), e);
        params(r, p, e);
        return e;
    }

    private static long eventTime(JsonNode r, JsonNode p) throws RecordRejectedException {
        String time = Json.text(r, "time");
        if (time != null) {
            return Timestamps.parse(time, "time");
        }
        String at = Json.text(p, "activityDateTime");
        if (at != null) {
            return Timestamps.parse(at, "properties.activityDateTime");
        }
        throw new RecordRejectedException("no event time: fields 'time' and 'properties.activityDateTime' are missing");
    }

    /** A user by lower-cased UPN (else object id); an application by its service principal id. */
    private static void principal(JsonNode initiatedBy, AuditEvent e) {
        JsonNode user = Json.object(initiatedBy, "user");
        String upn = AzureFields.firstNonNull(Json.text(user, "userPrincipalName"), Json.text(user, "id"));
        if (upn != null) {
            e.principal = AzureFields.lower(upn);
            e.principalType = PrincipalType.USER;
            e.principalTypeRaw = "user";
            return;
        }
        JsonNode app = Json.object(initiatedBy, "app");
        String spId = AzureFields.firstNonNull(Json.text(app, "servicePrincipalId"), Json.text(app, "appId"));
        String name = Json.text(app, "displayName");
        if (spId != null || name != null) {
            e.principal = spId != null ? AzureFields.lower(spId) : name;
            e.principalType = PrincipalType.SERVICE_ACCOUNT;
            e.principalTypeRaw = "app";
            return;
        }
        e.principalType = PrincipalType.UNKNOWN;
    }

    /** properties.result is success / failure / timeout (some exports: failed); some test shapes carry it at the top level. */
    private static void outcome(JsonNode r, JsonNode p, AuditEvent e) {
        String result = AzureFields.firstNonNull(Json.text(p, "result"), Json.text(r, "result"), Json.text(r, "resultType"));
        String word = result == null ? "" : result.toLowerCase(Locale.ROOT);
        switch (word) {
            case "success":
                e.outcome = Outcome.SUCCESS;
                break;
            case "failure":
            case "failed":
            case "timeout":
                e.outcome = Outcome.FAILURE;
                e.errorCode = word;
                e.errorMessage = AzureFields.clip(Json.text(p, "resultReason"));
                break;
            default:
                e.outcome = Outcome.UNKNOWN;
        }
    }

    /** The first user and the first application among the targets; a role or group target is neither. */
    private static void targets(JsonNode targets, AuditEvent e) {
        if (targets == null) {
            return;
        }
        for (int i = 0; i < targets.size() && i < MAX_TARGETS; i++) {
            JsonNode t = targets.get(i);
            String type = AzureFields.lower(Json.text(t, "type"));
            if ("user".equals(type) && !e.resources.containsKey("targetUser")) {
                String who = AzureFields.firstNonNull(AzureFields.lower(Json.text(t, "userPrincipalName")),
                        Json.text(t, "displayName"), Json.text(t, "id"));
                put(e.resources, "targetUser", who);
            } else if (("application".equals(type) || "serviceprincipal".equals(type)) && !e.resources.containsKey("app")) {
                put(e.resources, "app", AzureFields.firstNonNull(Json.text(t, "displayName"), Json.text(t, "id")));
            }
        }
    }

    private static void params(JsonNode r, JsonNode p, AuditEvent e) {
        put(e.params, "category", Json.text(p, "category"));
        put(e.params, "loggedByService", Json.text(p, "loggedByService"));
        put(e.params, "operationType", Json.text(p, "operationType"));
        put(e.params, "correlationId", Json.text(r, "correlationId"));
        JsonNode targets = Json.array(p, "targetResources");
        if (targets != null && !targets.isEmpty()) {
            JsonNode first = targets.get(0);
            put(e.params, "targetResources.0.type", Json.text(first, "type"));
            put(e.params, "targetResources.0.displayName", Json.text(first, "displayName"));
            put(e.params, "targetResources.0.id", Json.text(first, "id"));
            Flattener.flatten(Json.at(first, "modifiedProperties"), "targetResources.0.modifiedProperties", e.params,
                    Flattener.DEFAULT_MAX_ENTRIES);
        }
        Flattener.flatten(Json.at(p, "additionalDetails"), "additionalDetails", e.params, Flattener.DEFAULT_MAX_ENTRIES);
    }

    private static void put(Map<String, String> map, String key, String value) {
        if (value != null) {
            map.put(key, value);
        }
    }
}
