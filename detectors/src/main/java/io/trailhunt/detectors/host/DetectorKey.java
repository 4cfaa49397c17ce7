package io.trailhunt.detectors.host;

import io.trailhunt.events.model.AuditEvent;
import io.trailhunt.events.model.PrincipalType;

/**
 * The key the keyed detectors partition events by: the principal key, except for anonymous
 * callers, which are one "principal" per cloud account but many actors: they are keyed by their
 * source address as well. So a scanner's calls on public buckets are counted per address, and the
 * anonymous traffic of a busy public bucket is spread over subtasks instead of making one hot key.
 */
public final class DetectorKey {
    private DetectorKey() {}

    public static String of(AuditEvent e) {
        String key = e.principalKey();
        if (e.principalType == PrincipalType.ANONYMOUS && e.sourceIp != null) {
            return key + "|" + e.sourceIp;
        }
        return key;
    }
}
