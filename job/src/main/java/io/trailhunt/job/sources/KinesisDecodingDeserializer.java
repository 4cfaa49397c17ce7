package io.trailhunt.job.sources;

import io.trailhunt.events.decode.DecoderLimits;
import io.trailhunt.events.model.Decoded;
import io.trailhunt.job.graph.FutureEvents;
import org.apache.flink.api.common.serialization.DeserializationSchema;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.connector.kinesis.source.serialization.KinesisDeserializationSchema;
import org.apache.flink.kinesis.shaded.software.amazon.awssdk.services.kinesis.model.Record;
import org.apache.flink.util.Collector;

/**
 * Kinesis records to events or dead letters; the origin names stream, shard and sequence number.
 * CloudWatch Logs subscription data arrives gzip-compressed and is recognised by content.
 */
public final class KinesisDecodingDeserializer implements KinesisDeserializationSchema<Decoded> {
    private static final long serialVersionUID = 1L;

    private final DecoderLimits limits;
    private final FutureEvents future;
    private transient DecodingRecords records;

    public KinesisDecodingDeserializer(DecoderLimits limits, FutureEvents future) {
        this.limits = limits;
        this.future = future;
    }

    @Override
    public void open(DeserializationSchema.InitializationContext context) {
        records = new DecodingRecords(limits, future);
    }

    @Override
    public void deserialize(Record record, String stream, String shardId, Collector<Decoded> out) {
        byte[] data = record.data() == null ? null : record.data().asByteArray();
        records.decode(data, "kinesis:" + stream + "/" + shardId + "@" + record.sequenceNumber(), out);
    }

    @Override
    public TypeInformation<Decoded> getProducedType() {
        return TypeInformation.of(Decoded.class);
    }
}
