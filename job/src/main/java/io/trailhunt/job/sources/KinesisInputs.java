package io.trailhunt.job.sources;

import io.trailhunt.events.decode.DecoderLimits;
import io.trailhunt.events.model.Decoded;
import io.trailhunt.job.config.KinesisInputSettings;
import io.trailhunt.job.graph.FutureEvents;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.connector.kinesis.source.KinesisStreamsSource;

import java.util.Locale;

/** Builds the FLIP-27 KinesisStreamsSource for a {@code kinesis} input. */
public final class KinesisInputs {
    private KinesisInputs() {}

    public static KinesisStreamsSource<Decoded> source(KinesisInputSettings in, DecoderLimits limits, FutureEvents future) {
        Configuration conf = new Configuration();
        in.aws().clientProperties().forEach((k, v) -> conf.setString((String) k, (String) v));
        conf.setString("flink.stream.initpos", in.initialPosition().toUpperCase(Locale.ROOT).replace('-', '_'));
        if (in.initialTimestamp() != null) {
            conf.setString("flink.stream.initpos.timestamp", Double.toString(in.initialTimestamp().toEpochMilli() / 1000.0));
            conf.setString("flink.stream.initpos.timestamp.format", "");
        }
        conf.setString("flink.shard.discovery.intervalmillis", Long.toString(in.shardDiscoveryInterval().toMillis()));
        return KinesisStreamsSource.<Decoded>builder()
                .setStreamArn(in.streamArn())
                .setSourceConfig(conf)
                .setDeserializationSchema(new KinesisDecodingDeserializer(limits, future))
                .build();
    }
}
