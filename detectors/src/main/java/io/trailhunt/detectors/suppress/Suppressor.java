package io.trailhunt.detectors.suppress;

import io.trailhunt.events.model.Finding;

import java.io.Serializable;

/**
 * Decides whether a finding repeats one already reported: same rule, principal and subject, within
 * the rule's window of the last one let through. Plain Java; the Flink function keeps the times.
 */
public final class Suppressor implements Serializable {
    private static final long serialVersionUID = 1L;

    private final SuppressionSettings settings;

    public Suppressor(SuppressionSettings settings) {
        this.settings = settings;
    }

    /** The key findings are partitioned by before suppression. */
    public static String key(Finding f) {
        return f.ruleId + "|" + f.principalKey();
    }

    public static String subject(Finding f) {
        return f.subject == null ? "" : f.subject;
    }

    /** @param lastReported event time of the last finding let through for this subject, or null */
    public boolean isRepeat(Finding f, Long lastReported) {
        long window = windowMillis(f.ruleId);
        return lastReported != null && window > 0 && Math.abs(f.lastSeen - lastReported) < window;
    }

    public long windowMillis(String ruleId) {
        return settings.windowFor(ruleId).toMillis();
    }

    public SuppressionSettings settings() {
        return settings;
    }
}
