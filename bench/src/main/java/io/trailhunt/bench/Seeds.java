package io.trailhunt.bench;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.trailhunt.events.decode.DecoderLimits;
import io.trailhunt.events.decode.RecordDecoder;
import io.trailhunt.events.model.Decoded;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import java.util.zip.GZIPInputStream;

/**
 * The records a corpus is amplified from: every audit record (one JSON object each) found under
 * the given folders, whether in CloudTrail delivery files, JSON arrays or JSON lines. Records that
 * the decoders reject stay in: a real stream has them too.
 */
final class Seeds {
    private static final ObjectMapper JSON = new ObjectMapper();

    /**
     * One record with its own event date (as written in it, "2026-11-02") and time of day; both
     * null/-1 for records the decoders reject.
     */
    record Seed(String json, String date, long timeOfDay) {}

    private Seeds() {}

    static List<Seed> load(List<Path> roots) throws IOException {
        List<String> raw = new ArrayList<>();
        collect(roots, raw);
        RecordDecoder decoder = new RecordDecoder(DecoderLimits.defaults());
        List<Seed> out = new ArrayList<>(raw.size());
        for (String json : raw) {
            List<Decoded> d = decoder.decode(json.getBytes(StandardCharsets.UTF_8), "seed");
            if (d.size() == 1 && d.get(0).isEvent()) {
                long t = d.get(0).event.eventTime;
                out.add(new Seed(json, LocalDate.ofInstant(Instant.ofEpochMilli(t), ZoneOffset.UTC).toString(), Math.floorMod(t, 86_400_000L)));
            } else {
                out.add(new Seed(json, null, -1));
            }
        }
        return out;
    }

    private static void collect(List<Path> roots, List<String> out) throws IOException {
        for (Path root : roots) {
            try (Stream<Path> files = Files.walk(root)) {
                for (Path f : files.filter(Files::isRegularFile).sorted().toList()) {
                    String name = f.getFileName().toString();
                    if (name.endsWith(".json") || name.endsWith(".jsonl") || name.endsWith(".json.gz")) {
                        read(f, out);
                    }
                }
            }
        }
    }

    private static void read(Path f, List<String> out) throws IOException {
        byte[] bytes;
        try (InputStream in = f.toString().endsWith(".gz") ? new GZIPInputStream(Files.newInputStream(f)) : Files.newInputStream(f)) {
            bytes = in.readAllBytes();
        }
        String text = new String(bytes, StandardCharsets.UTF_8).strip();
        if (text.startsWith("[") || text.startsWith("{\"Records\"") || (text.startsWith("{") && text.contains("\n  "))) {
            try {
                add(JSON.readTree(text), out);
                return;
            } catch (IOException notOneDocument) {
                // fall through to JSON lines
            }
        }
        for (String line : text.split("\n")) {
            if (!line.isBlank()) {
                try {
                    add(JSON.readTree(line), out);
                } catch (IOException e) {
                    out.add(line); // a broken line is part of real traffic
                }
            }
        }
    }

    private static void add(JsonNode node, List<String> out) {
        JsonNode records = node.isObject() ? node.get("Records") : null;
        if (records != null && records.isArray()) {
            records.forEach(r -> out.add(r.toString()));
        } else if (node.isArray()) {
            node.forEach(r -> out.add(r.toString()));
        } else {
            out.add(node.toString());
        }
    }
}
