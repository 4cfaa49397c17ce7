package io.trailhunt.job.graph;

import io.trailhunt.events.settings.Quantities;
import io.trailhunt.job.config.EventTimeSettings;

import java.time.Duration;

/**
 * How late a late event was and which setting value would have kept it, for its dead letter and
 * for the run summary: "raise the lag" is no help unless it says by how much.
 */
public final class LateAdvice {
    private LateAdvice() {}

    /**
     * @param outOfOrderness the watermark lag the inputs use, or null when they use different ones
     * @param shortfallMillis how far the event was behind the watermark minus the allowed lateness (positive)
     * @param behindMillis how far it was behind the watermark
     */
    public static String keepWith(Duration outOfOrderness, long shortfallMillis, long behindMillis) {
        String lateness = behindMillis <= EventTimeSettings.MAX_LAG_CONTINUOUS.toMillis()
                ? ", or event-time.allowed-lateness: " + spell(behindMillis)
                : "";
        return lag(outOfOrderness, shortfallMillis) + " would have kept it" + WHERE + lateness;
    }

    /** For the run summary: the lag that would have kept every late event of the run. */
    public static String keepAllWith(Duration outOfOrderness, long largestShortfallMillis) {
        return lag(outOfOrderness, largestShortfallMillis) + " would have kept them all" + WHERE;
    }

    private static final String WHERE = " (event-time.max-out-of-orderness, or the input's inputs[].max-out-of-orderness where set)";

    private static String lag(Duration outOfOrderness, long shortfallMillis) {
        return outOfOrderness == null
                ? "max-out-of-orderness raised by " + spell(shortfallMillis)
                : "max-out-of-orderness: " + spell(outOfOrderness.toMillis() + shortfallMillis) + " (now " + Quantities.format(outOfOrderness) + ")";
    }

    /** The duration rounded up to a configuration spelling: whole days from a week, hours from a day, minutes from an hour. */
    static String spell(long millis) {
        long unit = millis >= Duration.ofDays(7).toMillis() ? Duration.ofDays(1).toMillis()
                : millis >= Duration.ofDays(1).toMillis() ? Duration.ofHours(1).toMillis()
                : millis >= Duration.ofHours(1).toMillis() ? Duration.ofMinutes(1).toMillis()
                : 1000L;
        long rounded = Math.max(unit, (millis + unit - 1) / unit * unit);
        return Quantities.format(Duration.ofMillis(rounded));
    }

    /** For people, to the second: "302d3h50m13s", "5m"; under a second in milliseconds. */
    static String behind(long millis) {
        if (millis < 1000) {
            return millis + "ms";
        }
        long s = millis / 1000;
        StringBuilder sb = new StringBuilder();
        long[] units = {86_400, 3_600, 60, 1};
        String[] names = {"d", "h", "m", "s"};
        for (int i = 0; i < units.length; i++) {
            if (s >= units[i]) {
                sb.append(s / units[i]).append(names[i]);
                s %= units[i];
            }
        }
        return sb.toString();
    }
}
