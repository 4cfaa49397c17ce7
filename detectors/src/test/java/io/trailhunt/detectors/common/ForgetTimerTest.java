package io.trailhunt.detectors.common;

import io.trailhunt.detectors.RecordingContext;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class ForgetTimerTest {
    private static final long DAY = 86_400_000L;

    @Test
    void dailyActivityKeepsOneTimerThatMovesOnToTheExpiryWhenItFires() {
        RecordingContext ctx = new RecordingContext();
        long pending = 0;
        long forgetAt = 0;
        for (int day = 1; day <= 30; day++) {
            forgetAt = (day + 30) * DAY; // each day's call moves the expiry a day out
            pending = ForgetTimer.afterActivity(pending, forgetAt, ctx);
        }
        assertThat(ctx.timers).containsExactly(31 * DAY);

        // the first day's timer fires: not yet due, so it moves on to the expiry
        ctx.timers.pollFirst();
        pending = ForgetTimer.onTimer(pending, forgetAt, 31 * DAY, ctx);
        assertThat(pending).isEqualTo(60 * DAY);
        assertThat(ctx.timers).containsExactly(60 * DAY);

        // another detector's timer in between changes nothing
        assertThat(ForgetTimer.onTimer(pending, forgetAt, 45 * DAY, ctx)).isEqualTo(60 * DAY);
        assertThat(ctx.timers).containsExactly(60 * DAY);

        // due: none pending, and the caller forgets
        ctx.timers.pollFirst();
        assertThat(ForgetTimer.onTimer(pending, forgetAt, 60 * DAY, ctx)).isZero();
        assertThat(ctx.timers).isEmpty();
    }

    @Test
    void aPendingTimerTheWatermarkPassedWithoutMovingOnIsReplacedAtTheNextActivity() {
        RecordingContext ctx = new RecordingContext();
        long pending = ForgetTimer.afterActivity(0, 31 * DAY, ctx);
        ctx.timers.pollFirst(); // it fired, but the call failed (or a restore lost it): still recorded as pending
        ctx.watermark = 31 * DAY;
        assertThat(ForgetTimer.afterActivity(pending, 32 * DAY, ctx)).isEqualTo(32 * DAY);
        assertThat(ctx.timers).containsExactly(32 * DAY);
    }

    @Test
    void stateFromBeforeThePendingTimeWasKeptWaitsForItsOldTimers() {
        RecordingContext ctx = new RecordingContext();
        // restored state has no pending time; its old daily timers still fire and must not add more
        assertThat(ForgetTimer.onTimer(0, 60 * DAY, 40 * DAY, ctx)).isZero();
        assertThat(ctx.timers).isEmpty();
        // its next activity registers the one timer
        assertThat(ForgetTimer.afterActivity(0, 61 * DAY, ctx)).isEqualTo(61 * DAY);
        assertThat(ctx.timers).containsExactly(61 * DAY);
    }
}
