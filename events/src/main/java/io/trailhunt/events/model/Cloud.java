package io.trailhunt.events.model;

/** The cloud an audit event was written by. */
public enum Cloud {
    AWS,
    GCP,
    AZURE;

    /** The lower-case name used in findings and configuration ("aws", "gcp", "azure"). */
    public String id() {
        return name().toLowerCase(java.util.Locale.ROOT);
    }
}
