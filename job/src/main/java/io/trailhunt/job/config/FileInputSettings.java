package io.trailhunt.job.config;

import java.time.Duration;
import java.util.List;

/**
 * A {@code type: files} input: files and folders (read recursively, plain or gzip, CloudTrail's
 * S3 archive layout included).
 *
 * @param monitorInterval how often to look for new files; null reads what is there and ends (bounded)
 * @param maxOutOfOrderness this input's own watermark lag, or null for {@link #effectiveOutOfOrderness}'s default
 */
public record FileInputSettings(String name, List<String> paths, Duration monitorInterval, Duration maxOutOfOrderness) implements InputSettings {
    /**
     * A replay reads files one after another, and archive layouts that deliver hourly (Azure's
     * PT1H.json, GCP sinks to Cloud Storage) hold an hour each: read oldest first, a reader that
     * takes a second file of the hour it just finished goes back up to an hour. The sequence rules
     * (CEP) have no allowed lateness, so the lag must exceed that hour, not just equal it.
     */
    public static final Duration BOUNDED_DEFAULT_OUT_OF_ORDERNESS = Duration.ofHours(2);

    public FileInputSettings(String name, List<String> paths, Duration monitorInterval) {
        this(name, paths, monitorInterval, null);
    }

    @Override
    public boolean bounded() {
        return monitorInterval == null;
    }

    @Override
    public String describe() {
        return String.join(", ", paths) + (bounded() ? "" : " (watching every " + monitorInterval.toSeconds() + "s)");
    }

    /** This input's own lag if set; else at least an hour for bounded replays; else the global one. */
    @Override
    public Duration effectiveOutOfOrderness(Duration global) {
        if (maxOutOfOrderness != null) {
            return maxOutOfOrderness;
        }
        return bounded() && global.compareTo(BOUNDED_DEFAULT_OUT_OF_ORDERNESS) < 0 ? BOUNDED_DEFAULT_OUT_OF_ORDERNESS : global;
    }
}
