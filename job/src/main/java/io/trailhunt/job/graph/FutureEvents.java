package io.trailhunt.job.graph;

import io.trailhunt.events.model.AuditEvent;
import io.trailhunt.events.model.Decoded;
import io.trailhunt.events.settings.Quantities;
import io.trailhunt.job.config.TrailhuntConfig;

import java.io.Serializable;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;

/**
 * Events dated implausibly far ahead of the wall clock (a host with a broken clock, a test record
 * dated 2099) would move their split's watermark so far that every other event is late. They are
 * dead letters instead, decided in the source where they are decoded, so they never reach the
 * watermark. This is input validation against the wall clock, not detection logic; the clock is
 * injectable for tests.
 */
public final class FutureEvents implements Serializable {
    private static final long serialVersionUID = 1L;

    private final long maxFutureMillis;
    private final Clock clock;
    private final int deadLetterPrefixBytes;

    public FutureEvents(Duration maxFuture, Clock clock, int deadLetterPrefixBytes) {
        this.maxFutureMillis = maxFuture.toMillis();
        this.clock = clock;
        this.deadLetterPrefixBytes = deadLetterPrefixBytes;
    }

    /** {@code event-time.max-future} against the system clock. */
    public static FutureEvents of(TrailhuntConfig config) {
        return new FutureEvents(config.eventTime().maxFuture(), Clock.systemUTC(), config.decoding().deadLetterPrefixBytes);
    }

    /** The event, or a dead letter when it is dated more than max-future ahead of now. */
    public Decoded check(AuditEvent e) {
        long now = clock.millis();
        if (e.eventTime - now <= maxFutureMillis) {
            return Decoded.of(e);
        }
        String reason = "event time " + Instant.ofEpochMilli(e.eventTime) + " is " + LateAdvice.behind(e.eventTime - now)
                + " ahead of the clock (" + Instant.ofEpochMilli(now) + "), more than event-time.max-future ("
                + Quantities.format(Duration.ofMillis(maxFutureMillis)) + "): set aside so that it cannot move the watermark past"
                + " every other event; fix the clock of the system that logged it, or raise event-time.max-future";
        return Decoded.of(EventDeadLetters.of(e, reason, deadLetterPrefixBytes));
    }
}
