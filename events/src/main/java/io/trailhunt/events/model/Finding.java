package io.trailhunt.events.model;

import org.apache.flink.api.common.typeinfo.TypeInfo;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * What a rule concluded about one principal, with the events it rests on. Serialized as one JSON
 * object per line by {@code FindingJson} in the schema of DESIGN.md.
 */
public class Finding {
    /** At most this many evidence events are kept; the rest are counted in {@link #evidenceOmitted}. */
    public static final int MAX_EVIDENCE = 50;

    /** Deterministic: the same rule over the same events always yields the same id, across replays. */
    public String findingId;
    public String ruleId;
    public String title;
    public Severity severity;
    /** 0-100. */
    public int riskScore;
    /** MITRE ATT&CK technique ids, e.g. "T1562.008". */
    @TypeInfo(StringListTypeInfoFactory.class)
    public List<String> mitre = new ArrayList<>();

    public Cloud cloud;
    public String account;
    public String principal;
    public PrincipalType principalType;
    public long firstSeen;
    public long lastSeen;
    @TypeInfo(StringListTypeInfoFactory.class)
    public List<String> sourceIps = new ArrayList<>();
    /** Where the principal acted from, when known (the most recent evidence event's location). */
    public Geo geo;
    @TypeInfo(EvidenceListTypeInfoFactory.class)
    public List<Evidence> evidence = new ArrayList<>();
    /** Evidence events beyond {@link #MAX_EVIDENCE} that were left out. */
    public int evidenceOmitted;
    public String explanation;
    /**
     * What the finding is about within its principal (a trail, a snapshot, a bucket): findings of
     * one rule for one principal with the same subject are duplicates for suppression.
     */
    public String subject;
    /** Numbers and names an analyst can check: counts, distances, thresholds. */
    @TypeInfo(StringMapTypeInfoFactory.class)
    public Map<String, String> facts = new LinkedHashMap<>();
    /**
     * How many times the rule concluded this about the principal and subject: 1, or the total once
     * the suppression step has folded repeats within its window into this finding.
     */
    public int count = 1;
    /**
     * False as first reported. True for the one update the suppression step sends when the window
     * of a finding with folded repeats closes: the same finding id, the total count, the last time
     * seen, the repeats' addresses and evidence added. Sinks that key by finding id upsert it.
     */
    public boolean update;
    /**
     * Internal, never written: a detector's repeat of a finding within its own quiet period, sent
     * only so that the suppression step can count it into the open finding ({@link #count}). The
     * suppression step never lets one through.
     */
    public boolean repeat;

    public Finding() {}

    public String principalKey() {
        return AuditEvent.principalKey(cloud, account, principal);
    }

    @Override
    public boolean equals(Object o) {
        if (this == o) {
            return true;
        }
        if (!(o instanceof Finding)) {
            return false;
        }
        Finding f = (Finding) o;
        return riskScore == f.riskScore
                && firstSeen == f.firstSeen
                && lastSeen == f.lastSeen
                && evidenceOmitted == f.evidenceOmitted
                && count == f.count
                && update == f.update
                && repeat == f.repeat
                && Objects.equals(findingId, f.findingId)
                && Objects.equals(ruleId, f.ruleId)
                && Objects.equals(title, f.title)
                && severity == f.severity
                && Objects.equals(mitre, f.mitre)
                && cloud == f.cloud
                && Objects.equals(account, f.account)
                && Objects.equals(principal, f.principal)
                && principalType == f.principalType
                && Objects.equals(sourceIps, f.sourceIps)
                && Objects.equals(geo, f.geo)
                && Objects.equals(evidence, f.evidence)
                && Objects.equals(explanation, f.explanation)
                && Objects.equals(subject, f.subject)
                && Objects.equals(facts, f.facts);
    }

    @Override
    public int hashCode() {
        return Objects.hash(findingId, ruleId, principal);
    }

    @Override
    public String toString() {
        return "Finding{" + (update ? "update x" + count + " " : "") + ruleId + " " + severity + " " + principal + " subject=" + subject + " evidence=" + evidence.size() + " id=" + findingId + "}";
    }
}
