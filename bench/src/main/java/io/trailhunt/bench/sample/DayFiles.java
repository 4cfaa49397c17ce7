package io.trailhunt.bench.sample;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.io.IOException;
import java.io.OutputStream;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.Function;
import java.util.zip.GZIPOutputStream;

/** Lays records out in the archive layouts the clouds deliver to: one file per hour and stream. */
final class DayFiles {
    private final Path root;
    /** file path → records with their time, in order of writing. */
    private final Map<String, List<Timed>> files = new TreeMap<>();

    DayFiles(Path root) {
        this.root = root;
    }

    private record Timed(Instant time, String line) {}

    void cloudTrail(Instant t, String region, ObjectNode record) {
        ZonedDateTime h = t.atZone(ZoneOffset.UTC);
        String name = String.format("aws/AWSLogs/%s/CloudTrail/%s/%04d/%02d/%02d/%s_CloudTrail_%s_%04d%02d%02dT%02d00Z_%s.json.gz",
                CloudTrail.ACCOUNT, region, h.getYear(), h.getMonthValue(), h.getDayOfMonth(), CloudTrail.ACCOUNT, region,
                h.getYear(), h.getMonthValue(), h.getDayOfMonth(), h.getHour(), stableSuffix(region + h.getHour()));
        add(name, t, record.toString());
    }

    void gcp(Instant t, String kind, ObjectNode entry) {
        ZonedDateTime h = t.atZone(ZoneOffset.UTC);
        add(String.format("gcp/cloudaudit.googleapis.com/%s/%04d/%02d/%02d/%02d:00:00_%02d:59:59_S0.json", kind,
                h.getYear(), h.getMonthValue(), h.getDayOfMonth(), h.getHour(), h.getHour()), t, entry.toString());
    }

    /** A line as it was found in a file: used for the one record cut short by a failed write. */
    void gcpRaw(Instant t, String kind, String line) {
        ZonedDateTime h = t.atZone(ZoneOffset.UTC);
        add(String.format("gcp/cloudaudit.googleapis.com/%s/%04d/%02d/%02d/%02d:00:00_%02d:59:59_S0.json", kind,
                h.getYear(), h.getMonthValue(), h.getDayOfMonth(), h.getHour(), h.getHour()), t, line);
    }

    /** @param container e.g. "insights-logs-signinlogs", @param resource the resourceId path segment */
    void azure(Instant t, String container, String resource, ObjectNode record) {
        ZonedDateTime h = t.atZone(ZoneOffset.UTC);
        add(String.format("azure/%s/resourceId=%s/y=%04d/m=%02d/d=%02d/h=%02d/m=00/PT1H.json", container, resource,
                h.getYear(), h.getMonthValue(), h.getDayOfMonth(), h.getHour()), t, record.toString());
    }

    private void add(String file, Instant t, String line) {
        files.computeIfAbsent(file, f -> new ArrayList<>()).add(new Timed(t, line));
    }

    /** Writes every file; CloudTrail files as {"Records":[...]} gzip, the others as JSON lines. */
    int write() throws IOException {
        int records = 0;
        for (Map.Entry<String, List<Timed>> f : files.entrySet()) {
            List<Timed> lines = new ArrayList<>(f.getValue());
            lines.sort(Comparator.comparing(Timed::time));
            Path p = root.resolve(f.getKey());
            Files.createDirectories(p.getParent());
            if (f.getKey().endsWith(".json.gz")) {
                ObjectNode doc = Json.object();
                ArrayNode arr = doc.putArray("Records");
                for (Timed l : lines) {
                    arr.add(Json.MAPPER.readTree(l.line()));
                }
                try (OutputStream out = new GZIPOutputStream(Files.newOutputStream(p))) {
                    out.write(Json.MAPPER.writeValueAsBytes(doc));
                }
            } else {
                try (Writer w = Files.newBufferedWriter(p, StandardCharsets.UTF_8)) {
                    for (Timed l : lines) {
                        w.write(l.line());
                        w.write('\n');
                    }
                }
            }
            records += lines.size();
        }
        return records;
    }

    private String stableSuffix(String seed) {
        Function<Integer, Character> alnum = i -> "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789".charAt(Math.floorMod(i, 62));
        StringBuilder sb = new StringBuilder();
        int h = seed.hashCode();
        for (int i = 0; i < 16; i++) {
            sb.append(alnum.apply(h >> (i % 8) ^ i * 31));
        }
        return sb.toString();
    }
}
