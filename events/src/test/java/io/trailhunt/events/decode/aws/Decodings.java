package io.trailhunt.events.decode.aws;

import io.trailhunt.events.decode.DecoderLimits;
import io.trailhunt.events.decode.RecordDecoder;
import io.trailhunt.events.model.AuditEvent;
import io.trailhunt.events.model.DeadLetter;
import io.trailhunt.events.model.Decoded;
import io.trailhunt.events.testing.RealLogs;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/** What a set of records decoded to, split into events and dead letters, for exact assertions. */
final class Decodings {
    final List<AuditEvent> events = new ArrayList<>();
    final List<DeadLetter> deadLetters = new ArrayList<>();

    static Decodings of(List<Decoded> all) {
        Decodings d = new Decodings();
        d.add(all);
        return d;
    }

    /** Every line of a JSON-lines resource as its own record, origin {@code <path>:<line number>}. */
    static Decodings ofLines(String path) {
        RecordDecoder decoder = new RecordDecoder(DecoderLimits.defaults());
        Decodings d = new Decodings();
        List<byte[]> lines = RealLogs.lines(path);
        for (int i = 0; i < lines.size(); i++) {
            d.add(decoder.decode(lines.get(i), path + ":" + (i + 1)));
        }
        return d;
    }

    /** A whole resource file as one record, origin {@code <path>}. */
    static Decodings ofFile(String path) {
        return of(new RecordDecoder(DecoderLimits.defaults()).decode(RealLogs.bytes(path), path));
    }

    void add(List<Decoded> all) {
        for (Decoded x : all) {
            if (x.isEvent()) {
                events.add(x.event);
            } else {
                deadLetters.add(x.deadLetter);
            }
        }
    }

    /** Dead-letter reasons with their counts. */
    Map<String, Integer> reasons() {
        Map<String, Integer> m = new TreeMap<>();
        for (DeadLetter dl : deadLetters) {
            m.merge(dl.reason, 1, Integer::sum);
        }
        return m;
    }

    AuditEvent event(String origin) {
        return events.stream().filter(e -> origin.equals(e.origin)).findFirst()
                .orElseThrow(() -> new AssertionError("no event from " + origin));
    }

    DeadLetter deadLetter(String origin) {
        return deadLetters.stream().filter(d -> origin.equals(d.origin)).findFirst()
                .orElseThrow(() -> new AssertionError("no dead letter from " + origin));
    }
}
