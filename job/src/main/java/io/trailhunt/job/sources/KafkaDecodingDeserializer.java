package io.trailhunt.job.sources;

import io.trailhunt.events.decode.DecoderLimits;
import io.trailhunt.events.model.Decoded;
import io.trailhunt.job.graph.FutureEvents;
import org.apache.flink.api.common.serialization.DeserializationSchema;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.connector.kafka.source.reader.deserializer.KafkaRecordDeserializationSchema;
import org.apache.flink.util.Collector;
import org.apache.kafka.clients.consumer.ConsumerRecord;

/** Kafka values to events or dead letters; the origin names topic, partition and offset. */
public final class KafkaDecodingDeserializer implements KafkaRecordDeserializationSchema<Decoded> {
    private static final long serialVersionUID = 1L;

    private final DecoderLimits limits;
    private final FutureEvents future;
    private transient DecodingRecords records;

    public KafkaDecodingDeserializer(DecoderLimits limits, FutureEvents future) {
        this.limits = limits;
        this.future = future;
    }

    @Override
    public void open(DeserializationSchema.InitializationContext context) {
        records = new DecodingRecords(limits, future);
    }

    @Override
    public void deserialize(ConsumerRecord<byte[], byte[]> record, Collector<Decoded> out) {
        records.decode(record.value(), origin(record.topic(), record.partition(), record.offset()), out);
    }

    public static String origin(String topic, int partition, long offset) {
        return "kafka:" + topic + "/" + partition + "@" + offset;
    }

    @Override
    public TypeInformation<Decoded> getProducedType() {
        return TypeInformation.of(Decoded.class);
    }
}
