package io.trailhunt.bench.sample;

import com.fasterxml.jackson.databind.node.ObjectNode;

import java.time.Instant;
import java.util.Random;
import java.util.UUID;

/** Writes Azure resource-log records as diagnostic settings deliver them (Entra sign-ins, Activity Log, blob logs). */
final class AzureLogs {
    static final String TENANT = "7a1c4d2e-5b6f-4a8b-9c0d-1e2f3a4b5c6d";
    static final String SUBSCRIPTION = "3f2e1d0c-b9a8-4765-8432-10fedcba9876";

    private final Random random;

    AzureLogs(Random random) {
        this.random = random;
    }

    /** An Entra ID interactive sign-in; resultType "0" is success, else the AADSTS error code. */
    ObjectNode signIn(Instant t, String upn, String displayName, String ip, String userAgent, String app,
                      String errorCode, String country, String state, String city, double lat, double lon) {
        boolean ok = errorCode.equals("0");
        ObjectNode r = Json.object();
        r.put("time", Json.AZURE.format(t));
        r.put("resourceId", "/tenants/" + TENANT + "/providers/Microsoft.aadiam");
        r.put("operationName", "Sign-in activity");
        r.put("operationVersion", "1.0");
        r.put("category", "SignInLogs");
        r.put("tenantId", TENANT);
        r.put("resultType", errorCode);
        r.put("resultSignature", "None");
        r.put("resultDescription", ok ? "" : "Error validating credentials due to invalid username or password.");
        r.put("durationMs", 0);
        r.put("callerIpAddress", ip);
        r.put("correlationId", uuid());
        r.put("identity", displayName);
        r.put("Level", 4);
        r.put("location", country);
        ObjectNode p = r.putObject("properties");
        p.put("id", uuid());
        p.put("createdDateTime", Json.AZURE.format(t));
        p.put("userDisplayName", displayName);
        p.put("userPrincipalName", upn);
        p.put("userId", UUID.nameUUIDFromBytes(upn.getBytes()).toString());
        p.put("appId", "c44b4083-3bb0-49c1-b47d-974e53cbdf3c");
        p.put("appDisplayName", app);
        p.put("ipAddress", ip);
        ObjectNode status = p.putObject("status");
        status.put("errorCode", Integer.parseInt(errorCode));
        if (!ok) {
            status.put("failureReason", "Invalid username or password or Invalid on-premise username or password.");
        }
        p.put("clientAppUsed", "Browser");
        p.put("userAgent", userAgent);
        ObjectNode loc = p.putObject("location");
        loc.put("city", city);
        loc.put("state", state);
        loc.put("countryOrRegion", country);
        ObjectNode geo = loc.putObject("geoCoordinates");
        geo.put("latitude", lat);
        geo.put("longitude", lon);
        p.put("riskLevelDuringSignIn", "none");
        p.put("riskLevelAggregated", "none");
        p.put("riskState", "none");
        p.put("conditionalAccessStatus", ok ? "success" : "notApplied");
        p.put("isInteractive", true);
        p.put("authenticationRequirement", "singleFactorAuthentication");
        p.put("resourceDisplayName", "Windows Azure Service Management API");
        return r;
    }

    /** An Activity Log administrative operation on the subscription. */
    ObjectNode activity(Instant t, String upn, String ip, String operation, String resourcePath, String result) {
        ObjectNode r = Json.object();
        r.put("time", Json.AZURE.format(t));
        r.put("resourceId", "/SUBSCRIPTIONS/" + SUBSCRIPTION.toUpperCase() + resourcePath.toUpperCase());
        r.put("operationName", operation.toUpperCase());
        r.put("category", "Administrative");
        r.put("resultType", result);
        r.put("resultSignature", result.equals("Success") ? "Succeeded.OK" : "Failed.Forbidden");
        r.put("durationMs", String.valueOf(100 + random.nextInt(900)));
        r.put("callerIpAddress", ip);
        r.put("correlationId", uuid());
        ObjectNode claims = r.putObject("identity").putObject("claims");
        claims.put("http://schemas.xmlsoap.org/ws/2005/05/identity/claims/upn", upn);
        claims.put("name", upn.substring(0, upn.indexOf('@')));
        claims.put("http://schemas.microsoft.com/identity/claims/objectidentifier", UUID.nameUUIDFromBytes(upn.getBytes()).toString());
        r.put("level", "Information");
        r.put("location", "global");
        ObjectNode p = r.putObject("properties");
        p.put("statusCode", result.equals("Success") ? "OK" : "Forbidden");
        p.put("eventCategory", "Administrative");
        p.put("entity", "/subscriptions/" + SUBSCRIPTION + resourcePath);
        p.put("message", operation);
        return r;
    }

    /** A StorageBlobLogs record; callerIpAddress carries the client port, as Azure writes it. */
    ObjectNode blob(Instant t, String account, String container, String blob, String operation, String upn, String ip,
                    int port, String userAgent, int status, long bytes) {
        ObjectNode r = Json.object();
        r.put("time", Json.AZURE.format(t));
        r.put("resourceId", "/subscriptions/" + SUBSCRIPTION + "/resourceGroups/data-rg/providers/Microsoft.Storage/storageAccounts/" + account + "/blobServices/default");
        r.put("category", operation.startsWith("Get") || operation.startsWith("List") ? "StorageRead" : "StorageWrite");
        r.put("operationName", operation);
        r.put("operationVersion", "2021-08-06");
        r.put("schemaVersion", "1.0");
        r.put("statusCode", status);
        r.put("statusText", status == 200 ? "Success" : "AuthorizationPermissionMismatch");
        r.put("durationMs", 5 + random.nextInt(40));
        r.put("callerIpAddress", ip + ":" + port);
        r.put("correlationId", uuid());
        ObjectNode identity = r.putObject("identity");
        identity.put("type", "OAuth");
        identity.put("tokenHash", "key1(" + Long.toHexString(random.nextLong()).toUpperCase() + ")");
        ObjectNode req = identity.putObject("requester");
        req.put("appId", "04b07795-8ddb-461a-bbee-02f9e1bf7b46");
        req.put("audience", "https://storage.azure.com/");
        req.put("objectId", UUID.nameUUIDFromBytes(upn.getBytes()).toString());
        req.put("tenantId", TENANT);
        req.put("upn", upn);
        r.put("location", "swedencentral");
        ObjectNode p = r.putObject("properties");
        p.put("accountName", account);
        p.put("userAgentHeader", userAgent);
        p.put("serviceType", "blob");
        p.put("objectKey", "/" + account + "/" + container + (blob == null ? "" : "/" + blob));
        p.put("responseBodySize", bytes);
        r.put("uri", "https://" + account + ".blob.core.windows.net:443/" + container + (blob == null ? "?restype=container&comp=list" : "/" + blob));
        r.put("protocol", "HTTPS");
        r.put("resourceType", "Microsoft.Storage/storageAccounts/blobServices");
        return r;
    }

    String uuid() {
        return new UUID(random.nextLong(), random.nextLong()).toString();
    }
}
