package io.trailhunt.detectors.common;

import io.trailhunt.events.finding.FindingBuilder;
import io.trailhunt.events.model.AuditEvent;
import io.trailhunt.events.model.Finding;
import io.trailhunt.events.model.Severity;

/**
 * What a detector sends for an event its quiet period keeps from being a new finding: a small
 * repeat under the subject of the finding that opened the quiet period, so the suppression step
 * counts it (and its address and evidence) into that finding's update instead of losing it.
 */
public final class Repeats {
    private Repeats() {}

    public static Finding of(String ruleId, String subject, Severity severity, AuditEvent e) {
        Finding f = FindingBuilder.rule(ruleId)
                .about(e)
                .title("repeat")
                .severity(severity)
                .subject(subject)
                .evidence(e)
                .build();
        f.repeat = true;
        return f;
    }
}
