package io.trailhunt.events.decode.azure;

import com.fasterxml.jackson.databind.JsonNode;
import io.trailhunt.events.decode.Json;
import io.trailhunt.events.model.AuditEvent;
import io.trailhunt.events.model.PrincipalType;

import java.util.Locale;

/**
 * Who made a storage request, from the record's {@code identity}. Entra-authenticated requests
 * (OAuth, Kerberos, user-delegation SAS) name their requester; shared-key and SAS requests name
 * only the key, so every holder of one account's keys or SAS tokens is one principal
 * ({@code storage-key:<account>}, {@code sas:<account>}).
 */
final class StoragePrincipal {
    private StoragePrincipal() {}

    static void apply(JsonNode identity, String storageAccount, AuditEvent e) {
        String type = Json.text(identity, "type");
        e.principalTypeRaw = type;
        String upn = Json.text(identity, "requester", "upn");
        String objectId = Json.text(identity, "requester", "objectId");
        if (upn != null) {
            e.principal = AzureFields.lower(upn);
            e.principalType = PrincipalType.USER;
            return;
        }
        if (objectId != null) {
            e.principal = AzureFields.lower(objectId);
            e.principalType = typeOfAuthorizedPrincipal(identity);
            return;
        }
        if (type == null) {
            e.principalType = PrincipalType.UNKNOWN;
            return;
        }
        String t = type.toLowerCase(Locale.ROOT).replace(" ", "");
        String account = storageAccount == null ? "" : ":" + storageAccount;
        if (t.equals("anonymous")) {
            e.principal = "anonymous";
            e.principalType = PrincipalType.ANONYMOUS;
        } else if (t.equals("accountkey") || t.equals("sharedkey")) {
            e.principal = "storage-key" + account;
            e.principalType = PrincipalType.UNKNOWN;
        } else if (t.contains("sas")) {
            e.principal = "sas" + account;
            e.principalType = PrincipalType.UNKNOWN;
        } else {
            e.principal = t + account;
            e.principalType = PrincipalType.UNKNOWN;
        }
    }

    /** authorization[].principals[].type says whether an object id is a user or a service principal. */
    private static PrincipalType typeOfAuthorizedPrincipal(JsonNode identity) {
        JsonNode authz = Json.array(identity, "authorization");
        if (authz == null || authz.isEmpty()) {
            return PrincipalType.UNKNOWN;
        }
        JsonNode principals = Json.array(authz.get(0), "principals");
        String kind = principals == null || principals.isEmpty() ? null : Json.text(principals.get(0), "type");
        if ("User".equalsIgnoreCase(kind)) {
            return PrincipalType.USER;
        }
        if ("ServicePrincipal".equalsIgnoreCase(kind) || "ManagedIdentity".equalsIgnoreCase(kind)) {
            return PrincipalType.SERVICE_ACCOUNT;
        }
        return PrincipalType.UNKNOWN;
    }
}
