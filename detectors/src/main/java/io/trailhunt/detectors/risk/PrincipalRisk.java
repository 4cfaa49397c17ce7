package io.trailhunt.detectors.risk;

import io.trailhunt.detectors.DetectorContext;
import io.trailhunt.detectors.PrincipalRef;
import io.trailhunt.events.finding.FindingBuilder;
import io.trailhunt.events.model.AuditEvent;
import io.trailhunt.events.model.Evidence;
import io.trailhunt.events.model.Finding;
import io.trailhunt.events.model.Severity;

import java.io.Serializable;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.TreeSet;

/**
 * {@code principal-risk}: the findings of every rule about one principal, added up over a sliding
 * window into a risk score (each finding's risk score, which rules set from severity and
 * confidence, times the rule's weight, halving every half-life). When the score reaches the
 * threshold with at least {@code min-rules} rules contributing, one finding is reported
 * {@code report-delay} later in event time, listing the contributing findings in time order, so
 * a campaign (credential probing, recon, exfiltration) reads as one story. The principal is not
 * reported again until its score has fallen below half the threshold.
 *
 * <p>Plain Java over findings (not a {@code Detector}: detectors see events, and do not see each
 * other's findings); {@link PrincipalRiskFunction} hosts it after suppression.
 */
public final class PrincipalRisk implements Serializable {
    public static final String RULE_ID = "principal-risk";
    private static final long serialVersionUID = 1L;

    private final RiskSettings settings;

    public PrincipalRisk(RiskSettings settings) {
        this.settings = settings;
    }

    public RiskSettings settings() {
        return settings;
    }

    public RiskState onFinding(RiskState state, Finding f, DetectorContext ctx) {
        if (RULE_ID.equals(f.ruleId) || settings.weight(f.ruleId) <= 0 || allowed(f)) {
            return state; // never its own findings: a risk finding must not feed itself
        }
        RiskState s = state;
        if (s == null) {
            s = new RiskState();
            s.who = new PrincipalRef();
            s.who.cloud = f.cloud;
            s.who.account = f.account;
            s.who.principal = f.principal;
            s.who.principalType = f.principalType;
        }
        s.contributions.add(contribution(f));
        s.newest = Math.max(s.newest, f.lastSeen);
        // A report that is due keeps its story: a finding from a window later may arrive before its timer.
        prune(s, s.reportAt == Long.MIN_VALUE ? s.newest : Math.min(s.newest, s.reportAt));
        if (s.reportAt == Long.MIN_VALUE) {
            if (!s.armed && score(s, s.newest) < settings.threshold() / 2) {
                s.armed = true;
            }
            scheduleIfOver(s, ctx);
        }
        ctx.registerTimer(s.newest + settings.window().toMillis());
        return s;
    }

    private void scheduleIfOver(RiskState s, DetectorContext ctx) {
        if (s.armed && score(s, s.newest) >= settings.threshold() && rules(s).size() >= settings.minRules()) {
            s.reportAt = s.newest + settings.reportDelay().toMillis();
            ctx.registerTimer(s.reportAt);
        }
    }

    public RiskState onTimer(RiskState s, long timestamp, DetectorContext ctx) {
        if (s.reportAt != Long.MIN_VALUE && timestamp >= s.reportAt) {
            long due = s.reportAt;
            s.reportAt = Long.MIN_VALUE;
            if (report(s, due, ctx)) {
                s.armed = false;
            } else {
                scheduleIfOver(s, ctx);
            }
        }
        prune(s, timestamp);
        if (s.contributions.isEmpty() && s.reportAt == Long.MIN_VALUE) {
            return null;
        }
        if (!s.armed && score(s, timestamp) < settings.threshold() / 2) {
            s.armed = true;
        }
        return s;
    }

    private boolean allowed(Finding f) {
        if (settings.allow().isEmpty()) {
            return false;
        }
        AuditEvent e = new AuditEvent();
        e.principal = f.principal;
        e.sourceIp = f.sourceIps.isEmpty() ? null : f.sourceIps.get(0);
        e.geo = f.geo;
        return settings.allow().allows(e);
    }

    private Contribution contribution(Finding f) {
        Contribution c = new Contribution();
        c.findingId = f.findingId;
        c.ruleId = f.ruleId;
        c.title = f.title;
        c.severity = f.severity;
        c.riskScore = f.riskScore;
        c.points = f.riskScore * settings.weight(f.ruleId);
        c.firstSeen = f.firstSeen;
        c.lastSeen = f.lastSeen;
        c.subject = f.subject;
        c.sourceIp = f.sourceIps.isEmpty() ? null : f.sourceIps.get(0);
        c.mitre = String.join(",", f.mitre);
        return c;
    }

