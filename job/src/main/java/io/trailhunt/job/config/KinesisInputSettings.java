package io.trailhunt.job.config;

import io.trailhunt.events.settings.Section;
import io.trailhunt.events.settings.SettingsException;

import java.time.Duration;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.Map;

/**
 * A {@code type: kinesis} input: one stream, read with the FLIP-27 KinesisStreamsSource (polling).
 * Records may be CloudWatch Logs subscription payloads (gzip), EventBridge events or raw events.
 *
 * @param initialPosition latest, trim-horizon or at-timestamp
 */
public record KinesisInputSettings(
        String name, String streamArn, AwsConnection aws, String initialPosition, Instant initialTimestamp,
        Duration shardDiscoveryInterval, Duration maxOutOfOrderness) implements InputSettings {

    public static KinesisInputSettings from(Section in, String name, Map<String, String> env) {
        String arn = in.requiredString("stream-arn", "the stream's ARN, e.g. arn:aws:kinesis:us-east-1:111122223333:stream/cloudtrail");
        String[] parts = arn.split(":");
        if (parts.length < 6 || !parts[0].equals("arn") || !parts[2].equals("kinesis") || !parts[5].startsWith("stream/")) {
            throw new SettingsException(in.key("stream-arn"), "'" + arn + "' is not a Kinesis stream ARN (arn:aws:kinesis:<region>:<account>:stream/<name>)");
        }
        String position = in.choice("initial-position", "latest", "latest", "trim-horizon", "at-timestamp");
        Instant at = null;
        if (position.equals("at-timestamp")) {
            String t = in.requiredString("initial-timestamp", "the ISO-8601 instant to read from, e.g. 2026-11-01T00:00:00Z");
            try {
                at = Instant.parse(t);
            } catch (DateTimeParseException e) {
                throw new SettingsException(in.key("initial-timestamp"), "'" + t + "' is not an ISO-8601 instant such as 2026-11-01T00:00:00Z");
            }
        }
        return new KinesisInputSettings(name, arn, AwsConnection.from(in, parts[3], env), position, at,
                in.duration("shard-discovery-interval", Duration.ofSeconds(10), Duration.ofSeconds(1), Duration.ofHours(1)),
                in.has("max-out-of-orderness") ? in.duration("max-out-of-orderness", null, Duration.ZERO, EventTimeSettings.MAX_LAG_CONTINUOUS) : null);
    }

    @Override
    public boolean bounded() {
        return false;
    }

    @Override
    public Duration effectiveOutOfOrderness(Duration global) {
        return maxOutOfOrderness != null ? maxOutOfOrderness : global;
    }

    @Override
    public String describe() {
        return "kinesis " + streamArn + " in " + aws.describe();
    }
}
