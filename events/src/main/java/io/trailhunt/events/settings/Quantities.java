package io.trailhunt.events.settings;

import java.time.Duration;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Parses the human spellings of durations ("15m", "1h", "7d", "500ms") and sizes ("64MiB", "4 MB"). */
public final class Quantities {
    private static final Pattern DURATION = Pattern.compile("(\\d+)\\s*(ms|s|m|h|d)");
    private static final Pattern SIZE = Pattern.compile("(\\d+)\\s*(b|kb|kib|mb|mib|gb|gib)?");

    private Quantities() {}

    /** @throws IllegalArgumentException with a message that shows the accepted forms */
    public static Duration duration(String text) {
        Matcher m = DURATION.matcher(text.trim().toLowerCase(Locale.ROOT));
        if (!m.matches()) {
            throw new IllegalArgumentException("'" + text + "' is not a duration; write a whole number and a unit: 500ms, 30s, 15m, 1h, 7d");
        }
        long n = Long.parseLong(m.group(1));
        switch (m.group(2)) {
            case "ms":
                return Duration.ofMillis(n);
            case "s":
                return Duration.ofSeconds(n);
            case "m":
                return Duration.ofMinutes(n);
            case "h":
                return Duration.ofHours(n);
            default:
                return Duration.ofDays(n);
        }
    }

    public static long bytes(String text) {
        Matcher m = SIZE.matcher(text.trim().toLowerCase(Locale.ROOT));
        if (!m.matches()) {
            throw new IllegalArgumentException("'" + text + "' is not a size; write a whole number and an optional unit: 1024, 512KiB, 64MiB, 1GiB");
        }
        long n = Long.parseLong(m.group(1));
        String unit = m.group(2) == null ? "b" : m.group(2);
        switch (unit) {
            case "kb":
                return n * 1000L;
            case "kib":
                return n * 1024L;
            case "mb":
                return n * 1000_000L;
            case "mib":
                return n * 1024L * 1024L;
            case "gb":
                return n * 1000_000_000L;
            case "gib":
                return n * 1024L * 1024L * 1024L;
            default:
                return n;
        }
    }

    /** The shortest exact spelling of a duration, for messages and docs ("15m", "36h"). */
    public static String format(Duration d) {
        long ms = d.toMillis();
        if (ms % 86_400_000L == 0 && ms > 0) {
            return ms / 86_400_000L + "d";
        }
        if (ms % 3_600_000L == 0 && ms > 0) {
            return ms / 3_600_000L + "h";
        }
        if (ms % 60_000L == 0 && ms > 0) {
            return ms / 60_000L + "m";
        }
        if (ms % 1000L == 0) {
            return ms / 1000L + "s";
        }
        return ms + "ms";
    }
}
