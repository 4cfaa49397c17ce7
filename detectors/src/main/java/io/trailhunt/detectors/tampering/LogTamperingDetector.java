package io.trailhunt.detectors.tampering;

import io.trailhunt.detectors.Detector;
import io.trailhunt.detectors.DetectorContext;
import io.trailhunt.events.finding.FindingBuilder;
import io.trailhunt.events.model.AuditEvent;
import io.trailhunt.events.model.Evidence;
import io.trailhunt.events.model.PrincipalType;
import io.trailhunt.events.model.Severity;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;

/**
 * {@code log-tampering}: a principal stopped, deleted or weakened audit logging (CloudTrail,
 * VPC flow logs, DNS query logs, AWS Config, GCP sinks and audit configs, Azure diagnostic
 * settings). Reported on success only; the principal's failed attempts in the preceding window
 * are part of the evidence, because an attacker probing for the permission is the same story.
 */
public final class LogTamperingDetector implements Detector<LogTamperingState> {
    public static final String RULE_ID = "log-tampering";
    private static final long serialVersionUID = 1L;

    private final LogTamperingSettings settings;

    public LogTamperingDetector(LogTamperingSettings settings) {
        this.settings = settings;
    }

    @Override
    public String ruleId() {
        return RULE_ID;
    }

    @Override
    public Class<LogTamperingState> stateClass() {
        return LogTamperingState.class;
    }

    @Override
    public Duration stateTtl() {
        return settings.failedAttemptWindow().plusDays(1);
    }

    @Override
    public boolean accepts(AuditEvent event) {
        return TamperingCatalog.isCandidate(event);
    }

    @Override
    public LogTamperingState onEvent(LogTamperingState state, AuditEvent event, DetectorContext ctx) {
        Tampering t = TamperingCatalog.classify(event);
        if (t == null || settings.allow().allows(event)) {
            return state;
        }
        if (event.failed()) {
            return remember(state, event, t, ctx);
        }
        if (!event.succeeded()) {
            return state;
        }
        List<Evidence> attempts = recentAttempts(state, event.eventTime);
        int failures = attempts.size() + (state == null ? 0 : state.attemptsDropped);
        FindingBuilder b = FindingBuilder.rule(RULE_ID)
                .about(event)
                .title(title(t))
                .severity(severity(t, event, failures))
                .mitre("T1562.008")
                .subject(t.kind() + ":" + (t.target() == null ? "" : t.target()))
                .fact("tampering", t.kind())
                .fact("target", t.target())
                .fact("failed_attempts", failures)
                .evidence(event);
        b.evidence(attempts);
        b.explanation(explain(event, t, failures));
        ctx.emit(b.build());
        return null; // the attempts are told; a later success starts a new story
    }

    @Override
    public LogTamperingState onTimer(LogTamperingState state, long timestamp, DetectorContext ctx) {
        long horizon = timestamp - settings.failedAttemptWindow().toMillis();
        Iterator<Evidence> it = state.failedAttempts.iterator();
        while (it.hasNext()) {
            if (it.next().eventTime <= horizon) {
                it.remove();
            }
        }
        return state.failedAttempts.isEmpty() ? null : state;
    }

    /** Failed attempts within the window before {@code time}; the timer may not have pruned older ones yet. */
    private List<Evidence> recentAttempts(LogTamperingState state, long time) {
        List<Evidence> recent = new ArrayList<>();
        if (state != null) {
            long horizon = time - settings.failedAttemptWindow().toMillis();
            for (Evidence ev : state.failedAttempts) {
                if (ev.eventTime > horizon && ev.eventTime <= time) {
                    recent.add(ev);
                }
            }
        }
        return recent;
    }

    private LogTamperingState remember(LogTamperingState state, AuditEvent event, Tampering t, DetectorContext ctx) {
        LogTamperingState s = state == null ? new LogTamperingState() : state;
        if (s.failedAttempts.size() >= LogTamperingState.MAX_ATTEMPTS) {
            s.failedAttempts.remove(0);
            s.attemptsDropped++;
        }
        s.failedAttempts.add(Evidence.of(event).withDetail("tampering", t.kind()));
        ctx.registerTimer(event.eventTime + settings.failedAttemptWindow().toMillis());
        return s;
    }

    private static Severity severity(Tampering t, AuditEvent event, int failures) {
        Severity s = t.severity();
        // Root should never touch logging, and probing before succeeding is intent.
        if (event.principalType == PrincipalType.ROOT || failures > 0) {
            s = s.raise();
        }
        return s;
    }

    private static String title(Tampering t) {
        switch (t.kind()) {
            case "trail-stopped":
                return "CloudTrail logging stopped";
            case "trail-deleted":
                return "CloudTrail trail deleted";
            case "trail-weakened":
                return "CloudTrail trail weakened";
            case "event-selectors-narrowed":
                return "CloudTrail event selectors narrowed";
            case "flow-logs-deleted":
                return "VPC flow logs deleted";
            case "dns-query-logs-deleted":
                return "DNS query logging deleted";
            case "config-recorder-stopped":
            case "config-delivery-deleted":
                return "AWS Config recording disabled";
            case "diagnostic-setting-deleted":
                return "Azure diagnostic setting deleted";
            case "log-profile-deleted":
                return "Azure Activity Log profile deleted";
            case "audit-config-removed":
                return "GCP audit logging configuration removed";
            case "audit-log-exemption-added":
                return "GCP audit logging exemption added";
            default:
                return "GCP logging configuration changed";
        }
    }

    private static String explain(AuditEvent e, Tampering t, int failures) {
        StringBuilder sb = new StringBuilder();
        sb.append(e.principal).append(' ').append(t.description());
        if (e.region != null) {
            sb.append(" in ").append(e.region);
        }
        if (e.sourceIp != null) {
            sb.append(" from ").append(e.sourceIp);
        }
        sb.append('.');
        if (failures > 0) {
            sb.append(" It had failed ").append(failures).append(failures == 1 ? " time" : " times").append(" before succeeding.");
        }
        sb.append(" Audit records may be missing from this point: confirm the change was authorised, restore logging, and review what this principal did next.");
        return sb.toString();
    }
}
