package io.trailhunt.job.graph;

import io.trailhunt.detectors.host.KeyedDetectorsFunction;

/** Names of the counters a bounded run reports when it ends (Flink accumulators, summed over subtasks). */
public final class Accumulators {
    public static final String EVENTS = "trailhunt.events";
    public static final String DEAD_LETTERS = "trailhunt.dead-letters";
    public static final String LATE_EVENTS = "trailhunt.late-events";
    /** The most any late event lacked: how much more watermark lag would have kept every one (LongMaximum, milliseconds). */
    public static final String LATE_SHORTFALL = "trailhunt.late-shortfall-ms";
    public static final String FINDINGS = "trailhunt.findings";
    /** Updates the suppression step sent for findings whose repeats it folded (not counted in FINDINGS). */
    public static final String FINDING_UPDATES = "trailhunt.finding-updates";
    /** Events a sequence rule's NFA received behind its watermark (already counted in EVENTS; they go to the dead letters). */
    public static final String LATE_FOR_SEQUENCES = "trailhunt.late-for-sequences";

    /** Events or timers on which a keyed rule threw (the other rules went on; each is a dead letter too). */
    public static final String RULE_FAILURES = KeyedDetectorsFunction.RULE_FAILURES_COUNT;

    private Accumulators() {}
}
