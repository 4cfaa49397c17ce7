package io.trailhunt.job.config;

import java.io.Serializable;
import java.time.Duration;
import java.util.List;

/**
 * A {@code type: files} input: files and folders (read recursively, plain or gzip, CloudTrail's
 * S3 archive layout included).
 *
 * @param monitorInterval how often to look for new files; null reads what is there and ends (bounded)
 */
public record FileInputSettings(String name, List<String> paths, Duration monitorInterval) implements Serializable {
    public boolean bounded() {
        return monitorInterval == null;
    }
}
