package io.trailhunt.detectors.scores;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;

import java.io.IOException;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.time.Instant;

/**
 * Writes a scored observation as one JSON line (snake_case, ISO-8601 UTC, bits rounded to two
 * decimals), documented in docs/formats.md.
 */
public final class ScoredObservationJson {
    private static final JsonFactory FACTORY = new JsonFactory();

    private ScoredObservationJson() {}

    public static String toJson(ScoredObservation s) {
        StringWriter w = new StringWriter(512);
        try (JsonGenerator g = FACTORY.createGenerator(w)) {
            g.writeStartObject();
            g.writeStringField("rule_id", s.ruleId);
            g.writeStringField("event_id", s.eventId);
            g.writeStringField("event_time", Instant.ofEpochMilli(s.eventTime).toString());
            g.writeStringField("cloud", s.cloud == null ? null : s.cloud.id());
            g.writeStringField("account", s.account);
            g.writeStringField("principal", s.principal);
            g.writeStringField("service", s.service);
            g.writeStringField("action", s.action);
            g.writeStringField("source_ip", s.sourceIp);
            g.writeNumberField("score_bits", round(s.scoreBits));
            g.writeStringField("most_novel", s.mostNovel);
            g.writeObjectFieldStart("components");
            for (int i = 0; i < s.components.length; i++) {
                g.writeObjectFieldStart(s.components[i]);
                g.writeStringField("value", s.values[i]);
                g.writeNumberField("bits", round(s.bits[i]));
                g.writeEndObject();
            }
            g.writeEndObject();
            g.writeNumberField("history_events", s.historyEvents);
            g.writeBooleanField("warming_up", s.warmingUp);
            g.writeBooleanField("reported", s.reported);
            g.writeEndObject();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return w.toString();
    }

    static double round(double bits) {
        return Math.round(bits * 100) / 100.0;
    }
}
