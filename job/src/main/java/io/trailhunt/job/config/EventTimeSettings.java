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
 */
public record EventTimeSettings(Duration maxOutOfOrderness, Duration idleness, Duration allowedLateness) implements Serializable {
    public static final Duration DEFAULT_MAX_OUT_OF_ORDERNESS = Duration.ofMinutes(15);
    public static final Duration DEFAULT_IDLENESS = Duration.ofMinutes(1);
    public static final Duration DEFAULT_ALLOWED_LATENESS = Duration.ZERO;

    public static EventTimeSettings defaults() {
        return new EventTimeSettings(DEFAULT_MAX_OUT_OF_ORDERNESS, DEFAULT_IDLENESS, DEFAULT_ALLOWED_LATENESS);
    }

    public static EventTimeSettings from(Section s) {
        return new EventTimeSettings(
                s.duration("max-out-of-orderness", DEFAULT_MAX_OUT_OF_ORDERNESS, Duration.ZERO, Duration.ofDays(7)),
                s.duration("idleness", DEFAULT_IDLENESS, Duration.ofSeconds(1), Duration.ofDays(1)),
                s.duration("allowed-lateness", DEFAULT_ALLOWED_LATENESS, Duration.ZERO, Duration.ofDays(7)));
    }
}
