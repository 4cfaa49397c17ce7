package io.trailhunt.detectors;

import io.trailhunt.events.model.AuditEvent;

import java.io.Serializable;
import java.time.Duration;

/**
 * A keyed-state rule: plain Java over a small POJO state of its own, for one principal at a time.
 * The Flink host ({@code host.KeyedDetectorsFunction}) keeps the state, the timers and the key;
 * the detector only decides. Tests drive it directly with a {@link DetectorContext} of their own.
 *
 * <p>The job runs with object reuse: a detector must not keep a reference to the event it is
 * given (copy what it keeps, as {@code Evidence.of(event)} does).
 *
 * @param <S> the state kept per principal: a Flink POJO (checked without Kryo)
 */
public interface Detector<S> extends Serializable {
    /** The rule id findings carry, and the name of this detector's state. Never changes meaning. */
    String ruleId();

    Class<S> stateClass();

    /**
     * How long untouched state may live before Flink drops it. A safety net only: detectors clear
     * their state with event-time timers; TTL counts processing time.
     */
    Duration stateTtl();

    /** A cheap test run on every event; only accepted events reach {@link #onEvent}. */
    boolean accepts(AuditEvent event);

    /**
     * @param state this principal's state, or null when there is none yet
     * @return the state to keep, or null to clear it
     */
    S onEvent(S state, AuditEvent event, DetectorContext context);

    /**
     * Called, while this detector has state, at each time it asked for with
     * {@link DetectorContext#registerTimer}; a detector still checks whether the time is still of
     * use to it (it may have asked for a later one since). Timers from a savepoint taken before the
     * host recorded who asked reach every detector.
     *
     * @return the state to keep, or null to clear it
     */
    default S onTimer(S state, long timestamp, DetectorContext context) {
        return state;
    }

    /**
     * How long one of this rule's findings keeps its repeats quiet in the detector (zero: no quiet
     * period of its own). Repeats go on as {@code Finding.repeat}s, and the suppression step keeps
     * the finding's window open at least this long, so that its update counts them all.
     */
    default Duration quietPeriod() {
        return Duration.ZERO;
    }
}
