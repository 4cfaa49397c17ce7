package io.trailhunt.events.json;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import io.trailhunt.events.model.Evidence;
import io.trailhunt.events.model.Finding;
import io.trailhunt.events.model.Geo;

import java.io.IOException;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.util.Map;

/**
 * Writes a finding as an OCSF Detection Finding (class 2004, category Findings, OCSF 1.1), so
 * SIEMs that speak OCSF (Amazon Security Lake and others) ingest findings without a mapping.
 * Trailhunt-specific fields without an OCSF home go under {@code unmapped}.
 */
public final class OcsfFindingJson {
    public static final String OCSF_VERSION = "1.1.0";
    private static final JsonFactory FACTORY = new JsonFactory();

    private OcsfFindingJson() {}

    public static String toJson(Finding f) {
        StringWriter w = new StringWriter(1536);
        try (JsonGenerator g = FACTORY.createGenerator(w)) {
            g.writeStartObject();
            g.writeNumberField("class_uid", 2004);
            g.writeStringField("class_name", "Detection Finding");
            g.writeNumberField("category_uid", 2);
            g.writeStringField("category_name", "Findings");
            g.writeNumberField("activity_id", 1);
            g.writeStringField("activity_name", "Create");
            g.writeNumberField("type_uid", 200401);
            g.writeStringField("type_name", "Detection Finding: Create");
            g.writeNumberField("severity_id", severityId(f));
            g.writeStringField("severity", f.severity == null ? "Unknown" : capitalize(f.severity.id()));
            g.writeNumberField("status_id", 1);
            g.writeStringField("status", "New");
            g.writeNumberField("time", f.lastSeen);
            g.writeStringField("message", f.explanation);
            g.writeNumberField("risk_score", f.riskScore);
            g.writeNumberField("count", f.evidence.size() + f.evidenceOmitted);

            g.writeObjectFieldStart("metadata");
            g.writeStringField("version", OCSF_VERSION);
            g.writeObjectFieldStart("product");
            g.writeStringField("name", "Trailhunt");
            g.writeStringField("vendor_name", "Trailhunt");
            g.writeEndObject();
            g.writeEndObject();

            g.writeObjectFieldStart("finding_info");
            g.writeStringField("uid", f.findingId);
            g.writeStringField("title", f.title);
            g.writeStringField("desc", f.explanation);
            g.writeNumberField("first_seen_time", f.firstSeen);
            g.writeNumberField("last_seen_time", f.lastSeen);
            g.writeArrayFieldStart("types");
            g.writeString(f.ruleId);
            g.writeEndArray();
            g.writeObjectFieldStart("analytic");
            g.writeStringField("uid", f.ruleId);
            g.writeStringField("name", f.ruleId);
            g.writeNumberField("type_id", 1);
            g.writeStringField("type", "Rule");
            g.writeEndObject();
            g.writeArrayFieldStart("attacks");
            for (String t : f.mitre) {
                g.writeStartObject();
                g.writeObjectFieldStart("technique");
                g.writeStringField("uid", t);
                g.writeEndObject();
                g.writeEndObject();
            }
            g.writeEndArray();
            g.writeEndObject();

            if (f.cloud != null) {
                g.writeObjectFieldStart("cloud");
                g.writeStringField("provider", provider(f));
                g.writeObjectFieldStart("account");
                g.writeStringField("uid", f.account);
                g.writeEndObject();
                g.writeEndObject();
            }
            g.writeObjectFieldStart("actor");
            g.writeObjectFieldStart("user");
            g.writeStringField("uid", f.principal);
            g.writeStringField("name", f.principal);
            if (f.principalType != null) {
                g.writeStringField("type", f.principalType.id());
            }
            g.writeEndObject();
            g.writeEndObject();
            if (!f.sourceIps.isEmpty()) {
                g.writeObjectFieldStart("src_endpoint");
                g.writeStringField("ip", f.sourceIps.get(f.sourceIps.size() - 1));
                location(g, f.geo);
                g.writeEndObject();
            }
            g.writeArrayFieldStart("evidences");
            for (Evidence e : f.evidence) {
                evidence(g, e);
            }
            g.writeEndArray();

            g.writeObjectFieldStart("unmapped");
            g.writeStringField("rule_id", f.ruleId);
            if (f.subject != null) {
                g.writeStringField("subject", f.subject);
            }
            for (Map.Entry<String, String> fact : f.facts.entrySet()) {
                g.writeStringField("facts." + fact.getKey(), fact.getValue());
            }
            g.writeEndObject();
            g.writeEndObject();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return w.toString();
    }

    private static void evidence(JsonGenerator g, Evidence e) throws IOException {
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
            g.writeObjectFieldStart("src_endpoint");
            g.writeStringField("ip", e.sourceIp);
            if (e.countryIso != null || e.city != null) {
                g.writeObjectFieldStart("location");
                if (e.countryIso != null) {
                    g.writeStringField("country", e.countryIso);
                }
                if (e.city != null) {
                    g.writeStringField("city", e.city);
                }
                g.writeEndObject();
            }
            g.writeEndObject();
        }
        g.writeObjectFieldStart("data");
        g.writeStringField("event_id", e.eventId);
        g.writeNumberField("event_time", e.eventTime);
        if (e.outcome != null) {
            g.writeStringField("outcome", e.outcome.id());
        }
        g.writeEndObject();
        g.writeEndObject();
    }

    private static void location(JsonGenerator g, Geo geo) throws IOException {
        if (geo == null) {
            return;
        }
        g.writeObjectFieldStart("location");
        if (geo.countryIso != null) {
            g.writeStringField("country", geo.countryIso);
        }
        if (geo.city != null) {
            g.writeStringField("city", geo.city);
        }
        if (geo.latitude != null && geo.longitude != null) {
            g.writeNumberField("lat", geo.latitude);
            g.writeNumberField("long", geo.longitude);
        }
        g.writeEndObject();
    }

    static int severityId(Finding f) {
        if (f.severity == null) {
            return 0;
        }
        switch (f.severity) {
            case LOW:
                return 2;
            case MEDIUM:
                return 3;
            case HIGH:
                return 4;
            default:
                return 5;
        }
    }

    private static String provider(Finding f) {
        switch (f.cloud) {
            case AWS:
                return "AWS";
            case GCP:
                return "GCP";
            default:
                return "Azure";
        }
    }

    private static String capitalize(String s) {
        return Character.toUpperCase(s.charAt(0)) + s.substring(1);
    }
}
