package io.trailhunt.job.sources;

import io.trailhunt.events.decode.DecodeOutput;
import io.trailhunt.events.decode.DecoderLimits;
import io.trailhunt.events.decode.RawPrefix;
import io.trailhunt.events.decode.RecordDecoder;
import io.trailhunt.events.model.AuditEvent;
import io.trailhunt.events.model.DeadLetter;
import io.trailhunt.events.model.Decoded;
import io.trailhunt.job.graph.FutureEvents;
import org.apache.flink.connector.file.src.reader.BulkFormat;
import org.apache.flink.connector.file.src.util.ArrayResultIterator;
import org.apache.flink.connector.file.src.util.CheckpointedPosition;

import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayDeque;
import java.util.zip.ZipException;

/**
 * Reads one file as a sequence of {@link Decoded} records: frames cut by {@link JsonFramer}, each
 * decoded by the {@link RecordDecoder}. Positions are record counts from the start of the file,
 * which is exact because decoding is deterministic; a restore re-reads and skips.
 */
final class AuditFileReader implements BulkFormat.Reader<Decoded> {
    private static final int BATCH = 512;

    private final InputStream stream;
    private final String origin;
    private final JsonFramer framer;
    private final RecordDecoder decoder;
    private final FutureEvents future;
    private final ArrayDeque<Decoded> pending = new ArrayDeque<>();
    private final DecodeOutput toPending = new DecodeOutput() {
        @Override
        public void event(AuditEvent event) {
            pending.add(future.check(event));
        }

        @Override
        public void deadLetter(DeadLetter deadLetter) {
            pending.add(Decoded.of(deadLetter));
        }
    };
    private long emitted;
    private boolean exhausted;

    AuditFileReader(InputStream stream, String origin, DecoderLimits limits, FutureEvents future, long recordsToSkip) throws IOException {
        this.stream = stream;
        this.origin = origin;
        this.framer = new JsonFramer(stream, limits.maxRecordBytes);
        this.decoder = new RecordDecoder(limits);
        this.future = future;
        for (long i = 0; i < recordsToSkip; i++) {
            if (nextRecord() == null) {
                break;
            }
            emitted++;
        }
    }

    @Override
    public BulkFormat.RecordIterator<Decoded> readBatch() throws IOException {
        Decoded[] batch = new Decoded[BATCH];
        int n = 0;
        Decoded d;
        while (n < BATCH && (d = nextRecord()) != null) {
            batch[n++] = d;
        }
        if (n == 0) {
            return null;
        }
        ArrayResultIterator<Decoded> it = new ArrayResultIterator<>();
        it.set(batch, n, CheckpointedPosition.NO_OFFSET, emitted);
        emitted += n;
        return it;
    }

    private Decoded nextRecord() throws IOException {
        while (pending.isEmpty() && !exhausted) {
            JsonFramer.Frame f;
            try {
                f = framer.next();
            } catch (ZipException | EOFException e) {
                // Corrupt or truncated compressed data: the rest of this file is lost, the job is not.
                pending.add(Decoded.of(new DeadLetter("unreadable compressed data, rest of file skipped: " + e.getMessage(),
                        origin + ":" + framer.line(), "", 0, null)));
                exhausted = true;
                break;
            }
            if (f == null) {
                exhausted = true;
                break;
            }
            String at = origin + ":" + f.line;
            if (f.oversize) {
                pending.add(Decoded.of(new DeadLetter(
                        "record is " + f.length + " bytes, over the limit of " + decoder.limits().maxRecordBytes + " (decoding.max-record-bytes)",
                        at, RawPrefix.of(f.bytes, decoder.limits().deadLetterPrefixBytes), f.length, null)));
            } else {
                decoder.decode(f.bytes, at, toPending);
            }
        }
        return pending.poll();
    }

    @Override
    public void close() throws IOException {
        stream.close();
    }
}
