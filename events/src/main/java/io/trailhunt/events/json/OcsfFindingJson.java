package io.trailhunt.events.json;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import io.trailhunt.events.model.Cloud;
import io.trailhunt.events.model.Evidence;
import io.trailhunt.events.model.Finding;
import io.trailhunt.events.model.PrincipalType;

import java.io.IOException;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.util.Map;

/**
 * Writes a finding as an OCSF 1.4.0 Detection Finding (class 2004, category Findings), so SIEMs
 * that speak OCSF (Amazon Security Lake and others) ingest findings without a mapping. 1.4.0 is
 * the first release with {@code is_alert} on the class. Profiles declared in
 * {@code metadata.profiles}: {@code cloud} (for {@code cloud} and the resources' region) and
 * {@code host} (in 1.4.0 the class's top-level {@code actor} comes with that profile). Per-event
 * source addresses go in {@code evidences[].src_endpoint}: the class has no top-level one.
 * Trailhunt fields without an OCSF home go under {@code unmapped}.
 */
public final class OcsfFindingJson {
    public static final String OCSF_VERSION = "1.4.0";
    private static final JsonFactory FACTORY = new JsonFactory();

    private OcsfFindingJson() {}

    public static String toJson(Finding f) {
        StringWriter w = new StringWriter(2048);
        try (JsonGenerator g = FACTORY.createGenerator(w)) {
            g.writeStartObject();
            g.writeNumberField("class_uid", 2004);
            g.writeStringField("class_name", "Detection Finding");
            g.writeNumberField("category_uid", 2);
            g.writeStringField("category_name", "Findings");
            // An update of folded repeats is the schema's Update activity of the same finding_info.uid.
            g.writeNumberField("activity_id", f.update ? 2 : 1);
            g.writeStringField("activity_name", f.update ? "Update" : "Create");
            g.writeNumberField("type_uid", f.update ? 200402 : 200401);
            g.writeStringField("type_name", f.update ? "Detection Finding: Update" : "Detection Finding: Create");
            g.writeNumberField("severity_id", severityId(f));
            g.writeStringField("severity", f.severity == null ? "Unknown" : capitalize(f.severity.id()));
            g.writeNumberField("status_id", 1);
            g.writeStringField("status", "New");
            // Every finding Trailhunt writes is a new detection, which the schema calls alertable.
            g.writeBooleanField("is_alert", true);
            // Event time of the finding's last evidence, so a replay writes the same record.
            g.writeNumberField("time", f.lastSeen);
            g.writeNumberField("start_time", f.firstSeen);
            g.writeNumberField("end_time", f.lastSeen);
            if (f.explanation != null) {
                g.writeStringField("message", f.explanation);
            }
            g.writeNumberField("risk_score", f.riskScore);
            g.writeNumberField("count", f.evidence.size() + f.evidenceOmitted);
            metadata(g, f);
            findingInfo(g, f);
            if (f.cloud != null) {
                cloud(g, f);
            }
            if (f.principal != null) {
                actor(g, f);
            }
            OcsfResources.write(g, f.evidence);
            g.writeArrayFieldStart("evidences");
            for (Evidence e : f.evidence) {
                OcsfEvidence.write(g, e);
            }
            g.writeEndArray();
            unmapped(g, f);
            g.writeEndObject();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return w.toString();
    }

    private static void metadata(JsonGenerator g, Finding f) throws IOException {
        g.writeObjectFieldStart("metadata");
        g.writeStringField("version", OCSF_VERSION);
        g.writeArrayFieldStart("profiles");
        if (f.cloud != null) {
            g.writeString("cloud");
        }
        if (f.principal != null) {
            g.writeString("host");
        }
        g.writeEndArray();
        g.writeObjectFieldStart("product");
        g.writeStringField("name", "Trailhunt");
        g.writeStringField("vendor_name", "Trailhunt");
        g.writeEndObject();
        g.writeEndObject();
    }

    private static void findingInfo(JsonGenerator g, Finding f) throws IOException {
        g.writeObjectFieldStart("finding_info");
        g.writeStringField("uid", f.findingId);
        g.writeStringField("title", f.title);
        if (f.explanation != null) {
            g.writeStringField("desc", f.explanation);
        }
        g.writeArrayFieldStart("types");
        g.writeString(f.ruleId);
        g.writeEndArray();
        g.writeNumberField("first_seen_time", f.firstSeen);
        g.writeNumberField("last_seen_time", f.lastSeen);
        g.writeObjectFieldStart("analytic");
        g.writeStringField("uid", f.ruleId);
        g.writeStringField("name", f.ruleId);
        g.writeNumberField("type_id", 1);
        g.writeStringField("type", "Rule");
        g.writeEndObject();
        g.writeArrayFieldStart("attacks");
        for (String id : f.mitre) {
            attack(g, id);
        }
        g.writeEndArray();
        g.writeEndObject();
    }

    /** ATT&CK sub-techniques ("T1562.008") go in sub_technique, their parent in technique. */
    private static void attack(JsonGenerator g, String id) throws IOException {
        g.writeStartObject();
        int dot = id.indexOf('.');
        g.writeObjectFieldStart("technique");
        g.writeStringField("uid", dot < 0 ? id : id.substring(0, dot));
        g.writeEndObject();
        if (dot >= 0) {
            g.writeObjectFieldStart("sub_technique");
            g.writeStringField("uid", id);
            g.writeEndObject();
        }
        g.writeEndObject();
    }

    private static void cloud(JsonGenerator g, Finding f) throws IOException {
        g.writeObjectFieldStart("cloud");
        g.writeStringField("provider", provider(f.cloud));
        if (f.account != null) {
            g.writeObjectFieldStart("account");
            g.writeStringField("uid", f.account);
            // GCP "accounts" are projects or organizations, Azure ones tenants or subscriptions: no single type.
            if (f.cloud == Cloud.AWS) {
                g.writeNumberField("type_id", 10);
                g.writeStringField("type", "AWS Account");
            }
            g.writeEndObject();
        }
        g.writeEndObject();
    }

    private static void actor(JsonGenerator g, Finding f) throws IOException {
        g.writeObjectFieldStart("actor");
        g.writeObjectFieldStart("user");
        g.writeStringField("uid", f.principal);
        g.writeStringField("name", f.principal);
        int typeId = userTypeId(f.principalType);
        g.writeNumberField("type_id", typeId);
        g.writeStringField("type", userType(typeId));
        g.writeEndObject();
        g.writeEndObject();
    }

    /**
     * OCSF user type_id (0 Unknown, 1 User, 2 Admin, 3 System, 99 Other). Role sessions, other
     * accounts and anonymous callers are none of User, Admin or System: Other, with Trailhunt's
     * own word in unmapped.principal_type.
     */
    static int userTypeId(PrincipalType t) {
        if (t == null) {
            return 0;
        }
        switch (t) {
            case ROOT:
                return 2;
            case USER:
            case FEDERATED_USER:
                return 1;
            case SERVICE_ACCOUNT:
            case CLOUD_SERVICE:
                return 3;
            case UNKNOWN:
                return 0;
            default:
                return 99;
        }
    }

    private static String userType(int typeId) {
        switch (typeId) {
            case 1:
                return "User";
            case 2:
                return "Admin";
            case 3:
                return "System";
            case 99:
                return "Other";
            default:
                return "Unknown";
        }
    }

    private static void unmapped(JsonGenerator g, Finding f) throws IOException {
        g.writeObjectFieldStart("unmapped");
        g.writeStringField("rule_id", f.ruleId);
        if (f.principalType != null) {
            g.writeStringField("principal_type", f.principalType.id());
        }
        if (f.subject != null) {
            g.writeStringField("subject", f.subject);
        }
        g.writeNumberField("findings_folded", f.count);
        for (Map.Entry<String, String> fact : f.facts.entrySet()) {
            g.writeStringField("facts." + fact.getKey(), fact.getValue());
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

    private static String provider(Cloud cloud) {
        switch (cloud) {
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
