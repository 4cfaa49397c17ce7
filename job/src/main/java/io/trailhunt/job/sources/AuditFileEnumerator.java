package io.trailhunt.job.sources;

import org.apache.flink.connector.file.src.FileSourceSplit;
import org.apache.flink.connector.file.src.enumerate.DefaultFileFilter;
import org.apache.flink.connector.file.src.enumerate.NonSplittingRecursiveEnumerator;
import org.apache.flink.core.fs.FileStatus;
import org.apache.flink.core.fs.FileSystem;
import org.apache.flink.core.fs.Path;
import org.apache.flink.core.fs.local.LocalFileSystem;

import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.List;

/**
 * Lists files recursively, one split per file, skipping hidden and {@code _}-prefixed files.
 * Local folders are listed with java.nio: Flink's local listing builds child paths from strings
 * and fails on names with a colon, which GCP's sinks to Cloud Storage write
 * ({@code 09:00:00_09:59:59_S0.json}) and which a mirrored bucket keeps.
 */
public final class AuditFileEnumerator extends NonSplittingRecursiveEnumerator {
    public AuditFileEnumerator() {
        super(new DefaultFileFilter());
    }

    @Override
    protected void addSplitsForPath(FileStatus file, FileSystem fs, ArrayList<FileSourceSplit> target) throws IOException {
        if (!(fs instanceof LocalFileSystem) || !file.isDir()) {
            super.addSplitsForPath(file, fs, target);
            return;
        }
        if (!fileFilter.test(file.getPath())) {
            return;
        }
        List<java.nio.file.Path> children = new ArrayList<>();
        try (DirectoryStream<java.nio.file.Path> entries = Files.newDirectoryStream(Paths.get(file.getPath().toUri()))) {
            entries.forEach(children::add);
        }
        children.sort(null);
        for (java.nio.file.Path child : children) {
            Path p = new Path("file:" + child.toAbsolutePath().toUri().getPath());
            addSplitsForPath(fs.getFileStatus(p), fs, target);
        }
    }
}
