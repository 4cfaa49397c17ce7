package io.trailhunt.events.decode.azure;

import com.fasterxml.jackson.databind.JsonNode;
import io.trailhunt.events.decode.FormatDecoder;
import io.trailhunt.events.decode.Json;
import io.trailhunt.events.decode.RecordRejectedException;
import io.trailhunt.events.decode.Timestamps;
import io.trailhunt.events.model.AuditEvent;
import io.trailhunt.events.model.Category;
import io.trailhunt.events.model.Cloud;
import io.trailhunt.events.model.Geo;
import io.trailhunt.events.model.Outcome;
import io.trailhunt.events.model.PrincipalType;

import java.util.Locale;

/**
 * Entra ID sign-in logs (SignInLogs, NonInteractiveUserSignInLogs, ServicePrincipalSignInLogs,
 * ManagedIdentitySignInLogs, ADFSSignInLogs, ...) in the diagnostic-settings resource-log shape.
 */
final class EntraSignInDecoder implements FormatDecoder {
    static final String DEFAULT_SERVICE = "Microsoft.aadiam";
    /** Sign-in properties copied to params as they are: the risk and access signals rules read. */
    private static final String[] SIGNALS = {
        "riskLevelDuringSignIn", "riskLevelAggregated", "riskState", "riskDetail", "conditionalAccessStatus",
        "isInteractive", "authenticationRequirement", "clientAppUsed", "appId", "resourceDisplayName", "userId",
    };
    private static final int MAX_AUTH_STEPS = 4;

    @Override
    public AuditEvent decode(JsonNode r, String origin) throws RecordRejectedException {
        JsonNode p = Json.object(r, "properties");
        AuditEvent e = new AuditEvent();
        e.cloud = Cloud.AZURE;
        e.origin = origin;
        e.category = Category.SIGN_IN;
        e.eventTime = eventTime(r, p);
        e.eventId = AzureFields.eventId(Json.text(p, "id"), r);
        String resourceId = Json.text(r, "resourceId");
        e.account = AzureFields.lower(AzureFields.firstNonNull(
                Json.text(r, "tenantId"), AzureFields.tenant(resourceId), Json.text(p, "tenantId")));
        principal(r, p, e);
        e.sourceIp = AzureFields.bareAddress(AzureFields.firstNonNull(Json.text(r, "callerIpAddress"), Json.text(p, "ipAddress")));
        e.userAgent = Json.text(p, "userAgent");
        String provider = AzureFields.providerOfResourceId(resourceId);
        e.service = provider != null ? provider : DEFAULT_SERVICE;
        e.action = AzureFields.valueText(r, "operationName");
        outcome(r, p, e);
        String app = AzureFields.firstNonNull(Json.text(p, "appDisplayName"), Json.text(p, "servicePrincipalName"));
        if (app != null) {
            e.resources.put("app", app);
        }
        e.providerGeo = providerGeo(r, p);
        params(r, p, e);
        return e;
    }

    private static long eventTime(JsonNode r, JsonNode p) throws RecordRejectedException {
        String time = Json.text(r, "time");
        if (time != null) {
            return Timestamps.parse(time, "time");
        }
        String created = Json.text(p, "createdDateTime");
        if (created != null) {
            return Timestamps.parse(created, "properties.createdDateTime");
        }
        throw new RecordRejectedException("no event time: fields 'time' and 'properties.createdDateTime' are missing");
    }

    /**
     * Users by their lower-cased UPN (what they type, so a spray against unknown names still keys
     * by name); service principals and managed identities by their object id, as the Activity Log's
     * caller names them.
     */
    private static void principal(JsonNode r, JsonNode p, AuditEvent e) {
        String category = AzureFields.lower(AzureFields.valueText(r, "category"));
        String spId = Json.text(p, "servicePrincipalId");
        boolean managedIdentity = category != null && category.contains("managedidentity");
        boolean servicePrincipal = category != null ? category.contains("serviceprincipal")
                : spId != null && Json.text(p, "userPrincipalName") == null;
        if (managedIdentity || servicePrincipal) {
            e.principal = AzureFields.lower(AzureFields.firstNonNull(spId, Json.text(p, "appId")));
            e.principalType = PrincipalType.SERVICE_ACCOUNT;
            e.principalTypeRaw = managedIdentity ? "managedIdentity" : "servicePrincipal";
            return;
        }
        e.principal = AzureFields.lower(AzureFields.firstNonNull(Json.text(p, "userPrincipalName"), Json.text(p, "userId")));
        e.principalType = e.principal == null ? PrincipalType.UNKNOWN : PrincipalType.USER;
        e.principalTypeRaw = e.principal == null ? null : "user";
    }

