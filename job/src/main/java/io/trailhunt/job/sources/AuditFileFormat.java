package io.trailhunt.job.sources;

import io.trailhunt.events.decode.DecoderLimits;
import io.trailhunt.events.decode.Gzip;
import io.trailhunt.events.model.Decoded;
import io.trailhunt.job.graph.FutureEvents;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.connector.file.src.FileSourceSplit;
import org.apache.flink.connector.file.src.reader.BulkFormat;
import org.apache.flink.connector.file.src.util.CheckpointedPosition;
import org.apache.flink.core.fs.FileSystem;
import org.apache.flink.core.fs.Path;

import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;

/**
 * Reads audit-log files of any supported envelope, plain or gzip (recognised by content, so a
 * CloudTrail object saved without its .gz suffix still reads). A bulk format rather than a stream
 * format because records carry their file and line as their origin.
 */
public final class AuditFileFormat implements BulkFormat<Decoded, FileSourceSplit> {
    private static final long serialVersionUID = 1L;

    private final DecoderLimits limits;
    private final FutureEvents future;

    public AuditFileFormat(DecoderLimits limits, FutureEvents future) {
        this.limits = limits;
        this.future = future;
    }

    @Override
    public Reader<Decoded> createReader(Configuration config, FileSourceSplit split) throws IOException {
        return open(split, 0);
    }

    @Override
    public Reader<Decoded> restoreReader(Configuration config, FileSourceSplit split) throws IOException {
        long skip = split.getReaderPosition().map(CheckpointedPosition::getRecordsAfterOffset).orElse(0L);
        return open(split, skip);
    }

    private Reader<Decoded> open(FileSourceSplit split, long skip) throws IOException {
        Path path = split.path();
        FileSystem fs = path.getFileSystem();
        InputStream in = new BufferedInputStream(fs.open(path), 64 * 1024);
        in.mark(2);
        int b0 = in.read();
        int b1 = in.read();
        in.reset();
        if (Gzip.isGzip(new byte[] {(byte) b0, (byte) b1})) {
            // GZIPInputStream reads the header now; a corrupt one surfaces as the first record's failure.
            in = new BufferedInputStream(new LazyGzipInputStream(in), 64 * 1024);
        }
        return new AuditFileReader(in, path.toString(), limits, future, skip);
    }

    @Override
    public boolean isSplittable() {
        return false;
    }

    @Override
    public TypeInformation<Decoded> getProducedType() {
        return TypeInformation.of(Decoded.class);
    }
}
