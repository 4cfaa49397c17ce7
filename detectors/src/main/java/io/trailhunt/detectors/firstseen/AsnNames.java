package io.trailhunt.detectors.firstseen;

import java.util.HashMap;
import java.util.Map;

/**
 * "AS29518" for 29518, the same String object each time: state maps are keyed by these names, and a
 * fresh string per event would be hashed afresh on every lookup. One per detector instance (one task
 * thread); bounded, since the world has fewer than a hundred thousand ASNs in use.
 */
final class AsnNames {
    private static final int MAX = 100_000;
    private final Map<Long, String> names = new HashMap<>();

    String of(Long asn) {
        String name = names.get(asn);
        if (name == null) {
            if (names.size() >= MAX) {
                names.clear();
            }
            name = "AS" + asn;
            names.put(asn, name);
        }
        return name;
    }
}
