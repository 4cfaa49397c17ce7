package io.trailhunt.detectors.common;

/**
 * Expiry timers are rounded up to a coarse step so that a principal's many events share a few
 * timers instead of registering one each; the rules still decide with exact times.
 */
public final class Timers {
    private Timers() {}

    /**
     * The next expiry timer after one fired at {@code firedAt}: {@code due} rounded up, and always
     * later than {@code firedAt}, or the host would fire it again at once, forever.
     */
    public static long next(long due, long firedAt, long stepMillis) {
        return Math.max(roundUp(due, stepMillis), firedAt + 1);
    }

    public static long roundUp(long time, long stepMillis) {
        long r = Math.floorMod(time, stepMillis);
        return r == 0 ? time : time - r + stepMillis;
    }
}
