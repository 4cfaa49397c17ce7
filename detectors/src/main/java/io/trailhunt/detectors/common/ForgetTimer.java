package io.trailhunt.detectors.common;

import io.trailhunt.detectors.DetectorContext;

/**
 * One pending expiry timer per principal and detector, however often activity pushes the expiry
 * out. Registering a timer at each new expiry left one timer a day pending for the whole
 * look-back (some thirty per principal after a month, each a RocksDB entry or a heap object, and
 * each firing read the state for nothing); instead the pending timer, when it fires before the
 * expiry, moves itself on to it. Detectors keep the pending time in their state (0: none).
 */
public final class ForgetTimer {
    private ForgetTimer() {}

    /**
     * After the expiry moved to {@code forgetAt}: the pending timer's time, registering one if none
     * is pending. A pending time the watermark has reached counts as none: that timer fired without
     * moving on (its call failed) or was lost (a restore that dropped timers), and without a new one
     * the state would live until its TTL.
     */
    public static long afterActivity(long pendingAt, long forgetAt, DetectorContext ctx) {
        if (pendingAt != 0 && pendingAt > ctx.currentWatermark()) {
            return pendingAt; // fires first, then moves on to the expiry
        }
        ctx.registerTimer(forgetAt);
        return forgetAt;
    }

    /**
     * On a timer at {@code timestamp}: the pending timer's time afterwards. The pending timer that
     * fires before the expiry is registered again at the expiry; at or after the expiry there is
     * none (0) and the caller forgets the state when it may. Other timers leave it as it was.
     */
    public static long onTimer(long pendingAt, long forgetAt, long timestamp, DetectorContext ctx) {
        if (pendingAt == 0 || timestamp < pendingAt) {
            return pendingAt;
        }
        if (timestamp >= forgetAt) {
            return 0;
        }
        ctx.registerTimer(forgetAt);
        return forgetAt;
    }
}
