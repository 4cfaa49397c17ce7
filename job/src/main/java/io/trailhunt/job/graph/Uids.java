package io.trailhunt.job.graph;

/**
 * Operator uids: the names state is stored under in checkpoints and savepoints. A uid never
 * changes once released, or a savepoint no longer restores into the next version.
 */
public final class Uids {
    public static final String SOURCE_PREFIX = "source-";
    public static final String SPLIT_DECODED = "split-decoded";
    public static final String DETECT_KEYED_STATE = "detect-keyed-state";
    public static final String SUPPRESS_FINDINGS = "suppress-findings";
    public static final String DETECT_PRINCIPAL_RISK = "detect-principal-risk";
    public static final String COUNT_FINDINGS = "count-findings";
    public static final String FINDINGS_TO_JSON = "findings-to-json";
    public static final String SINK_FINDINGS = "sink-findings";
    public static final String DEAD_LETTERS_TO_JSON = "dead-letters-to-json";
    public static final String SINK_DEAD_LETTERS = "sink-dead-letters";
    public static final String SCORES_TO_JSON = "scores-to-json";
    public static final String SINK_SCORES = "sink-scores";

    private Uids() {}
}
