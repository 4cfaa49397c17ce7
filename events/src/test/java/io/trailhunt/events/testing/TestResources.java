package io.trailhunt.events.testing;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.List;

/** Reads test resources by their class-path name (real logs and hand-written records alike). */
public final class TestResources {
    private TestResources() {}

    /** The resource's bytes, e.g. {@code bytes("/real-logs/plaso-test-data/gcp_logging.jsonl")}. */
    public static byte[] bytes(String resourcePath) {
        String path = resourcePath.startsWith("/") ? resourcePath : "/" + resourcePath;
        try (InputStream in = TestResources.class.getResourceAsStream(path)) {
            if (in == null) {
                throw new IllegalArgumentException("no test resource " + path);
            }
            return in.readAllBytes();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The resource's lines (UTF-8), one record per line for JSON-lines files. */
    public static List<String> lines(String resourcePath) {
        return new String(bytes(resourcePath), StandardCharsets.UTF_8).lines().toList();
    }
}
