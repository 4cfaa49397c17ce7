package io.trailhunt.job.sources;

import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The time a log file's path says it covers, from the layouts the clouds write archives in:
 * CloudTrail ({@code ..._20261102T0905Z_...json.gz}), Azure storage delivery
 * ({@code y=2026/m=11/d=02/h=09/m=00/PT1H.json}) and GCP sinks to Cloud Storage
 * ({@code .../2026/11/02/09:00:00_09:59:59_S0.json}).
 */
final class PathTimes {
    static final long UNKNOWN = Long.MIN_VALUE;

    private static final Pattern CLOUDTRAIL = Pattern.compile("_(\\d{4})(\\d{2})(\\d{2})T(\\d{2})(\\d{2})Z_");
    private static final Pattern AZURE = Pattern.compile("y=(\\d{4})/m=(\\d{2})/d=(\\d{2})(?:/h=(\\d{2}))?(?:/m=(\\d{2}))?");
    private static final Pattern DATED_FOLDERS = Pattern.compile("/(\\d{4})/(\\d{2})/(\\d{2})/(?:(\\d{2}):(\\d{2}):\\d{2}_)?");

    private PathTimes() {}

    /** Epoch millis, or {@link #UNKNOWN} when the path follows none of the layouts. */
    static long of(String path) {
        for (Pattern p : new Pattern[] {CLOUDTRAIL, AZURE, DATED_FOLDERS}) {
            Matcher m = p.matcher(path);
            if (m.find()) {
                try {
                    return LocalDateTime.of(num(m, 1), num(m, 2), num(m, 3), num(m, 4), num(m, 5)).toInstant(ZoneOffset.UTC).toEpochMilli();
                } catch (java.time.DateTimeException e) {
                    return UNKNOWN; // looked like a date and was not one
                }
            }
        }
        return UNKNOWN;
    }

    private static int num(Matcher m, int group) {
        String g = m.group(group);
        return g == null ? 0 : Integer.parseInt(g);
    }
}
