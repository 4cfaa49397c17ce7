package io.trailhunt.events.model;

/** Finding severity, ordered from least to most urgent. */
public enum Severity {
    LOW,
    MEDIUM,
    HIGH,
    CRITICAL;

    public String id() {
        return name().toLowerCase(java.util.Locale.ROOT);
    }

    public Severity max(Severity other) {
        return other != null && other.ordinal() > ordinal() ? other : this;
    }

    /** One step more urgent, capped at CRITICAL. */
    public Severity raise() {
        return this == CRITICAL ? CRITICAL : values()[ordinal() + 1];
    }
}