    /**
     * resultType "0" is a completed sign-in; any other code (including MFA interrupts) did not
     * complete. Some exports write the words Success / Failure instead: then the code, if any, is
     * in properties.status.errorCode.
     */
    private static void outcome(JsonNode r, JsonNode p, AuditEvent e) {
        String statusCode = Json.text(p, "status", "errorCode");
        String result = AzureFields.firstNonNull(Json.text(r, "resultType"), statusCode);
        if (result == null) {
            e.outcome = Outcome.UNKNOWN;
            return;
        }
        String word = result.trim().toLowerCase(Locale.ROOT);
        if (word.equals("0") || word.equals("success") || word.equals("succeeded")) {
            e.outcome = Outcome.SUCCESS;
            return;
        }
        e.outcome = Outcome.FAILURE;
        boolean numeric = !word.isEmpty() && Character.isDigit(word.charAt(0));
        e.errorCode = numeric || statusCode == null ? result : statusCode;
        e.errorMessage = AzureFields.clip(AzureFields.firstNonNull(Json.text(r, "resultDescription"),
                Json.text(p, "status", "failureReason")));
    }

    /** Where Entra placed the sign-in: properties.location (or locationDetails), else the country code. */
    static Geo providerGeo(JsonNode r, JsonNode p) {
        JsonNode loc = Json.object(p, "location");
        if (loc == null) {
            loc = Json.object(p, "locationDetails");
        }
        String place = AzureFields.firstNonNull(Json.text(loc, "countryOrRegion"), Json.text(r, "location"));
        // Entra writes ISO codes ("US"); a name ("United States") is kept as a name, not passed off as a code.
        String country = place != null && place.length() == 2 ? place.toUpperCase(Locale.ROOT) : null;
        String countryName = place != null && place.length() != 2 ? place : null;
        String state = Json.text(loc, "state");
        String city = Json.text(loc, "city");
        Double lat = number(Json.at(loc, "geoCoordinates", "latitude"));
        Double lon = number(Json.at(loc, "geoCoordinates", "longitude"));
        Long asn = asn(Json.at(p, "autonomousSystemNumber"));
        if (place == null && state == null && city == null && lat == null && lon == null && asn == null) {
            return null;
        }
        Geo g = new Geo();
        g.source = Geo.SOURCE_PROVIDER;
        g.countryIso = country;
        g.country = countryName;
        g.region = state;
        g.city = city;
        g.latitude = lat;
        g.longitude = lon;
        g.asn = asn;
        return g;
    }

    /** Entra writes the network it saw as a number or as digits in a string; 0 and anything else is none. */
    private static Long asn(JsonNode n) {
        Double d = number(n);
        if (d == null || d < 1 || d > 4_294_967_295d || d != Math.rint(d)) {
            return null;
        }
        return d.longValue();
    }

    private static Double number(JsonNode n) {
        if (n == null) {
            return null;
        }
        if (n.isNumber()) {
            return n.doubleValue();
        }
        if (n.isTextual()) {
            try {
                return Double.valueOf(n.textValue().trim());
            } catch (NumberFormatException ignored) {
                return null;
            }
        }
        return null;
    }

    private static void params(JsonNode r, JsonNode p, AuditEvent e) {
        for (String key : SIGNALS) {
            put(e, key, Json.text(p, key));
        }
        put(e, "riskEventTypes", joined(Json.at(p, "riskEventTypes")));
        put(e, "riskEventTypes_v2", joined(Json.at(p, "riskEventTypes_v2")));
        JsonNode steps = Json.array(p, "authenticationDetails");
        if (steps != null) {
            for (int i = 0; i < steps.size() && i < MAX_AUTH_STEPS; i++) {
                put(e, "authenticationDetails." + i + ".authenticationMethod", Json.text(steps.get(i), "authenticationMethod"));
            }
        }
        if (e.principalType == PrincipalType.SERVICE_ACCOUNT) {
            put(e, "servicePrincipalName", Json.text(p, "servicePrincipalName"));
        }
        put(e, "correlationId", Json.text(r, "correlationId"));
    }

    /** ["a","b"] → "a,b"; an empty list is no signal at all. */
    private static String joined(JsonNode n) {
        if (n == null) {
            return null;
        }
        if (n.isTextual()) {
            String s = n.textValue();
            return s.isEmpty() || "[]".equals(s) ? null : s;
        }
        if (!n.isArray() || n.isEmpty()) {
            return null;
        }
        StringBuilder sb = new StringBuilder();
        for (JsonNode item : n) {
            if (item.isValueNode() && !item.isNull()) {
                if (sb.length() > 0) {
                    sb.append(',');
                }
                sb.append(item.asText());
            }
        }
        return sb.length() == 0 ? null : sb.toString();
    }

    private static void put(AuditEvent e, String key, String value) {
        if (value != null) {
            e.params.put(key, value);
        }
    }
}
