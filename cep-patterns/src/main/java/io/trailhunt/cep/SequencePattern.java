package io.trailhunt.cep;

import io.trailhunt.events.model.AuditEvent;
import io.trailhunt.events.model.Finding;
import org.apache.flink.cep.functions.PatternProcessFunction;
import org.apache.flink.cep.pattern.Pattern;
import org.apache.flink.streaming.api.functions.KeyedProcessFunction;

import java.io.Serializable;

/**
 * One Flink CEP pattern of a sequence rule, with everything the job needs to run it: which events
 * may take part (tested on every event, before the keyBy, so the rest of the stream never reaches
 * the NFA), the key, the pattern, and the function that turns a match into a finding. A rule is
 * one pattern, or two when one NFA cannot tell its whole story (see {@code SnapshotExfiltration}).
 *
 * <p>The job runs with object reuse: conditions and functions must not keep the events they see.
 */
public interface SequencePattern extends Serializable {
    /** The rule id findings carry. */
    String ruleId();

    /** Names the CEP operator: its uid is {@code cep-<name>}, so it never changes once released. */
    default String name() {
        return ruleId();
    }

    /** Cheap and stateless: can this event be a step of the pattern at all? */
    boolean isCandidate(AuditEvent event);

    /**
     * The candidate as the NFA keeps it: a copy with only the request parameters the pattern reads
     * ({@link #keepsParam}). Every event the NFA buffers is serialized into its state several times
     * (event queue, shared buffer); on RocksDB that is most of the cost of a step, and the
     * flattened parameters are most of an event. The copy also means nothing downstream shares
     * the input record (object reuse).
     */
    default AuditEvent slim(AuditEvent event) {
        return Slim.copy(event, this::keepsParam);
    }

    /** Which request parameters the pattern's conditions and findings read; none by default. */
    default boolean keepsParam(String key) {
        return false;
    }

    /** What the NFA is keyed by; a principal unless the rule says otherwise. */
    default String key(AuditEvent event) {
        return event.principalKey();
    }

    /**
     * Where an event sits in the story, for events with the same timestamp: CloudTrail has whole
     * seconds, and a script creates, keys and empowers a user within one. Lower goes first.
     */
    int stepOrder(AuditEvent event);

    Pattern<AuditEvent, ?> pattern();

    PatternProcessFunction<AuditEvent, Finding> process();

    /**
     * A keyed function run in front of the NFA on the same key, for a pattern whose candidates are
     * too many to buffer (data reads); null when every candidate goes straight to the NFA.
     */
    default KeyedProcessFunction<String, AuditEvent, AuditEvent> gate() {
        return null;
    }

    /**
     * A function run after the NFA on the pattern's findings, keyed by their principal
     * ({@link Finding#principalKey()}), for a pattern that can match one story more than once
     * across calls (see {@link OncePerStory}); null when every match is a finding of its own.
     */
    default KeyedProcessFunction<String, Finding, Finding> after() {
        return null;
    }
}
