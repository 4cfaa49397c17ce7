package io.trailhunt.detectors.common;

import io.trailhunt.events.model.AuditEvent;
import io.trailhunt.events.model.PrincipalType;

/** Which events have a principal whose own history means something. */
public final class Principals {
    private Principals() {}

    /**
     * False for events without a principal (they would all share one key), for anonymous callers
     * (everyone on the internet is "anonymous") and for the cloud's own services acting.
     */
    public static boolean tracked(AuditEvent e) {
        return e.principal != null && !e.principal.isEmpty()
                && e.principalType != PrincipalType.ANONYMOUS && e.principalType != PrincipalType.CLOUD_SERVICE;
    }
}
