package io.trailhunt.detectors.stats;

import java.time.DayOfWeek;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.time.temporal.ChronoUnit;
import java.time.temporal.TemporalAdjusters;

/** Hour-of-week arithmetic in a time zone: slot 0 is Monday 00:00-00:59, slot 167 Sunday 23:00-23:59. */
public final class HourOfWeek {
    public static final int SLOTS = 7 * 24;
    private static final String[] DAYS = {"Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun"};

    private HourOfWeek() {}

    public static int slot(long epochMillis, ZoneId zone) {
        ZonedDateTime t = Instant.ofEpochMilli(epochMillis).atZone(zone);
        return (t.getDayOfWeek().getValue() - 1) * 24 + t.getHour();
    }

    /** Weeks since 1970, each starting on a local Monday 00:00: the same number for every hour of one week. */
    public static long week(long epochMillis, ZoneId zone) {
        ZonedDateTime monday = Instant.ofEpochMilli(epochMillis).atZone(zone).toLocalDate()
                .with(TemporalAdjusters.previousOrSame(DayOfWeek.MONDAY)).atStartOfDay(zone);
        // 1970-01-05 was the first Monday after the epoch.
        return ChronoUnit.WEEKS.between(java.time.LocalDate.of(1970, 1, 5), monday.toLocalDate());
    }

    /** The slot n hours away, wrapping around the week. */
    public static int offset(int slot, int hours) {
        return Math.floorMod(slot + hours, SLOTS);
    }

    /** "Tue 02:00-03:00". */
    public static String describe(int slot) {
        int h = slot % 24;
        return DAYS[slot / 24] + String.format(" %02d:00-%02d:00", h, (h + 1) % 24 == 0 ? 24 : h + 1);
    }
}
