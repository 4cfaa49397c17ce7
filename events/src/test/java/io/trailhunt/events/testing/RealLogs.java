package io.trailhunt.events.testing;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URISyntaxException;
import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileSystem;
import java.nio.file.FileSystemNotFoundException;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * Reads the real audit logs copied into {@code src/test/resources/real-logs/<folder>/} (unchanged
 * copies of /work/shared/data, each folder with its licence). Paths are relative to
 * {@code real-logs/}, e.g. {@code "plaso-test-data/aws_cloudtrail.jsonl"}.
 */
public final class RealLogs {
    public static final String ROOT = "real-logs/";

    private RealLogs() {}

    /** The whole file, as bytes. */
    public static byte[] bytes(String path) {
        try (InputStream in = open(path)) {
            return in.readAllBytes();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + ROOT + path, e);
        }
    }

    /**
     * The file's lines as bytes, one record per line (JSON-lines files): split on '\n', a trailing
     * '\r' removed, the empty remainder after a final newline dropped. Other empty lines are kept,
     * so a test sees every line the file has.
     */
    public static List<byte[]> lines(String path) {
        String text = new String(bytes(path), StandardCharsets.UTF_8);
        List<byte[]> lines = new ArrayList<>();
        int start = 0;
        while (start < text.length()) {
            int nl = text.indexOf('\n', start);
            int end = nl < 0 ? text.length() : nl;
            String line = text.substring(start, end);
            if (line.endsWith("\r")) {
                line = line.substring(0, line.length() - 1);
            }
            lines.add(line.getBytes(StandardCharsets.UTF_8));
            start = end + 1;
        }
        return lines;
    }

    /** The file names (not paths) directly in a folder, sorted. */
    public static List<String> fileNames(String folder) {
        URL url = RealLogs.class.getClassLoader().getResource(ROOT + folder);
        if (url == null) {
            throw new IllegalArgumentException("no test resource folder " + ROOT + folder);
        }
        try {
            if ("jar".equals(url.getProtocol())) {
                // Other modules read these through the test-jar.
                FileSystem fs;
                try {
                    fs = FileSystems.getFileSystem(url.toURI());
                } catch (FileSystemNotFoundException e) {
                    fs = FileSystems.newFileSystem(url.toURI(), Map.of());
                }
                return list(fs.provider().getPath(url.toURI()));
            }
            return list(Path.of(url.toURI()));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (URISyntaxException e) {
            throw new IllegalStateException(e);
        }
    }

    private static List<String> list(Path dir) throws IOException {
        try (Stream<Path> s = Files.list(dir)) {
            return s.filter(Files::isRegularFile).map(p -> p.getFileName().toString()).sorted().collect(Collectors.toList());
        }
    }

    private static InputStream open(String path) {
        InputStream in = RealLogs.class.getClassLoader().getResourceAsStream(ROOT + path);
        if (in == null) {
            throw new IllegalArgumentException("no test resource " + ROOT + path);
        }
        return in;
    }
}