    /** Drops contributions that have left the window; beyond the cap, the weakest. */
    private void prune(RiskState s, long now) {
        long horizon = now - settings.window().toMillis();
        s.contributions.removeIf(c -> c.lastSeen <= horizon);
        long half = settings.halfLife().toMillis();
        while (s.contributions.size() > settings.maxContributions()) {
            Contribution weakest = s.contributions.stream().min(Comparator.comparingDouble(c -> c.decayed(now, half))).orElseThrow();
            s.contributions.remove(weakest);
        }
    }

    /** The decayed sum at {@code now} of the contributions up to then. */
    public double score(RiskState s, long now) {
        double sum = 0;
        long half = settings.halfLife().toMillis();
        for (Contribution c : s.contributions) {
            if (c.lastSeen <= now) {
                sum += c.decayed(now, half);
            }
        }
        return sum;
    }

    private static Set<String> rules(RiskState s) {
        Set<String> rules = new TreeSet<>();
        s.contributions.forEach(c -> rules.add(c.ruleId));
        return rules;
    }

    /**
     * Reports the contributions up to {@code now}; false when none is left to report: findings that
     * arrived after the report was scheduled, with times a window later, pushed the story out.
     */
    private boolean report(RiskState s, long now, DetectorContext ctx) {
        List<Contribution> story = new ArrayList<>(s.contributions);
        story.removeIf(c -> c.lastSeen > now);
        if (story.isEmpty()) {
            return false;
        }
        story.sort(Comparator.comparingLong((Contribution c) -> c.firstSeen).thenComparing(c -> c.ruleId));
        double score = score(s, now);
        Severity severity = Severity.HIGH;
        Set<String> mitre = new LinkedHashSet<>();
        Set<String> rules = new LinkedHashSet<>();
        StringBuilder timeline = new StringBuilder();
        for (Contribution c : story) {
            severity = severity.max(c.severity);
            rules.add(c.ruleId);
            if (c.mitre != null && !c.mitre.isEmpty()) {
                mitre.addAll(List.of(c.mitre.split(",")));
            }
            timeline.append(timeline.length() == 0 ? "" : "; ").append(Instant.ofEpochMilli(c.firstSeen)).append(' ').append(c.ruleId)
                    .append(" (").append(c.title).append(')');
        }
        String scoreText = String.format(Locale.ROOT, "%.0f", score);
        FindingBuilder f = FindingBuilder.rule(RULE_ID)
                .about(s.who.asEvent())
                .title("Risk " + scoreText + " from " + rules.size() + " rules: " + String.join(", ", rules))
                .severity(severity)
                .riskScore((int) Math.min(100, Math.round(75 * score / settings.threshold())))
                .mitre(mitre.toArray(new String[0]))
                .subject("risk")
                .fact("score", scoreText)
                .fact("threshold", String.format(Locale.ROOT, "%.0f", settings.threshold()))
                .fact("rules", String.join(", ", rules))
                .fact("findings", story.size())
                .fact("window", settings.window().toHours() + "h")
                .fact("half_life", settings.halfLife().toMinutes() + "m");
        for (Contribution c : story) {
            f.evidence(evidence(c, now, settings.halfLife().toMillis()));
        }
        f.explanation(s.who.principal + " has " + story.size() + " findings from " + rules.size() + " rules adding up to a risk of " + scoreText
                + " (threshold " + String.format(Locale.ROOT, "%.0f", settings.threshold()) + ", decayed to " + Instant.ofEpochMilli(now)
                + "). In time order: " + timeline + ". Read them as one story: contain the principal first, then review each finding.");
        ctx.emit(f.build());
        return true;
    }

    private static Evidence evidence(Contribution c, long now, long halfLife) {
        Evidence ev = new Evidence();
        ev.eventId = c.findingId;
        ev.eventTime = c.firstSeen;
        ev.service = "trailhunt";
        ev.action = c.ruleId;
        ev.sourceIp = c.sourceIp;
        ev.withDetail("finding_id", c.findingId).withDetail("title", c.title).withDetail("severity", c.severity == null ? null : c.severity.id())
                .withDetail("risk_score", Integer.toString(c.riskScore))
                .withDetail("points_now", String.format(Locale.ROOT, "%.1f", c.decayed(now, halfLife)))
                .withDetail("subject", c.subject)
                .withDetail("last_seen", Instant.ofEpochMilli(c.lastSeen).toString());
        return ev;
    }
}
