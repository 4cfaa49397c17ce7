package io.trailhunt.job.sinks;

import io.trailhunt.events.decode.EventIds;
import io.trailhunt.job.config.KafkaOutputSettings;
import io.trailhunt.job.config.KinesisOutputSettings;
import org.apache.flink.api.common.serialization.SerializationSchema;
import org.apache.flink.api.connector.sink2.Sink;
import org.apache.flink.connector.base.DeliveryGuarantee;
import org.apache.flink.connector.kafka.sink.KafkaRecordSerializationSchema;
import org.apache.flink.connector.kafka.sink.KafkaSink;
import org.apache.flink.connector.kinesis.sink.KinesisStreamsSink;

import java.nio.charset.StandardCharsets;
import java.util.Properties;

/**
 * Kafka and Kinesis sinks for records already turned into JSON lines paired with their key
 * ({@link KeyedLine}, {@link OutputLines}): findings are keyed by principal so one principal's
 * findings stay in order on one partition or shard; dead letters by origin.
 */
public final class StreamSinks {
    private StreamSinks() {}

    public static Sink<KeyedLine> kafka(KafkaOutputSettings out) {
        Properties p = out.connection().clientProperties();
        p.setProperty("transaction.timeout.ms", Long.toString(out.transactionTimeout().toMillis()));
        return KafkaSink.<KeyedLine>builder()
                .setKafkaProducerConfig(p)
                .setRecordSerializer(KafkaRecordSerializationSchema.<KeyedLine>builder()
                        .setTopic(out.topic())
                        .setKeySerializationSchema(new KeyBytes())
                        .setValueSerializationSchema(new LineBytes())
                        .build())
                .setDeliveryGuarantee(out.exactlyOnce() ? DeliveryGuarantee.EXACTLY_ONCE : DeliveryGuarantee.AT_LEAST_ONCE)
                .setTransactionalIdPrefix(out.transactionalIdPrefix())
                .build();
    }

    public static Sink<KeyedLine> kinesis(KinesisOutputSettings out) {
        return KinesisStreamsSink.<KeyedLine>builder()
                .setStreamArn(out.streamArn())
                .setKinesisClientProperties(out.aws().clientProperties())
                .setSerializationSchema(new LineBytes())
                .setPartitionKeyGenerator(StreamSinks::kinesisPartitionKey)
                .build();
    }

    /**
     * A hash of the line's key (Kinesis partition keys hold at most 256 characters; ARNs and
     * origins can be longer), or of the line itself when it has none, so unkeyed lines spread over
     * the shards too.
     */
    static String kinesisPartitionKey(KeyedLine line) {
        return EventIds.sha256Hex(line.key != null ? line.key : line.line).substring(0, 32);
    }

    private static final class KeyBytes implements SerializationSchema<KeyedLine> {
        private static final long serialVersionUID = 1L;

        @Override
        public byte[] serialize(KeyedLine line) {
            return line.key == null ? null : line.key.getBytes(StandardCharsets.UTF_8);
        }
    }

    private static final class LineBytes implements SerializationSchema<KeyedLine> {
        private static final long serialVersionUID = 1L;

        @Override
        public byte[] serialize(KeyedLine line) {
            return line.line.getBytes(StandardCharsets.UTF_8);
        }
    }
}
