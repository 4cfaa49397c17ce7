package io.trailhunt.events.decode.gcp;

import com.fasterxml.jackson.databind.JsonNode;
import io.trailhunt.events.decode.Json;
import io.trailhunt.events.model.AuditEvent;

/** The named resources of a GCP audit entry: full resource name, GCS bucket and object, service account. */
final class GcpResources {
    private static final String GCS_BUCKETS = "projects/_/buckets/";
    private static final String OBJECTS = "/objects/";
    private static final String SERVICE_ACCOUNTS = "/serviceAccounts/";

    private GcpResources() {}

    static void collect(JsonNode payload, JsonNode labels, AuditEvent e) {
        String resourceName = Json.text(payload, "resourceName");
        put(e, "resourceName", resourceName);

        String bucket = Json.text(labels, "bucket_name");
        String objectKey = null;
        if (resourceName != null && resourceName.startsWith(GCS_BUCKETS)) {
            int start = GCS_BUCKETS.length();
            int slash = resourceName.indexOf('/', start);
            if (bucket == null) {
                bucket = slash < 0 ? resourceName.substring(start) : resourceName.substring(start, slash);
            }
            if (slash >= 0 && resourceName.startsWith(OBJECTS, slash) && resourceName.length() > slash + OBJECTS.length()) {
                objectKey = resourceName.substring(slash + OBJECTS.length());
            }
        }
        put(e, "bucket", emptyToNull(bucket));
        put(e, "objectKey", objectKey);
        put(e, "serviceAccount", serviceAccount(payload, resourceName));
    }

    /**
     * The service account an IAM call acted on. The resource name often holds the account's
     * numeric id while the request names it by email: the email wins, being what principals are.
     */
    static String serviceAccount(JsonNode payload, String resourceName) {
        String fromResource = afterServiceAccounts(resourceName);
        String fromRequest = afterServiceAccounts(Json.text(payload, "request", "name"));
        if (fromRequest != null && fromRequest.indexOf('@') > 0) {
            return fromRequest;
        }
        if (fromResource != null) {
            return fromResource;
        }
        if (fromRequest != null) {
            return fromRequest;
        }
        String method = Json.text(payload, "methodName");
        if (method != null && method.endsWith("CreateServiceAccount")) {
            return createdServiceAccount(payload);
        }
        return null;
    }

    /** CreateServiceAccount names the new account in its response, or by account id and project. */
    private static String createdServiceAccount(JsonNode payload) {
        String email = Json.text(payload, "response", "email");
        if (email == null) {
            email = Json.text(payload, "request", "service_account", "email");
        }
        if (email != null) {
            return email;
        }
        String accountId = Json.text(payload, "request", "account_id");
        String project = Json.text(payload, "request", "name");
        if (accountId == null || project == null || !project.startsWith("projects/")) {
            return null;
        }
        String projectId = project.substring("projects/".length());
        // Documented form for user-created accounts; domain-scoped projects ("example.com:p") differ.
        if (projectId.isEmpty() || projectId.indexOf('/') >= 0 || projectId.indexOf(':') >= 0) {
            return null;
        }
        return accountId + "@" + projectId + ".iam.gserviceaccount.com";
    }

    private static String afterServiceAccounts(String name) {
        if (name == null) {
            return null;
        }
        int i = name.indexOf(SERVICE_ACCOUNTS);
        if (i < 0) {
            return null;
        }
        int start = i + SERVICE_ACCOUNTS.length();
        int end = name.indexOf('/', start);
        String id = end < 0 ? name.substring(start) : name.substring(start, end);
        return emptyToNull(id);
    }

    private static String emptyToNull(String s) {
        return s == null || s.isEmpty() ? null : s;
    }

    private static void put(AuditEvent e, String key, String value) {
        if (value != null) {
            e.resources.put(key, value);
        }
    }
}
