package io.trailhunt.detectors.hours;

import java.io.Serializable;
import java.time.DayOfWeek;
import java.time.LocalTime;
import java.time.ZonedDateTime;
import java.util.Set;

/** Working days and hours, in whatever zone the time is given in: start inclusive, end exclusive. */
public record BusinessHours(LocalTime start, LocalTime end, Set<DayOfWeek> days) implements Serializable {
    public static final BusinessHours DEFAULT = new BusinessHours(LocalTime.of(8, 0), LocalTime.of(18, 0),
            Set.of(DayOfWeek.MONDAY, DayOfWeek.TUESDAY, DayOfWeek.WEDNESDAY, DayOfWeek.THURSDAY, DayOfWeek.FRIDAY));

    public boolean contains(ZonedDateTime t) {
        LocalTime time = t.toLocalTime();
        return days.contains(t.getDayOfWeek()) && !time.isBefore(start) && time.isBefore(end);
    }
}
