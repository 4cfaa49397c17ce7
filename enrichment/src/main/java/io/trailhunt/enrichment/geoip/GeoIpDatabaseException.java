package io.trailhunt.enrichment.geoip;

import java.io.IOException;

/** A database file that cannot be used: missing, unreadable, not a MaxMind DB, or of the wrong type. */
public class GeoIpDatabaseException extends IOException {
    private static final long serialVersionUID = 1L;

    private final DatabaseKind kind;

    GeoIpDatabaseException(DatabaseKind kind, String message, Throwable cause) {
        super(message, cause);
        this.kind = kind;
    }

    public DatabaseKind kind() {
        return kind;
    }
}
