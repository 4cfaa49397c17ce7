package io.trailhunt.job.sources;

import io.trailhunt.events.decode.DecodeOutput;
import io.trailhunt.events.decode.DecoderLimits;
import io.trailhunt.events.decode.Gzip;
import io.trailhunt.events.decode.RecordDecoder;
import io.trailhunt.events.model.AuditEvent;
import io.trailhunt.events.model.DeadLetter;
import org.apache.flink.core.fs.Path;

import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;

/**
 * The earliest event time in a file's first record, for files whose path carries no time. Reads
 * one record at most; a file that yields no event sorts last.
 */
final class FirstEventTime {
    private FirstEventTime() {}

    static long of(Path path, DecoderLimits limits) {
        try (InputStream raw = new BufferedInputStream(path.getFileSystem().open(path), 64 * 1024)) {
            InputStream in = raw;
            raw.mark(2);
            byte[] magic = {(byte) raw.read(), (byte) raw.read()};
            raw.reset();
            if (Gzip.isGzip(magic)) {
                in = new LazyGzipInputStream(raw);
            }
            JsonFramer framer = new JsonFramer(in, limits.maxRecordBytes);
            long[] earliest = {Long.MAX_VALUE};
            RecordDecoder decoder = new RecordDecoder(limits);
            for (int i = 0; i < 16 && earliest[0] == Long.MAX_VALUE; i++) {
                JsonFramer.Frame f = framer.next();
                if (f == null) {
                    break;
                }
                if (f.oversize) {
                    continue;
                }
                decoder.decode(f.bytes, path.toString(), new DecodeOutput() {
                    @Override
                    public void event(AuditEvent event) {
                        earliest[0] = Math.min(earliest[0], event.eventTime);
                    }

                    @Override
                    public void deadLetter(DeadLetter deadLetter) {}
                });
            }
            return earliest[0];
        } catch (IOException e) {
            return Long.MAX_VALUE; // the reader will meet the same problem and report it
        }
    }
}
