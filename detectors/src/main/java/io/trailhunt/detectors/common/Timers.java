package io.trailhunt.detectors.common;

import java.time.Duration;

/**
 * Expiry timers of every keyed detector fall on one grid: the next midnight (UTC) after they are
 * due. Timers of one principal at the same time are one timer in Flink, and a firing calls every
 * detector that has state for the principal (each reads its state), so a common grid means at most
 * one firing a day per principal for all detectors together. State may outlive its due time by up
 * to a day; decisions never depend on it, they compare exact event times.
 */
public final class Timers {
    public static final long GRID = Duration.ofDays(1).toMillis();
    /**
     * How long rules with short windows (impossible-travel, many-source-ips) keep a principal's
     * state after its last activity. Their decisions need only a day of it, but a timer due a day
     * after each activity would fire every day for every active principal; a week keeps the state
     * small and the firings rare.
     */
    public static final long IDLE = Duration.ofDays(7).toMillis();

    private Timers() {}

    /** The grid point at or after {@code due}. */
    public static long at(long due) {
        long r = Math.floorMod(due, GRID);
        return r == 0 ? due : due - r + GRID;
    }

    /**
     * The next expiry timer after one fired at {@code firedAt}: on the grid, and always later than
     * {@code firedAt}, or the host would fire it again at once, forever.
     */
    public static long next(long due, long firedAt) {
        return at(Math.max(due, firedAt + 1));
    }
}
