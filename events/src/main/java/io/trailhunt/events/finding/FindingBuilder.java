package io.trailhunt.events.finding;

import io.trailhunt.events.decode.EventIds;
import io.trailhunt.events.model.AuditEvent;
import io.trailhunt.events.model.Evidence;
import io.trailhunt.events.model.Finding;
import io.trailhunt.events.model.Geo;
import io.trailhunt.events.model.Severity;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * Assembles a {@link Finding} the same way for every rule: time span, source addresses and
 * location from the evidence, evidence in time order and capped, and an id derived from the rule,
 * the principal, the subject and the evidence, so a replay of the same events yields the same id.
 */
public final class FindingBuilder {
    private final Finding f = new Finding();
    private final List<Evidence> evidence = new ArrayList<>();
    private double confidence = 1;
    private Geo latestGeo;
    private long latestGeoTime = Long.MIN_VALUE;

    private FindingBuilder(String ruleId) {
        f.ruleId = ruleId;
    }

    public static FindingBuilder rule(String ruleId) {
        return new FindingBuilder(ruleId);
    }

    /** Whose finding this is: cloud, account, principal and its type, from one of its events. */
    public FindingBuilder about(AuditEvent e) {
        f.cloud = e.cloud;
        f.account = e.account;
        f.principal = e.principal;
        f.principalType = e.principalType;
        return this;
    }

    public FindingBuilder title(String title) {
        f.title = title;
        return this;
    }

    public FindingBuilder severity(Severity severity) {
        f.severity = severity;
        return this;
    }

    /**
     * How strongly the evidence bears the finding out, 0-1, for rules that measure (how far past its
     * threshold); stated as the fact {@code confidence}. A risk score derived from the severity is
     * scaled by it; without it the confidence is 1.
     */
    public FindingBuilder confidence(double confidence) {
        this.confidence = Math.max(0, Math.min(1, confidence));
        return fact("confidence", String.format(Locale.ROOT, "%.2f", this.confidence));
    }

    /** 0-100; when not set, derived from the severity (and the confidence). */
    public FindingBuilder riskScore(int score) {
        f.riskScore = Math.max(0, Math.min(100, score));
        return this;
    }

    public FindingBuilder mitre(String... techniques) {
        f.mitre.addAll(Arrays.asList(techniques));
        return this;
    }

    public FindingBuilder explanation(String explanation) {
        f.explanation = explanation;
        return this;
    }

    public FindingBuilder subject(String subject) {
        f.subject = subject;
        return this;
    }

    public FindingBuilder fact(String name, Object value) {
        if (value != null) {
            f.facts.put(name, String.valueOf(value));
        }
        return this;
    }

    public FindingBuilder evidence(AuditEvent e) {
        evidence.add(Evidence.of(e));
        Geo g = e.geo != null ? e.geo : e.providerGeo;
        if (g != null && e.eventTime >= latestGeoTime) {
            latestGeo = g;
            latestGeoTime = e.eventTime;
        }
        return this;
    }

    public FindingBuilder evidence(Evidence ev) {
        evidence.add(ev);
        return this;
    }

    public FindingBuilder evidence(Iterable<Evidence> evs) {
        for (Evidence ev : evs) {
            evidence.add(ev);
        }
        return this;
    }

    public Finding build() {
        if (f.ruleId == null || f.severity == null || f.cloud == null || evidence.isEmpty()) {
            throw new IllegalStateException("a finding needs a rule, a severity, a principal and evidence: " + f);
        }
        evidence.sort(Comparator.comparingLong((Evidence e) -> e.eventTime).thenComparing(e -> String.valueOf(e.eventId)));
        f.firstSeen = evidence.get(0).eventTime;
        f.lastSeen = evidence.get(evidence.size() - 1).eventTime;
        Set<String> ips = new LinkedHashSet<>();
        for (Evidence e : evidence) {
            if (e.sourceIp != null) {
                ips.add(e.sourceIp);
            }
        }
        f.sourceIps.addAll(ips);
        f.geo = latestGeo;
        if (f.riskScore == 0) {
            f.riskScore = (int) Math.round(defaultRisk(f.severity) * confidence);
        }
        f.findingId = id(f, evidence);
        capEvidence();
        return f;
    }

    /** Keeps the first and the last halves of the allowance: how it started and how it ended. */
    private void capEvidence() {
        int n = evidence.size();
        if (n <= Finding.MAX_EVIDENCE) {
            f.evidence.addAll(evidence);
            return;
        }
        int head = Finding.MAX_EVIDENCE / 2;
        int tail = Finding.MAX_EVIDENCE - head;
        f.evidence.addAll(evidence.subList(0, head));
        f.evidence.addAll(evidence.subList(n - tail, n));
        f.evidenceOmitted = n - Finding.MAX_EVIDENCE;
    }

    private static String id(Finding f, List<Evidence> evidence) {
        StringBuilder sb = new StringBuilder(f.ruleId).append('\n').append(f.principalKey()).append('\n').append(f.subject);
        for (Evidence e : evidence) {
            sb.append('\n').append(e.eventId).append('@').append(e.eventTime);
        }
        String h = EventIds.sha256Hex(sb.toString());
        // UUID-shaped, which SIEMs index well.
        return h.substring(0, 8) + "-" + h.substring(8, 12) + "-" + h.substring(12, 16) + "-" + h.substring(16, 20) + "-" + h.substring(20, 32);
    }

    static int defaultRisk(Severity s) {
        switch (s) {
            case LOW:
                return 25;
            case MEDIUM:
                return 50;
            case HIGH:
                return 75;
            default:
                return 95;
        }
    }
}
