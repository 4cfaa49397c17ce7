package io.trailhunt.job.sources;

import io.trailhunt.events.decode.DecoderLimits;
import io.trailhunt.events.model.Decoded;
import io.trailhunt.job.config.KafkaInputSettings;
import io.trailhunt.job.graph.FutureEvents;
import org.apache.flink.connector.kafka.source.KafkaSource;
import org.apache.flink.connector.kafka.source.KafkaSourceBuilder;
import org.apache.flink.connector.kafka.source.enumerator.initializer.OffsetsInitializer;
import org.apache.kafka.clients.consumer.OffsetResetStrategy;

import java.util.regex.Pattern;

/** Builds the KafkaSource for a {@code kafka} input. */
public final class KafkaInputs {
    private KafkaInputs() {}

    public static KafkaSource<Decoded> source(KafkaInputSettings in, DecoderLimits limits, FutureEvents future) {
        KafkaSourceBuilder<Decoded> b = KafkaSource.<Decoded>builder()
                .setProperties(in.connection().clientProperties())
                .setGroupId(in.groupId())
                .setStartingOffsets(startingOffsets(in))
                .setDeserializer(new KafkaDecodingDeserializer(limits, future))
                .setProperty("partition.discovery.interval.ms", Long.toString(in.partitionDiscoveryInterval().toMillis()))
                // offsets are committed on checkpoints so operators can see how far the job has read
                .setProperty("commit.offsets.on.checkpoint", "true")
                .setClientIdPrefix("trailhunt-" + in.name());
        if (in.topics().isEmpty()) {
            b.setTopicPattern(Pattern.compile(in.topicPattern()));
        } else {
            b.setTopics(in.topics());
        }
        if (in.stopAtLatest()) {
            b.setBounded(OffsetsInitializer.latest());
        }
        return b.build();
    }

    static OffsetsInitializer startingOffsets(KafkaInputSettings in) {
        switch (in.startFrom()) {
            case "earliest":
                return OffsetsInitializer.earliest();
            case "latest":
                return OffsetsInitializer.latest();
            case "timestamp":
                return OffsetsInitializer.timestamp(in.startTimestamp().toEpochMilli());
            default:
                return OffsetsInitializer.committedOffsets(OffsetResetStrategy.EARLIEST);
        }
    }
}
