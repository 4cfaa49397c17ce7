package io.trailhunt.detectors.suppress;

import io.trailhunt.events.model.Evidence;
import io.trailhunt.events.model.Finding;

import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Set;

/**
 * What the suppression step makes of repeats: each is folded into the finding that was let
 * through (count, time span, addresses, evidence), and when the window closes the folded finding
 * goes out once more as an update of the same id. Plain Java; the Flink function keeps the state.
 */
public final class RepeatFolder {
    /** Addresses kept on an update, as many as evidence events. */
    static final int MAX_SOURCE_IPS = Finding.MAX_EVIDENCE;

    private RepeatFolder() {}

    /** The copy kept in state for a finding let through: later folds never touch the record sent on. */
    public static Finding start(Finding f) {
        Finding c = new Finding();
        c.findingId = f.findingId;
        c.ruleId = f.ruleId;
        c.title = f.title;
        c.severity = f.severity;
        c.riskScore = f.riskScore;
        c.mitre = new ArrayList<>(f.mitre);
        c.cloud = f.cloud;
        c.account = f.account;
        c.principal = f.principal;
        c.principalType = f.principalType;
        c.firstSeen = f.firstSeen;
        c.lastSeen = f.lastSeen;
        c.sourceIps = new ArrayList<>(f.sourceIps);
        c.geo = f.geo;
        c.evidence = new ArrayList<>(f.evidence);
        c.evidenceOmitted = f.evidenceOmitted;
        c.explanation = f.explanation;
        c.subject = f.subject;
        c.facts = new LinkedHashMap<>(f.facts);
        c.count = f.count;
        return c;
    }

    /** Adds a repeat to the kept finding; marks it as having something to update. */
    public static void fold(Finding kept, Finding repeat) {
        kept.count += repeat.count;
        kept.update = true;
        kept.firstSeen = Math.min(kept.firstSeen, repeat.firstSeen);
        if (repeat.lastSeen >= kept.lastSeen) {
            kept.lastSeen = repeat.lastSeen;
            if (repeat.geo != null) {
                kept.geo = repeat.geo;
            }
        }
        for (String ip : repeat.sourceIps) {
            if (kept.sourceIps.size() < MAX_SOURCE_IPS && !kept.sourceIps.contains(ip)) {
                kept.sourceIps.add(ip);
            }
        }
        Set<String> known = new HashSet<>();
        for (Evidence e : kept.evidence) {
            known.add(e.eventId);
        }
        List<Evidence> added = new ArrayList<>();
        for (Evidence e : repeat.evidence) {
            if (e.eventId == null || known.add(e.eventId)) {
                added.add(e);
            }
        }
        List<Evidence> all = new ArrayList<>(kept.evidence);
        all.addAll(added);
        all.sort((a, b) -> Long.compare(a.eventTime, b.eventTime));
        kept.evidenceOmitted += repeat.evidenceOmitted;
        int half = Finding.MAX_EVIDENCE / 2;
        if (all.size() > Finding.MAX_EVIDENCE) {
            // as the finding builder does: the first and the last events of the story, the middle counted
            kept.evidenceOmitted += all.size() - Finding.MAX_EVIDENCE;
            List<Evidence> ends = new ArrayList<>(all.subList(0, half));
            ends.addAll(all.subList(all.size() - half, all.size()));
            all = ends;
        }
        kept.evidence = all;
    }

    /** The update sent when the window closes, or null when nothing was folded into the kept finding. */
    public static Finding update(Finding kept, long windowMillis) {
        if (!kept.update) {
            return null;
        }
        Finding u = start(kept);
        u.update = true;
        u.explanation = kept.explanation + " Update: the rule concluded this " + kept.count + " times in all, the last at "
                + Instant.ofEpochMilli(kept.lastSeen) + "; the repeats within the " + java.time.Duration.ofMillis(windowMillis).toMinutes()
                + "-minute suppression window were folded into this finding.";
        return u;
    }
}
