package io.trailhunt.job.config;

import io.trailhunt.events.settings.Section;

import java.io.Serializable;
import java.time.Duration;

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
 */
public record EventTimeSettings(Duration maxOutOfOrderness, Duration idleness, Duration allowedLateness, String keyedRulesOrder)
        implements Serializable {
    public static final String ORDER_AUTO = "auto";
    public static final String ORDER_EVENT_TIME = "event-time";
    public static final String ORDER_ARRIVAL = "arrival";
    public static final Duration DEFAULT_MAX_OUT_OF_ORDERNESS = Duration.ofMinutes(15);
    public static final Duration DEFAULT_IDLENESS = Duration.ofMinutes(1);
    public static final Duration DEFAULT_ALLOWED_LATENESS = Duration.ZERO;

    public static EventTimeSettings defaults() {
        return new EventTimeSettings(DEFAULT_MAX_OUT_OF_ORDERNESS, DEFAULT_IDLENESS, DEFAULT_ALLOWED_LATENESS, ORDER_AUTO);
    }

    public EventTimeSettings(Duration maxOutOfOrderness, Duration idleness, Duration allowedLateness) {
        this(maxOutOfOrderness, idleness, allowedLateness, ORDER_AUTO);
    }

    /** Whether the keyed rules wait for the watermark, for a job whose inputs are all bounded or not. */
    public boolean keyedRulesInEventTimeOrder(boolean bounded) {
        return keyedRulesOrder.equals(ORDER_EVENT_TIME) || (keyedRulesOrder.equals(ORDER_AUTO) && bounded);
    }

    public static EventTimeSettings from(Section s) {
        return new EventTimeSettings(
                s.duration("max-out-of-orderness", DEFAULT_MAX_OUT_OF_ORDERNESS, Duration.ZERO, Duration.ofDays(7)),
                s.duration("idleness", DEFAULT_IDLENESS, Duration.ofSeconds(1), Duration.ofDays(1)),
                s.duration("allowed-lateness", DEFAULT_ALLOWED_LATENESS, Duration.ZERO, Duration.ofDays(7)),
                s.choice("keyed-rules-order", ORDER_AUTO, ORDER_AUTO, ORDER_EVENT_TIME, ORDER_ARRIVAL));
    }
}
