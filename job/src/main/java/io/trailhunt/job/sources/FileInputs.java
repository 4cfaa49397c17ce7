package io.trailhunt.job.sources;

import io.trailhunt.events.decode.DecoderLimits;
import io.trailhunt.events.model.Decoded;
import io.trailhunt.job.config.FileInputSettings;
import io.trailhunt.job.graph.FutureEvents;
import org.apache.flink.connector.file.src.FileSource;
import org.apache.flink.core.fs.Path;

/** Builds the FLIP-27 file source for a {@code files} input: bounded, or monitoring folders for new files. */
public final class FileInputs {
    private FileInputs() {}

    public static FileSource<Decoded> source(FileInputSettings input, DecoderLimits limits, FutureEvents future) {
        Path[] paths = input.paths().stream().map(Path::new).toArray(Path[]::new);
        FileSource.FileSourceBuilder<Decoded> b = FileSource.forBulkFileFormat(new AuditFileFormat(limits, future), paths)
                .setFileEnumerator(AuditFileEnumerator::new)
                .setSplitAssigner(ChronologicalSplitAssigner.provider(limits));
        if (!input.bounded()) {
            b.monitorContinuously(input.monitorInterval());
        }
        return b.build();
    }
}
