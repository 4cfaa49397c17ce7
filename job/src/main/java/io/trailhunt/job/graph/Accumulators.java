package io.trailhunt.job.graph;

/** Names of the counters a bounded run reports when it ends (Flink accumulators, summed over subtasks). */
public final class Accumulators {
    public static final String EVENTS = "trailhunt.events";
    public static final String DEAD_LETTERS = "trailhunt.dead-letters";
    public static final String LATE_EVENTS = "trailhunt.late-events";
    /** The most any late event lacked: how much more watermark lag would have kept every one (LongMaximum, milliseconds). */
    public static final String LATE_SHORTFALL = "trailhunt.late-shortfall-ms";
    public static final String FINDINGS = "trailhunt.findings";
    /** Events a sequence rule's NFA received behind its watermark (already counted in EVENTS; they go to the dead letters). */
    public static final String LATE_FOR_SEQUENCES = "trailhunt.late-for-sequences";

    private Accumulators() {}
}
