package io.trailhunt.job.sources;

import io.trailhunt.events.decode.DecodeOutput;
import io.trailhunt.events.decode.DecoderLimits;
import io.trailhunt.events.decode.RecordDecoder;
import io.trailhunt.events.model.AuditEvent;
import io.trailhunt.events.model.DeadLetter;
import io.trailhunt.events.model.Decoded;
import io.trailhunt.job.graph.FutureEvents;
import org.apache.flink.util.Collector;

/**
 * Decodes stream records (Kafka values, Kinesis data) inside the source, so each partition or
 * shard keeps its own watermark. One per source reader, created in open(): the decoder is not
 * thread-safe or serializable.
 */
final class DecodingRecords {
    private final RecordDecoder decoder;
    private final FutureEvents future;
    private Collector<Decoded> out;
    private final DecodeOutput forward = new DecodeOutput() {
        @Override
        public void event(AuditEvent event) {
            out.collect(future.check(event));
        }

        @Override
        public void deadLetter(DeadLetter deadLetter) {
            out.collect(Decoded.of(deadLetter));
        }
    };

    DecodingRecords(DecoderLimits limits, FutureEvents future) {
        this.decoder = new RecordDecoder(limits);
        this.future = future;
    }

    void decode(byte[] value, String origin, Collector<Decoded> collector) {
        out = collector;
        if (value == null) {
            // A tombstone or empty record is still a record someone sent: it is set aside, not lost.
            collector.collect(Decoded.of(new DeadLetter("empty record (no value)", origin, "", 0, null)));
            return;
        }
        decoder.decode(value, origin, forward);
    }
}
