package io.trailhunt.enrichment.geoip;

import java.io.Serializable;

/**
 * Processing time for the database update check, replaceable in tests. Only decides when files
 * are looked at again; detection logic never sees it.
 */
@FunctionalInterface
public interface Ticker extends Serializable {
    long nanos();

    static Ticker system() {
        return System::nanoTime;
    }
}
