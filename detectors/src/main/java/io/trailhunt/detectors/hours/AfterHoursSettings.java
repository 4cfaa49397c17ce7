package io.trailhunt.detectors.hours;

import io.trailhunt.events.settings.Allowlist;
import io.trailhunt.events.settings.Section;
import io.trailhunt.events.settings.SettingsException;

import java.io.Serializable;
import java.time.DateTimeException;
import java.time.DayOfWeek;
import java.time.Duration;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.format.DateTimeParseException;
import java.util.EnumSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * Settings of {@code rules.after-hours-access}.
 *
 * @param businessHours working hours and days, in each principal's zone
 * @param zones the organisation's zone and per-principal zones
 * @param minHistory how long a principal must have been seen before its habits are trusted
 * @param minActiveHours and must have been active in at least this many hours of earlier weeks: a sparse histogram cannot tell rare from unseen
 * @param rareShare an hour of the week is rare for a principal when it acted then in fewer than this share of earlier weeks
 * @param historyWeeks how many weeks the hour-of-week histogram mostly remembers (older weeks fade)
 * @param forgetAfter a principal's histogram is dropped after this long without any event
 */
public record AfterHoursSettings(boolean enabled, BusinessHours businessHours, PrincipalZones zones, Duration minHistory,
                                 int minActiveHours, double rareShare, int historyWeeks, Duration forgetAfter, Allowlist allow) implements Serializable {
    public static final Duration DEFAULT_MIN_HISTORY = Duration.ofDays(14);
    public static final int DEFAULT_MIN_ACTIVE_HOURS = 20;
    public static final double DEFAULT_RARE_SHARE = 0.2;
    public static final int DEFAULT_HISTORY_WEEKS = 12;
    public static final Duration DEFAULT_FORGET_AFTER = Duration.ofDays(35);

    public static AfterHoursSettings defaults() {
        return new AfterHoursSettings(true, BusinessHours.DEFAULT, new PrincipalZones(ZoneId.of("UTC")), DEFAULT_MIN_HISTORY,
                DEFAULT_MIN_ACTIVE_HOURS, DEFAULT_RARE_SHARE, DEFAULT_HISTORY_WEEKS, DEFAULT_FORGET_AFTER, Allowlist.none());
    }

    /** Each new week multiplies older weeks' weight by this. */
    public double decay() {
        return 1.0 - 1.0 / historyWeeks;
    }

    public static AfterHoursSettings from(Section s) {
        Section hours = s.section("business-hours");
        LocalTime start = time(hours, "start", BusinessHours.DEFAULT.start());
        LocalTime end = time(hours, "end", BusinessHours.DEFAULT.end());
        if (!end.isAfter(start)) {
            throw new SettingsException(hours.key("end"), end + " is not after start " + start + "; business hours within one day, e.g. start: '08:00', end: '18:00'");
        }
        Set<DayOfWeek> days = hours.has("days") ? days(hours) : BusinessHours.DEFAULT.days();
        PrincipalZones zones = new PrincipalZones(zone(s, "time-zone", "UTC"));
        Section perPrincipal = s.section("principal-time-zones");
        for (String principal : perPrincipal.keys()) {
            zones.with(principal, zone(perPrincipal, principal, null));
        }
        return new AfterHoursSettings(
                s.bool("enabled", true),
                new BusinessHours(start, end, days),
                zones,
                s.duration("min-history", DEFAULT_MIN_HISTORY, Duration.ofDays(1), Duration.ofDays(365)),
                s.integer("min-active-hours", DEFAULT_MIN_ACTIVE_HOURS, 1, 100_000),
                s.decimal("rare-share", DEFAULT_RARE_SHARE, 0.0, 1.0),
                s.integer("history-weeks", DEFAULT_HISTORY_WEEKS, 2, 104),
                s.duration("forget-after", DEFAULT_FORGET_AFTER, Duration.ofDays(7), Duration.ofDays(730)),
                Allowlist.from(s.section("allow")));
    }

    private static LocalTime time(Section s, String key, LocalTime defaultValue) {
        String v = s.string(key, null);
        if (v == null) {
            return defaultValue;
        }
        try {
            return LocalTime.parse(v.length() == 4 ? "0" + v : v);
        } catch (DateTimeParseException e) {
            throw new SettingsException(s.key(key), "'" + v + "' is not a time of day; write it as HH:MM, e.g. '08:00'");
        }
    }

    private static Set<DayOfWeek> days(Section s) {
        EnumSet<DayOfWeek> out = EnumSet.noneOf(DayOfWeek.class);
        List<String> names = s.strings("days");
        for (String n : names) {
            DayOfWeek d = null;
            for (DayOfWeek candidate : DayOfWeek.values()) {
                String full = candidate.name();
                if (full.equalsIgnoreCase(n) || full.substring(0, 3).equalsIgnoreCase(n)) {
                    d = candidate;
                }
            }
            if (d == null) {
                throw new SettingsException(s.key("days"), "'" + n + "' is not a day; use MON, TUE, WED, THU, FRI, SAT, SUN");
            }
            out.add(d);
        }
        return out;
    }

    private static ZoneId zone(Section s, String key, String defaultValue) {
        String v = s.string(key, defaultValue);
        try {
            return ZoneId.of(v);
        } catch (DateTimeException | NullPointerException e) {
            throw new SettingsException(s.key(key), "'" + v + "' is not a time zone; use an IANA name such as Europe/Stockholm or UTC");
        }
    }

    static String describeDays(Set<DayOfWeek> days) {
        StringBuilder sb = new StringBuilder();
        for (DayOfWeek d : DayOfWeek.values()) {
            if (days.contains(d)) {
                String n = d.name();
                sb.append(sb.length() == 0 ? "" : ",").append(n.charAt(0)).append(n.substring(1, 3).toLowerCase(Locale.ROOT));
            }
        }
        return sb.toString();
    }
}
