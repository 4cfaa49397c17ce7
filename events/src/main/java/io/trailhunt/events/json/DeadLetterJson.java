package io.trailhunt.events.json;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import io.trailhunt.events.model.DeadLetter;

import java.io.IOException;
import java.io.StringWriter;
import java.io.UncheckedIOException;

/** Writes a dead letter as one line of JSON: reason, origin, the first bytes and the length. */
public final class DeadLetterJson {
    private static final JsonFactory FACTORY = new JsonFactory();

    private DeadLetterJson() {}

    public static String toJson(DeadLetter d) {
        StringWriter w = new StringWriter(256 + (d.rawPrefix == null ? 0 : d.rawPrefix.length()));
        try (JsonGenerator g = FACTORY.createGenerator(w)) {
            g.writeStartObject();
            g.writeStringField("reason", d.reason);
            g.writeStringField("origin", d.origin);
            if (d.eventTime != null) {
                g.writeStringField("event_time", FindingJson.iso(d.eventTime));
            }
            g.writeNumberField("raw_length", d.rawLength);
            g.writeStringField("raw_prefix", d.rawPrefix);
            g.writeEndObject();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return w.toString();
    }
}
