package io.trailhunt.events.model;

/** What kind of audit record this is, normalized across clouds. */
public enum Category {
    /** Control-plane calls: CloudTrail management events, GCP admin activity, Azure Activity Log, Entra audit. */
    MANAGEMENT,
    /** Data-plane reads and writes: S3 data events, GCP data access, Azure storage logs. */
    DATA,
    /** Interactive and non-interactive sign-ins: AWS ConsoleLogin, Entra sign-in logs. */
    SIGN_IN,
    OTHER;

    public String id() {
        return name().toLowerCase(java.util.Locale.ROOT).replace('_', '-');
    }
}
