package io.trailhunt.detectors.stats;

import java.time.ZoneId;
import java.util.Arrays;

/**
 * In how many weeks a principal was active in each hour of the week, with older weeks fading:
 * a bounded, rate-independent picture of when it works (168 numbers, whatever it does).
 *
 * <p>A slot is marked at most once per week (a bit set of the current week's marks), so a
 * principal that makes a thousand calls at 02:00 counts that hour once. When a new week starts,
 * every count and the number of weeks are multiplied by {@code decay}, so the shares describe
 * roughly the last {@code 1 / (1 - decay)} weeks. An event of a week older than the current one
 * (out of order across a Monday midnight) is not learned from.
 */
public class HourOfWeekHistogram {
    /** Decayed number of weeks in which each slot was active. */
    public float[] activeWeeks = new float[HourOfWeek.SLOTS];
    /** Decayed number of weeks with any activity, the current one included. */
    public float weeks;
    /** The week the marks below belong to; Long.MIN_VALUE before the first event. */
    public long currentWeek = Long.MIN_VALUE;
    /** Slots marked in the current week: 168 bits. */
    public long[] marked = new long[3];

    public HourOfWeekHistogram() {}

    /** Learns that the principal was active at {@code epochMillis}. @return whether anything changed */
    public boolean record(long epochMillis, ZoneId zone, double decay) {
        long week = HourOfWeek.week(epochMillis, zone);
        if (week < currentWeek) {
            return false;
        }
        boolean changed = false;
        if (week > currentWeek) {
            for (int i = 0; i < activeWeeks.length; i++) {
                activeWeeks[i] *= (float) decay;
            }
            weeks = (float) (weeks * decay + 1);
            currentWeek = week;
            Arrays.fill(marked, 0L);
            changed = true;
        }
        int slot = HourOfWeek.slot(epochMillis, zone);
        if (!isMarked(slot)) {
            marked[slot >> 6] |= 1L << (slot & 63);
            activeWeeks[slot] += 1f;
            changed = true;
        }
        return changed;
    }

    private boolean isMarked(int slot) {
        return (marked[slot >> 6] & (1L << (slot & 63))) != 0;
    }

    /**
     * The share of earlier weeks (the current one left out, so an event never vouches for itself)
     * in which the principal was active in this slot. 0 when there are no earlier weeks.
     */
    public double shareBefore(int slot) {
        double earlierWeeks = weeks - (currentWeek == Long.MIN_VALUE ? 0 : 1);
        if (earlierWeeks <= 1e-6) {
            return 0;
        }
        double earlierActive = activeWeeks[slot] - (isMarked(slot) ? 1 : 0);
        return Math.max(0, earlierActive) / earlierWeeks;
    }

    /** Active hours of the week summed over the earlier weeks, decayed (the current week's marks left out). */
    public double activeHoursBefore() {
        double sum = 0;
        for (int i = 0; i < activeWeeks.length; i++) {
            sum += activeWeeks[i] - (isMarked(i) ? 1 : 0);
        }
        return Math.max(0, sum);
    }

    /** Earlier weeks, decayed (the current week left out). */
    public double earlierWeeks() {
        return Math.max(0, weeks - (currentWeek == Long.MIN_VALUE ? 0 : 1));
    }
}
