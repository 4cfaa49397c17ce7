package io.trailhunt.events.json;

import com.fasterxml.jackson.core.JsonGenerator;
import io.trailhunt.events.model.Evidence;

import java.io.IOException;
import java.util.Map;

/**
 * One evidence event as an OCSF 1.4.0 {@code evidences} object: the call ({@code api}), where it
 * came from ({@code src_endpoint} with location and autonomous system), the client
 * ({@code http_request.user_agent}) and the rest under the free-form {@code data}.
 */
final class OcsfEvidence {
    private OcsfEvidence() {}

    static void write(JsonGenerator g, Evidence e) throws IOException {
        g.writeStartObject();
        g.writeObjectFieldStart("api");
        g.writeStringField("operation", e.action);
        if (e.service != null) {
            g.writeObjectFieldStart("service");
            g.writeStringField("name", e.service);
            g.writeEndObject();
        }
        if (e.errorCode != null) {
            g.writeObjectFieldStart("response");
            g.writeStringField("error", e.errorCode);
            g.writeEndObject();
        }
        g.writeEndObject();
        if (e.sourceIp != null) {
            sourceEndpoint(g, e);
        }
        if (e.userAgent != null) {
            g.writeObjectFieldStart("http_request");
            g.writeStringField("user_agent", e.userAgent);
            g.writeEndObject();
        }
        g.writeObjectFieldStart("data");
        g.writeStringField("event_id", e.eventId);
        g.writeNumberField("event_time", e.eventTime);
        if (e.outcome != null) {
            g.writeStringField("outcome", e.outcome.id());
        }
        if (e.region != null) {
            g.writeStringField("region", e.region);
        }
        if (!e.details.isEmpty()) {
            g.writeObjectFieldStart("details");
            for (Map.Entry<String, String> d : e.details.entrySet()) {
                g.writeStringField(d.getKey(), d.getValue());
            }
            g.writeEndObject();
        }
        g.writeEndObject();
        g.writeEndObject();
    }

    private static void sourceEndpoint(JsonGenerator g, Evidence e) throws IOException {
        g.writeObjectFieldStart("src_endpoint");
        g.writeStringField("ip", e.sourceIp);
        if (e.countryIso != null || e.city != null || (e.latitude != null && e.longitude != null)) {
            g.writeObjectFieldStart("location");
            if (e.countryIso != null) {
                g.writeStringField("country", e.countryIso);
            }
            if (e.city != null) {
                g.writeStringField("city", e.city);
            }
            if (e.latitude != null && e.longitude != null) {
                g.writeNumberField("lat", e.latitude);
                g.writeNumberField("long", e.longitude);
            }
            g.writeEndObject();
        }
        if (e.asn != null) {
            g.writeObjectFieldStart("autonomous_system");
            g.writeNumberField("number", e.asn);
            if (e.asOrg != null) {
                g.writeStringField("name", e.asOrg);
            }
            g.writeEndObject();
        }
        g.writeEndObject();
    }
}
