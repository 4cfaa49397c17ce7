package io.trailhunt.job.config;

import io.trailhunt.events.settings.Section;
import io.trailhunt.events.settings.SettingsException;

import java.time.Duration;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.List;
import java.util.Map;

/**
 * A {@code type: kafka} input: topics (or a pattern) read as one source, each record decoded by
 * content whatever produced it (EventBridge, Fluent Bit, Vector, a Pub/Sub bridge, Azure
 * diagnostic settings through Event Hubs).
 *
 * @param startFrom committed (falling back to earliest), earliest, latest or timestamp
 * @param stopAtLatest read up to the offsets current at start and end: a bounded replay
 */
public record KafkaInputSettings(
        String name, KafkaConnection connection, List<String> topics, String topicPattern, String groupId,
        String startFrom, Instant startTimestamp, Duration partitionDiscoveryInterval, boolean stopAtLatest,
        Duration maxOutOfOrderness) implements InputSettings {

    public static KafkaInputSettings from(Section in, String name, Map<String, String> env) {
        KafkaConnection connection = KafkaConnection.from(in, env);
        List<String> topics = in.strings("topics");
        String pattern = in.string("topic-pattern", null);
        if (topics.isEmpty() == (pattern == null)) {
            throw new SettingsException(in.key("topics"), "give either topics (a list) or topic-pattern (a regular expression)");
        }
        String startFrom = in.choice("start-from", "committed", "committed", "earliest", "latest", "timestamp");
        Instant timestamp = null;
        if (startFrom.equals("timestamp")) {
            String t = in.requiredString("start-timestamp", "the ISO-8601 instant to replay from, e.g. 2026-11-01T00:00:00Z");
            try {
                timestamp = Instant.parse(t);
            } catch (DateTimeParseException e) {
                throw new SettingsException(in.key("start-timestamp"), "'" + t + "' is not an ISO-8601 instant such as 2026-11-01T00:00:00Z");
            }
        }
        Duration discovery = in.duration("partition-discovery-interval", Duration.ofMinutes(5), Duration.ofSeconds(1), Duration.ofDays(1));
        boolean stopAtLatest = in.bool("stop-at-latest", false);
        return new KafkaInputSettings(name, connection, topics, pattern, in.string("group-id", "trailhunt"), startFrom, timestamp, discovery, stopAtLatest,
                in.has("max-out-of-orderness") ? in.duration("max-out-of-orderness", null, Duration.ZERO, EventTimeSettings.maxLag(stopAtLatest)) : null);
    }

    @Override
    public boolean bounded() {
        return stopAtLatest;
    }

    @Override
    public Duration effectiveOutOfOrderness(Duration global) {
        return maxOutOfOrderness != null ? maxOutOfOrderness : global;
    }

    @Override
    public String describe() {
        return "kafka " + (topics.isEmpty() ? "/" + topicPattern + "/" : String.join(",", topics)) + " at " + connection.describe();
    }
}
