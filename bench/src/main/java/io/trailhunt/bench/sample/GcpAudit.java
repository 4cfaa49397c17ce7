package io.trailhunt.bench.sample;

import com.fasterxml.jackson.databind.node.ObjectNode;

import java.time.Instant;
import java.util.Random;

/** Writes GCP Cloud Audit Log entries (LogEntry with an AuditLog protoPayload). */
final class GcpAudit {
    static final String PROJECT = "acme-analytics";

    private final Random random;

    GcpAudit(Random random) {
        this.random = random;
    }

    /**
     * @param kind "activity" or "data_access"
     */
    ObjectNode entry(Instant t, String kind, String principal, String ip, String userAgent, String service, String method,
                     String resourceName, String resourceType, String bucket) {
        ObjectNode e = Json.object();
        ObjectNode p = e.putObject("protoPayload");
        p.put("@type", "type.googleapis.com/google.cloud.audit.AuditLog");
        p.putObject("status");
        p.putObject("authenticationInfo").put("principalEmail", principal);
        ObjectNode meta = p.putObject("requestMetadata");
        meta.put("callerIp", ip);
        meta.put("callerSuppliedUserAgent", userAgent);
        meta.putObject("requestAttributes").put("time", Json.MICROS.format(t));
        meta.putObject("destinationAttributes");
        p.put("serviceName", service);
        p.put("methodName", method);
        ObjectNode authz = p.putArray("authorizationInfo").addObject();
        authz.put("resource", resourceName);
        authz.put("permission", method.startsWith("storage.") ? method : service.replace(".googleapis.com", "") + ".update");
        authz.put("granted", true);
        authz.putObject("resourceAttributes");
        p.put("resourceName", resourceName);
        e.put("insertId", Long.toHexString(random.nextLong()).substring(0, 12));
        ObjectNode res = e.putObject("resource");
        res.put("type", resourceType);
        ObjectNode labels = res.putObject("labels");
        labels.put("project_id", PROJECT);
        if (bucket != null) {
            labels.put("bucket_name", bucket);
            labels.put("location", "us-central1");
        }
        e.put("timestamp", Json.MICROS.format(t));
        e.put("severity", kind.equals("data_access") ? "INFO" : "NOTICE");
        e.put("logName", "projects/" + PROJECT + "/logs/cloudaudit.googleapis.com%2F" + kind);
        e.put("receiveTimestamp", Json.MICROS.format(t.plusMillis(400 + random.nextInt(800))));
        return e;
    }

    /** The call authenticated with a service-account key file: Cloud Audit Logs name the key. */
    static ObjectNode withKey(ObjectNode entry, String keyName) {
        ((ObjectNode) entry.get("protoPayload").get("authenticationInfo")).put("serviceAccountKeyName", keyName);
        return entry;
    }

    static ObjectNode denied(ObjectNode entry) {
        ObjectNode status = (ObjectNode) entry.get("protoPayload").get("status");
        status.put("code", 7);
        status.put("message", "PERMISSION_DENIED");
        ((ObjectNode) entry.get("protoPayload").get("authorizationInfo").get(0)).put("granted", false);
        entry.put("severity", "ERROR");
        return entry;
    }
}
