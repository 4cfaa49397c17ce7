package io.trailhunt.events.decode.azure;

import com.fasterxml.jackson.databind.JsonNode;
import io.trailhunt.events.decode.Json;
import io.trailhunt.events.model.AuditEvent;
import io.trailhunt.events.model.PrincipalType;

/** Who made an Activity Log call, from {@code caller} or the token's claims. */
final class ActivityCaller {
    static final String UPN = "http://schemas.xmlsoap.org/ws/2005/05/identity/claims/upn";
    /** The unique name (a UPN for users); the short {@code name} claim is a display name and is not used. */
    static final String UNIQUE_NAME = "http://schemas.xmlsoap.org/ws/2005/05/identity/claims/name";
    static final String OBJECT_ID = "http://schemas.microsoft.com/identity/claims/objectidentifier";

    private ActivityCaller() {}

    /**
     * The principal is {@code caller} when present (a UPN for users, the object id for service
     * principals and managed identities), else the UPN claim, the unique-name claim, the object id,
     * the app id. Lower-cased: Entra names and GUIDs are case-insensitive and keys must match.
     */
    static void apply(String caller, JsonNode claims, AuditEvent e) {
        String upn = AzureFields.firstNonNull(Json.text(claims, UPN), Json.text(claims, UNIQUE_NAME));
        String objectId = Json.text(claims, OBJECT_ID);
        String appId = Json.text(claims, "appid");
        String tokenType = Json.text(claims, "idtyp");
        e.principal = AzureFields.lower(AzureFields.firstNonNull(caller, upn, objectId, appId));
        if (e.principal == null) {
            e.principalType = PrincipalType.UNKNOWN;
            return;
        }
        boolean app = "app".equals(tokenType) || (claims != null && upn == null && appId != null);
        if (claims != null) {
            if (app) {
                e.principalType = PrincipalType.SERVICE_ACCOUNT;
                e.principalTypeRaw = "app";
            } else if (upn != null) {
                e.principalType = PrincipalType.USER;
                e.principalTypeRaw = tokenType != null ? tokenType : "user";
            } else {
                e.principalType = PrincipalType.UNKNOWN;
            }
        } else if (e.principal.indexOf('@') > 0) {
            e.principalType = PrincipalType.USER;
            e.principalTypeRaw = "user";
        } else {
            e.principalType = PrincipalType.UNKNOWN;
        }
    }
}
