package io.trailhunt.events.model;

/** Whether the audited call did what it asked for. UNKNOWN when the log does not say. */
public enum Outcome {
    SUCCESS,
    FAILURE,
    UNKNOWN;

    public String id() {
        return name().toLowerCase(java.util.Locale.ROOT);
    }
}
