package io.trailhunt.detectors.anonymizer;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.util.List;
import java.util.function.LongSupplier;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A threat-intelligence list of addresses and networks with labels, read from a text file and read
 * again when the file changes. One entry a line: an address or CIDR, then optionally a label after
 * a comma, tab or space ({@code 185.220.101.0/24, tor-relays}); {@code #} starts a comment.
 *
 * <p>The file is checked for changes at most once per interval of wall-clock time: this is I/O
 * housekeeping, never detection logic, and the clock is injected so tests control it. A file that
 * becomes unreadable or malformed keeps the previous list in use (and is logged).
 */
final class ThreatIntel {
    static final String DEFAULT_LABEL = "threat-intel";
    private static final Logger LOG = LoggerFactory.getLogger(ThreatIntel.class);

    private final Path path;
    private final long checkIntervalNanos;
    private final LongSupplier nanoClock;
    private IpRanges ranges;
    private FileTime loadedModified;
    private long loadedSize;
    private long nextCheck;

    ThreatIntel(Path path, long checkIntervalNanos, LongSupplier nanoClock) {
        this.path = path;
        this.checkIntervalNanos = checkIntervalNanos;
        this.nanoClock = nanoClock;
        this.ranges = parse(path);
        remember();
        this.nextCheck = nanoClock.getAsLong() + checkIntervalNanos;
    }

    /** The label of the entry holding {@code address}, or null. */
    String lookup(String address) {
        refreshIfDue();
        return ranges.lookup(address);
    }

    int size() {
        return ranges.size();
    }

    /**
     * Reads and checks a list file.
     *
     * @throws IllegalArgumentException naming the line that is wrong
     * @throws UncheckedIOException when the file cannot be read
     */
    static IpRanges parse(Path file) {
        List<String> lines;
        try {
            lines = Files.readAllLines(file, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + file + ": " + e.getMessage(), e);
        }
        IpRanges r = new IpRanges();
        for (int i = 0; i < lines.size(); i++) {
            String line = lines.get(i);
            int hash = line.indexOf('#');
            String content = (hash >= 0 ? line.substring(0, hash) : line).trim();
            if (content.isEmpty()) {
                continue;
            }
            int sep = firstSeparator(content);
            String network = sep < 0 ? content : content.substring(0, sep);
            String label = sep < 0 ? "" : content.substring(sep + 1).trim();
            if (label.startsWith(",")) {
                label = label.substring(1).trim();
            }
            try {
                r.add(network, label.isEmpty() ? DEFAULT_LABEL : label);
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException("line " + (i + 1) + ": " + e.getMessage());
            }
        }
        return r;
    }

    private static int firstSeparator(String s) {
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c == ',' || c == '\t' || c == ' ') {
                return i;
            }
        }
        return -1;
    }

    private void refreshIfDue() {
        long now = nanoClock.getAsLong();
        if (now - nextCheck < 0) {
            return;
        }
        nextCheck = now + checkIntervalNanos;
        try {
            FileTime modified = Files.getLastModifiedTime(path);
            long size = Files.size(path);
            if (modified.equals(loadedModified) && size == loadedSize) {
                return;
            }
            IpRanges fresh = parse(path);
            ranges = fresh;
            loadedModified = modified;
            loadedSize = size;
            LOG.info("threat-intelligence list {} re-read: {} entries", path, fresh.size());
        } catch (IOException | RuntimeException e) {
            LOG.warn("threat-intelligence list {} could not be re-read, keeping the previous {} entries: {}", path, ranges.size(), e.getMessage());
        }
    }

    private void remember() {
        try {
            loadedModified = Files.getLastModifiedTime(path);
            loadedSize = Files.size(path);
        } catch (IOException e) {
            loadedModified = null;
        }
    }
}
