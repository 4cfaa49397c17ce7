package io.trailhunt.events.json;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import io.trailhunt.events.model.Evidence;
import io.trailhunt.events.model.Finding;
import io.trailhunt.events.model.Geo;

import java.io.IOException;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * Writes a finding as one line of JSON in the schema of DESIGN.md (snake_case, ISO-8601 UTC
 * times). Written field by field so the schema is visible here and does not drift with the POJO.
 */
public final class FindingJson {
    private static final JsonFactory FACTORY = new JsonFactory();

    private FindingJson() {}

    public static String toJson(Finding f) {
        StringWriter w = new StringWriter(1024);
        try (JsonGenerator g = FACTORY.createGenerator(w)) {
            g.writeStartObject();
            g.writeStringField("finding_id", f.findingId);
            g.writeStringField("rule_id", f.ruleId);
            g.writeStringField("title", f.title);
            g.writeStringField("severity", f.severity == null ? null : f.severity.id());
            g.writeNumberField("risk_score", f.riskScore);
            strings(g, "mitre", f.mitre);
            g.writeStringField("cloud", f.cloud == null ? null : f.cloud.id());
            g.writeStringField("account", f.account);
            g.writeStringField("principal", f.principal);
            if (f.principalType != null) {
                g.writeStringField("principal_type", f.principalType.id());
            }
            g.writeStringField("first_seen", iso(f.firstSeen));
            g.writeStringField("last_seen", iso(f.lastSeen));
            strings(g, "source_ips", f.sourceIps);
            if (f.geo != null) {
                g.writeFieldName("geo");
                geo(g, f.geo);
            }
            g.writeArrayFieldStart("evidence");
            for (Evidence e : f.evidence) {
                evidence(g, e);
            }
            g.writeEndArray();
            if (f.evidenceOmitted > 0) {
                g.writeNumberField("evidence_omitted", f.evidenceOmitted);
            }
            g.writeStringField("explanation", f.explanation);
            if (f.subject != null) {
                g.writeStringField("subject", f.subject);
            }
            map(g, "facts", f.facts);
            g.writeNumberField("count", f.count);
            if (f.update) {
                g.writeBooleanField("update", true);
            }
            g.writeEndObject();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return w.toString();
    }

    static String iso(long epochMillis) {
        return Instant.ofEpochMilli(epochMillis).toString();
    }

    private static void evidence(JsonGenerator g, Evidence e) throws IOException {
        g.writeStartObject();
        g.writeStringField("event_id", e.eventId);
        g.writeStringField("event_time", iso(e.eventTime));
        optional(g, "service", e.service);
        g.writeStringField("action", e.action);
        if (e.outcome != null) {
            g.writeStringField("outcome", e.outcome.id());
        }
        optional(g, "error_code", e.errorCode);
        optional(g, "source_ip", e.sourceIp);
        optional(g, "user_agent", e.userAgent);
        optional(g, "region", e.region);
        optional(g, "country_iso", e.countryIso);
        optional(g, "city", e.city);
        if (e.latitude != null && e.longitude != null) {
            g.writeNumberField("latitude", e.latitude);
            g.writeNumberField("longitude", e.longitude);
        }
        if (e.asn != null) {
            g.writeNumberField("asn", e.asn);
        }
        optional(g, "as_org", e.asOrg);
        if (!e.details.isEmpty()) {
            map(g, "details", e.details);
        }
        g.writeEndObject();
    }

    static void geo(JsonGenerator g, Geo geo) throws IOException {
        g.writeStartObject();
        optional(g, "source", geo.source);
        optional(g, "country_iso", geo.countryIso);
        optional(g, "country", geo.country);
        optional(g, "region", geo.region);
        optional(g, "city", geo.city);
        if (geo.latitude != null && geo.longitude != null) {
            g.writeNumberField("latitude", geo.latitude);
            g.writeNumberField("longitude", geo.longitude);
        }
        if (geo.accuracyRadiusKm != null) {
            g.writeNumberField("accuracy_radius_km", geo.accuracyRadiusKm);
        }
        optional(g, "time_zone", geo.timeZone);
        if (geo.asn != null) {
            g.writeNumberField("asn", geo.asn);
        }
        optional(g, "as_org", geo.asOrg);
        flag(g, "anonymous", geo.anonymous);
        flag(g, "anonymous_vpn", geo.anonymousVpn);
        flag(g, "hosting_provider", geo.hostingProvider);
        flag(g, "public_proxy", geo.publicProxy);
        flag(g, "residential_proxy", geo.residentialProxy);
        flag(g, "tor_exit_node", geo.torExitNode);
        g.writeEndObject();
    }

    private static void flag(JsonGenerator g, String name, boolean value) throws IOException {
        if (value) {
            g.writeBooleanField(name, true);
        }
    }

    private static void optional(JsonGenerator g, String name, String value) throws IOException {
        if (value != null) {
            g.writeStringField(name, value);
        }
    }

    private static void strings(JsonGenerator g, String name, List<String> values) throws IOException {
        g.writeArrayFieldStart(name);
        for (String v : values) {
            g.writeString(v);
        }
        g.writeEndArray();
    }

    private static void map(JsonGenerator g, String name, Map<String, String> values) throws IOException {
        g.writeObjectFieldStart(name);
        for (Map.Entry<String, String> e : values.entrySet()) {
            g.writeStringField(e.getKey(), e.getValue());
        }
        g.writeEndObject();
    }
}
