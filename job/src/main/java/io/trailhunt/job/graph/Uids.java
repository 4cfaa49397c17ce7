package io.trailhunt.job.graph;

/**
 * Operator uids: the names state is stored under in checkpoints and savepoints. A uid never
 * changes once released, or a savepoint no longer restores into the next version.
 */
public final class Uids {
    public static final String SOURCE_PREFIX = "source-";
    public static final String SPLIT_DECODED = "split-decoded";
    public static final String ENRICH_GEOIP = "enrich-geoip";
    public static final String DETECT_KEYED_STATE = "detect-keyed-state";
    public static final String SUPPRESS_FINDINGS = "suppress-findings";
    public static final String DETECT_PRINCIPAL_RISK = "detect-principal-risk";
    /** Stateless: the findings principal-risk adds up, without the updates of folded repeats. */
    public static final String RISK_FIRST_REPORTS = "risk-first-reports";
    public static final String COUNT_FINDINGS = "count-findings";
    public static final String FINDINGS_TO_JSON = "findings-to-json";
    public static final String SINK_FINDINGS = "sink-findings";
    public static final String DEAD_LETTERS_TO_JSON = "dead-letters-to-json";
    public static final String SINK_DEAD_LETTERS = "sink-dead-letters";
    public static final String SCORES_TO_JSON = "scores-to-json";
    public static final String SINK_SCORES = "sink-scores";

    /**
     * Sequence rules (cep-patterns): the NFA of each pattern is {@code cep-<pattern name>}; its
     * candidate filter, gate, after-function and late-event output add {@code -candidates}, {@code -gate},
     * {@code -once}, {@code -late}.
     */
    public static final String CEP_PREFIX = "cep-";
    public static final String CEP_SNAPSHOT_EXFILTRATION = "cep-snapshot-exfiltration";
    public static final String CEP_SNAPSHOT_EXFILTRATION_NOT_DELETED = "cep-snapshot-exfiltration-not-deleted";
    public static final String CEP_FAILED_LOGINS_THEN_SUCCESS = "cep-failed-logins-then-success";
    public static final String CEP_PASSWORD_SPRAY = "cep-password-spray";
    public static final String CEP_IAM_BACKDOOR_CHAIN = "cep-iam-backdoor-chain";
    public static final String CEP_IAM_BACKDOOR_CHAIN_READY = "cep-iam-backdoor-chain-ready";
    public static final String CEP_DEFENSE_EVASION_THEN_ACTION = "cep-defense-evasion-then-action";
    /** Every released sequence operator uid: a pattern whose uid is not here has not been given one on purpose. */
    public static final java.util.List<String> CEP_OPERATORS = java.util.List.of(CEP_SNAPSHOT_EXFILTRATION,
            CEP_SNAPSHOT_EXFILTRATION_NOT_DELETED, CEP_FAILED_LOGINS_THEN_SUCCESS, CEP_PASSWORD_SPRAY, CEP_IAM_BACKDOOR_CHAIN,
            CEP_IAM_BACKDOOR_CHAIN_READY, CEP_DEFENSE_EVASION_THEN_ACTION);

    private Uids() {}

    /** The uid of a sequence pattern's NFA operator. */
    public static String cep(String patternName) {
        return CEP_PREFIX + patternName;
    }
}
