package io.trailhunt.events.decode.gcp;

import io.trailhunt.events.model.Category;

/** What a LogEntry's logName says: which project (or organization) and which audit log. */
final class GcpLogNames {
    private static final String LOGS = "/logs/";

    private GcpLogNames() {}

    /**
     * The project id from the resource label, else from {@code projects/<id>/logs/...}. Entries
     * of organizations, folders and billing accounts have no project: their parent is kept whole
     * ({@code organizations/123}) so it cannot be mistaken for a project id.
     */
    static String account(String projectIdLabel, String logName) {
        if (projectIdLabel != null) {
            return projectIdLabel;
        }
        if (logName == null) {
            return null;
        }
        int logs = logName.indexOf(LOGS);
        if (logs <= 0) {
            return null;
        }
        String parent = logName.substring(0, logs);
        if (parent.startsWith("projects/")) {
            String id = parent.substring("projects/".length());
            return id.isEmpty() ? null : id;
        }
        if (parent.startsWith("organizations/") || parent.startsWith("folders/") || parent.startsWith("billingAccounts/")) {
            return parent;
        }
        return null;
    }

    /** Data Access logs are data-plane; Admin Activity, System Event and Policy Denied logs control-plane. */
    static Category category(String logName) {
        if (logName == null) {
            return Category.OTHER;
        }
        int logs = logName.lastIndexOf(LOGS);
        // Only the log id counts: a project named "activity-tracker" must not make every log MANAGEMENT.
        String logId = logs < 0 ? logName : logName.substring(logs + LOGS.length());
        if (logId.contains("data_access")) {
            return Category.DATA;
        }
        if (logId.contains("activity") || logId.contains("system_event") || logId.contains("policy")) {
            return Category.MANAGEMENT;
        }
        return Category.OTHER;
    }
}
