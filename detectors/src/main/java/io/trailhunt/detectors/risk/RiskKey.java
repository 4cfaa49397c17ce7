package io.trailhunt.detectors.risk;

import io.trailhunt.events.model.Finding;
import io.trailhunt.events.model.PrincipalType;

/** The key findings are added up by: the principal, and for anonymous callers their first source address (as {@code host.DetectorKey}). */
public final class RiskKey {
    private RiskKey() {}

    public static String of(Finding f) {
        String key = f.principalKey();
        if (f.principalType == PrincipalType.ANONYMOUS && !f.sourceIps.isEmpty()) {
            return key + "|" + f.sourceIps.get(0);
        }
        return key;
    }
}
