package io.trailhunt.job.config;

import io.trailhunt.events.settings.Quantities;
import io.trailhunt.events.settings.Section;
import io.trailhunt.events.settings.SettingsException;

import java.io.Serializable;
import java.time.Duration;
import java.util.List;

/**
 * Settings of {@code event-time}.
 *
 * @param maxOutOfOrderness how far behind the newest event an event may be and still be on time
 *     (CloudTrail delivers files up to about 15 minutes after the calls)
 * @param idleness after how long without events a source split stops holding the watermark back
 * @param allowedLateness how far behind the watermark an event may still be processed; later
 *     events go to the dead-letter output as late
 * @param keyedRulesOrder in which order the keyed rules see a principal's events: {@code event-time}
 *     (held until the watermark passes them: the same findings however the inputs interleave, later by
 *     up to the watermark's lag), {@code arrival} (at once), or {@code auto}: event time when every input
 *     is bounded (a replay), arrival when any input is continuous (a live monitor)
 * @param maxFuture how far ahead of the wall clock at decoding an event may be dated; later ones are
 *     dead letters, so that one mis-dated record cannot move the watermark past every other event
 */
public record EventTimeSettings(Duration maxOutOfOrderness, Duration idleness, Duration allowedLateness, String keyedRulesOrder,
        Duration maxFuture) implements Serializable {
    public static final String ORDER_AUTO = "auto";
    public static final String ORDER_EVENT_TIME = "event-time";
    public static final String ORDER_ARRIVAL = "arrival";
    public static final Duration DEFAULT_MAX_OUT_OF_ORDERNESS = Duration.ofMinutes(15);
    public static final Duration DEFAULT_IDLENESS = Duration.ofMinutes(1);
    public static final Duration DEFAULT_ALLOWED_LATENESS = Duration.ZERO;
    public static final Duration DEFAULT_MAX_FUTURE = Duration.ofDays(1);
    /**
     * The largest watermark lag or lateness for a job with a continuous input: a live monitor would
     * hold its findings (and the events in state) back that long.
     */
    public static final Duration MAX_LAG_CONTINUOUS = Duration.ofDays(7);
    /**
     * The largest for a replay of bounded inputs: a lag above the archive's span holds every event
     * until the input ends, which an unsorted archive of years needs (docs/operations.md).
     */
    public static final Duration MAX_LAG_BOUNDED = Duration.ofDays(36_500);

    public static EventTimeSettings defaults() {
        return new EventTimeSettings(DEFAULT_MAX_OUT_OF_ORDERNESS, DEFAULT_IDLENESS, DEFAULT_ALLOWED_LATENESS, ORDER_AUTO, DEFAULT_MAX_FUTURE);
    }

    public EventTimeSettings(Duration maxOutOfOrderness, Duration idleness, Duration allowedLateness) {
        this(maxOutOfOrderness, idleness, allowedLateness, ORDER_AUTO, DEFAULT_MAX_FUTURE);
    }

    /** The cap on a watermark lag or lateness, for an input (or a job) that ends or not. */
    public static Duration maxLag(boolean bounded) {
        return bounded ? MAX_LAG_BOUNDED : MAX_LAG_CONTINUOUS;
    }

    /** Whether the keyed rules wait for the watermark, for a job whose inputs are all bounded or not. */
    public boolean keyedRulesInEventTimeOrder(boolean bounded) {
        return keyedRulesOrder.equals(ORDER_EVENT_TIME) || (keyedRulesOrder.equals(ORDER_AUTO) && bounded);
    }

    /** Parsed with the bounded caps; {@link #checkAgainst} applies the continuous ones once the inputs are known. */
    public static EventTimeSettings from(Section s) {
        return new EventTimeSettings(
                s.duration("max-out-of-orderness", DEFAULT_MAX_OUT_OF_ORDERNESS, Duration.ZERO, MAX_LAG_BOUNDED),
                s.duration("idleness", DEFAULT_IDLENESS, Duration.ofSeconds(1), Duration.ofDays(1)),
                s.duration("allowed-lateness", DEFAULT_ALLOWED_LATENESS, Duration.ZERO, MAX_LAG_BOUNDED),
                s.choice("keyed-rules-order", ORDER_AUTO, ORDER_AUTO, ORDER_EVENT_TIME, ORDER_ARRIVAL),
                s.duration("max-future", DEFAULT_MAX_FUTURE, Duration.ofMinutes(1), MAX_LAG_BOUNDED));
    }

    /**
     * Lags over {@link #MAX_LAG_CONTINUOUS} are for replays only: refused when a continuous input
     * would use them. An input's own {@code max-out-of-orderness} is capped where it is parsed.
     */
    public void checkAgainst(List<InputSettings> inputs) {
        for (InputSettings in : inputs) {
            if (in.bounded()) {
                continue;
            }
            if (in.effectiveOutOfOrderness(maxOutOfOrderness).compareTo(MAX_LAG_CONTINUOUS) > 0) {
                throw overContinuousCap("event-time.max-out-of-orderness", maxOutOfOrderness, in);
            }
            if (allowedLateness.compareTo(MAX_LAG_CONTINUOUS) > 0) {
                throw overContinuousCap("event-time.allowed-lateness", allowedLateness, in);
            }
        }
    }

    private static SettingsException overContinuousCap(String key, Duration value, InputSettings in) {
        return new SettingsException(key, Quantities.format(value) + " is over " + Quantities.format(MAX_LAG_CONTINUOUS)
                + ", the limit while an input is continuous (input '" + in.name() + "' does not end): a live monitor would hold its"
                + " findings back that long; use at most " + Quantities.format(MAX_LAG_CONTINUOUS)
                + ", or replay bounded inputs (longer lags are for unsorted archives, docs/operations.md)");
    }
}
