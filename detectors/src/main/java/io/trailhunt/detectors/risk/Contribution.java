package io.trailhunt.detectors.risk;

import io.trailhunt.events.model.Severity;

/** A finding, summarised, as it adds to a principal's risk. A Flink POJO. */
public class Contribution {
    public String findingId;
    public String ruleId;
    public String title;
    public Severity severity;
    public int riskScore;
    /** riskScore times the rule's weight, before decay. */
    public double points;
    public long firstSeen;
    public long lastSeen;
    public String subject;
    public String sourceIp;
    /** The finding's MITRE techniques, comma-separated. */
    public String mitre;

    public Contribution() {}

    /** Weight at {@code now}: halves every half-life after the finding's last event. */
    public double decayed(long now, long halfLifeMillis) {
        long age = Math.max(0, now - lastSeen);
        return points * Math.pow(0.5, (double) age / halfLifeMillis);
    }
}
