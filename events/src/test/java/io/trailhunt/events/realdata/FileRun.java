package io.trailhunt.events.realdata;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.trailhunt.events.decode.DecoderLimits;
import io.trailhunt.events.decode.RecordDecoder;
import io.trailhunt.events.model.AuditEvent;
import io.trailhunt.events.model.Decoded;
import io.trailhunt.events.model.DeadLetter;
import io.trailhunt.events.testing.TestResources;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.BiConsumer;

/** Every line of one real-log file through the real decoder entry point, kept per line. */
final class FileRun {
    private static final ObjectMapper MAPPER = new ObjectMapper();

    final String path;
    final List<String> lines;
    /** What line i+1 decoded to. */
    final List<List<Decoded>> perLine = new ArrayList<>();

    private FileRun(String path) {
        this.path = path;
        this.lines = TestResources.lines(path);
        RecordDecoder decoder = new RecordDecoder(DecoderLimits.defaults());
        for (int i = 0; i < lines.size(); i++) {
            perLine.add(decoder.decode(lines.get(i).getBytes(StandardCharsets.UTF_8), origin(i + 1)));
        }
    }

    /** A JSON-lines file: one record per line. */
    static FileRun jsonLines(String path) {
        return new FileRun(path);
    }

    String origin(int line) {
        return path + ":" + line;
    }

    List<AuditEvent> events() {
        List<AuditEvent> out = new ArrayList<>();
        perLine.forEach(ds -> ds.stream().filter(Decoded::isEvent).forEach(d -> out.add(d.event)));
        return out;
    }

    List<DeadLetter> deadLetters() {
        List<DeadLetter> out = new ArrayList<>();
        perLine.forEach(ds -> ds.stream().filter(d -> !d.isEvent()).forEach(d -> out.add(d.deadLetter)));
        return out;
    }

    /** Dead-letter reasons with their counts, sorted by reason. */
    Map<String, Long> reasons() {
        Map<String, Long> counts = new TreeMap<>();
        deadLetters().forEach(d -> counts.merge(d.reason, 1L, Long::sum));
        return counts;
    }

    /** The one event line {@code line} (1-based) decoded to; fails when it decoded to anything else. */
    AuditEvent event(int line) {
        List<Decoded> ds = perLine.get(line - 1);
        if (ds.size() != 1 || !ds.get(0).isEvent()) {
            throw new AssertionError(origin(line) + " decoded to " + ds + ", not one event");
        }
        return ds.get(0).event;
    }

    JsonNode raw(int line) {
        try {
            return MAPPER.readTree(lines.get(line - 1));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Calls {@code check} with (raw record, event) for every line that decoded to exactly one event. */
    int forEachDecodedLine(BiConsumer<JsonNode, AuditEvent> check) {
        int n = 0;
        for (int line = 1; line <= lines.size(); line++) {
            List<Decoded> ds = perLine.get(line - 1);
            if (ds.size() == 1 && ds.get(0).isEvent()) {
                check.accept(raw(line), ds.get(0).event);
                n++;
            }
        }
        return n;
    }
}
