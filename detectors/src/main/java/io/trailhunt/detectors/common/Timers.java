package io.trailhunt.detectors.common;

/**
 * Expiry timers are rounded up to a coarse step so that a principal's many events share a few
 * timers instead of registering one each; the rules still decide with exact times.
 */
public final class Timers {
    private Timers() {}

    public static long roundUp(long time, long stepMillis) {
        long r = Math.floorMod(time, stepMillis);
        return r == 0 ? time : time - r + stepMillis;
    }
}
