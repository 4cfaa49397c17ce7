package io.trailhunt.detectors.scores;

import io.trailhunt.events.model.Cloud;

import java.util.Arrays;
import java.util.Objects;

/**
 * One event with the novelty score a detector gave it: written to the optional scores output
 * (JSON lines, see {@link ScoredObservationJson}) so a SIEM can rank, threshold or join events
 * itself. A Flink POJO with arrays only, so it needs no type-info factories.
 */
public class ScoredObservation {
    public String ruleId;
    public String eventId;
    public long eventTime;
    public Cloud cloud;
    public String account;
    public String principal;
    public String service;
    public String action;
    public String sourceIp;
    /** Sum of the components' information content, in bits. */
    public double scoreBits;
    /** The component with the most bits. */
    public String mostNovel;
    /** Component names, their values for this event, and each value's information content in bits. */
    public String[] components;
    public String[] values;
    public double[] bits;
    /** Events the principal's own model had seen before this one. */
    public int historyEvents;
    /** True while the principal has too little history for a finding: the score is then only informative. */
    public boolean warmingUp;
    /** True when this event raised a finding. */
    public boolean reported;

    public ScoredObservation() {}

    @Override
    public boolean equals(Object o) {
        if (!(o instanceof ScoredObservation s)) {
            return false;
        }
        return eventTime == s.eventTime && Double.compare(scoreBits, s.scoreBits) == 0 && historyEvents == s.historyEvents
                && warmingUp == s.warmingUp && reported == s.reported && Objects.equals(ruleId, s.ruleId)
                && Objects.equals(eventId, s.eventId) && cloud == s.cloud && Objects.equals(account, s.account)
                && Objects.equals(principal, s.principal) && Objects.equals(service, s.service) && Objects.equals(action, s.action)
                && Objects.equals(sourceIp, s.sourceIp) && Objects.equals(mostNovel, s.mostNovel)
                && Arrays.equals(components, s.components) && Arrays.equals(values, s.values) && Arrays.equals(bits, s.bits);
    }

    @Override
    public int hashCode() {
        return Objects.hash(eventId, principal, scoreBits);
    }

    @Override
    public String toString() {
        return "ScoredObservation{" + principal + " " + action + " " + String.format("%.2f", scoreBits) + " bits, most novel " + mostNovel + "}";
    }
}
