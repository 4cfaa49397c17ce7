package io.trailhunt.events.decode.azure;

import com.fasterxml.jackson.databind.JsonNode;
import io.trailhunt.events.decode.FormatDecoder;
import io.trailhunt.events.decode.Json;
import io.trailhunt.events.decode.RecordRejectedException;
import io.trailhunt.events.model.AuditEvent;

import java.util.Locale;
import java.util.Set;

/**
 * Azure records to AuditEvents. One record of a diagnostic-settings resource log (Event Hubs and
 * storage-account delivery, unwrapped from {@code {"records":[...]}} by the router) or of the
 * Activity Log REST/CLI shape. Recognises which kind it is by its content, mainly
 * {@code category}, and hands it to that kind's decoder.
 */
public final class AzureLogDecoder implements FormatDecoder {
    /** Activity Log categories; Write/Delete/Action are what Event Hubs exports call Administrative events. */
    private static final Set<String> ACTIVITY_CATEGORIES = Set.of(
            "administrative", "security", "servicehealth", "alert", "recommendation", "policy", "autoscale",
            "resourcehealth", "write", "delete", "action");
    private static final Set<String> STORAGE_CATEGORIES = Set.of("storageread", "storagewrite", "storagedelete");

    private final FormatDecoder signIn = new EntraSignInDecoder();
    private final FormatDecoder audit = new EntraAuditDecoder();
    private final FormatDecoder activity = new ActivityLogDecoder();
    private final FormatDecoder storage = new StorageLogDecoder();

    @Override
    public AuditEvent decode(JsonNode record, String origin) throws RecordRejectedException {
        String lookalike = AzureLookalikes.reasonFor(record);
        if (lookalike != null) {
            throw new RecordRejectedException(lookalike);
        }
        return kindOf(record).decode(record, origin);
    }

    FormatDecoder kindOf(JsonNode r) throws RecordRejectedException {
        String category = AzureFields.valueText(r, "category");
        JsonNode properties = Json.object(r, "properties");
        if (category != null) {
            String c = category.toLowerCase(Locale.ROOT);
            if (c.endsWith("signinlogs")) {
                return signIn;
            }
            if (STORAGE_CATEGORIES.contains(c)) {
                return storage;
            }
            // Entra audit records: their own category, or a directory category (UserManagement,
            // Policy, ...) on a tenant-level aadiam resource or with the audit record's properties.
            if (c.equals("auditlogs") || isEntraAudit(r, properties)) {
                return audit;
            }
            if (ACTIVITY_CATEGORIES.contains(c)) {
                return activity;
            }
            throw new RecordRejectedException("Azure record of category '" + category + "' is not a kind this decoder"
                    + " reads (Entra sign-in and audit logs, Activity Log, storage logs)");
        }
        // No category: fall back to the fields each kind always has.
        if ("Sign-in activity".equals(AzureFields.valueText(r, "operationName"))) {
            return signIn;
        }
        if (isEntraAudit(r, properties)) {
            return audit;
        }
        if (isStorage(r, properties)) {
            return storage;
        }
        String operation = AzureFields.valueText(r, "operationName", "operation_name");
        String resourceId = AzureFields.valueText(r, "resourceId", "resource_id");
        if (operation != null && operation.indexOf('/') > 0 && resourceId != null
                && (AzureFields.subscription(resourceId) != null || resourceId.regionMatches(true, 0, "/providers/", 0, 11))) {
            return activity;
        }
        throw new RecordRejectedException("Azure record without a 'category' and without the fields of a sign-in,"
                + " audit, Activity Log or storage record");
    }

    private static boolean isEntraAudit(JsonNode r, JsonNode properties) {
        if (properties != null && (properties.has("initiatedBy") || properties.has("targetResources"))) {
            return true;
        }
        String resourceId = Json.text(r, "resourceId");
        return AzureFields.tenant(resourceId) != null && "Microsoft.aadiam".equalsIgnoreCase(AzureFields.providerOfResourceId(resourceId));
    }

    /** Storage request logs name the storage account and an operation like GetBlob, without a provider path. */
    private static boolean isStorage(JsonNode r, JsonNode properties) {
        String operation = Json.text(r, "operationName");
        return operation != null && operation.indexOf('/') < 0
                && Json.text(properties, "accountName") != null
                && (properties.has("objectKey") || properties.has("serviceType") || properties.has("metricResponseType"));
    }
}
