package io.trailhunt.events.json;

import com.fasterxml.jackson.databind.JsonNode;

import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The attributes OCSF 1.4.0 allows on a Detection Finding (class 2004) with the {@code cloud} and
 * {@code host} profiles, and on the objects Trailhunt writes inside it. Source: the OCSF 1.4.0
 * schema (https://schema.ocsf.io/1.4.0/classes/detection_finding) as compiled to protobuf in
 * valllabh/ocsf-schema-golang: ocsf/v1_4_0/events/findings/findings.pb.go (DetectionFinding,
 * whose comments name each attribute's profile) and proto/ocsf/v1_4_0/objects/objects.proto;
 * profile contents per ocsf/ocsf-schema profiles/cloud.json and profiles/host.json. Attributes
 * that come with other profiles (security_control: attacks, disposition, malware, ...; incident:
 * assignee, verdict, ...; osint; container; data_classification) are left out on purpose:
 * Trailhunt does not declare those profiles, so it must not write them.
 */
final class OcsfSchema {
    /** The class's own and inherited attributes, without any profile. */
    static final Set<String> DETECTION_FINDING = Set.of(
            "activity_id", "activity_name", "category_name", "category_uid", "class_name", "class_uid", "comment", "confidence",
            "confidence_id", "confidence_score", "count", "device", "duration", "end_time", "enrichments", "evidences", "finding_info",
            "impact", "impact_id", "impact_score", "is_alert", "message", "metadata", "observables", "raw_data", "remediation",
            "resources", "risk_details", "risk_level", "risk_level_id", "risk_score", "severity", "severity_id", "start_time",
            "status", "status_code", "status_detail", "status_id", "time", "timezone_offset", "type_name", "type_uid", "unmapped",
            "vendor_attributes", "vulnerabilities");
    /** profiles/cloud.json. */
    static final Set<String> CLOUD_PROFILE = Set.of("api", "cloud");
    /** profiles/host.json (device is a class attribute of Detection Finding in 1.4.0 already). */
    static final Set<String> HOST_PROFILE = Set.of("actor", "device");
    /** Required by the class (and cloud by the cloud profile). */
    static final Set<String> REQUIRED = Set.of(
            "activity_id", "category_uid", "class_uid", "finding_info", "metadata", "severity_id", "time", "type_uid");

    /** Object name to its attributes (profile-only attributes left out, as above). */
    static final Map<String, Set<String>> OBJECTS = Map.ofEntries(
            Map.entry("metadata", Set.of("correlation_uid", "debug", "event_code", "extension", "extensions", "labels", "log_level",
                    "log_name", "log_provider", "log_version", "logged_time", "loggers", "modified_time", "original_time",
                    "processed_time", "product", "profiles", "sequence", "tags", "tenant_uid", "uid", "version")),
            Map.entry("product", Set.of("cpe_name", "feature", "lang", "name", "path", "uid", "url_string", "vendor_name", "version")),
            Map.entry("finding_info", Set.of("analytic", "attacks", "created_time", "data_sources", "desc", "first_seen_time",
                    "kill_chain", "last_seen_time", "modified_time", "product", "product_uid", "related_analytics", "related_events",
                    "related_events_count", "src_url", "tags", "title", "types", "uid", "uid_alt")),
            Map.entry("analytic", Set.of("category", "desc", "name", "related_analytics", "type", "type_id", "uid", "version")),
            Map.entry("attack", Set.of("sub_technique", "tactic", "tactics", "technique", "version")),
            Map.entry("technique", Set.of("name", "src_url", "uid")),
            Map.entry("sub_technique", Set.of("name", "src_url", "uid")),
            Map.entry("cloud", Set.of("account", "cloud_partition", "org", "project_uid", "provider", "region", "zone")),
            Map.entry("account", Set.of("labels", "name", "tags", "type", "type_id", "uid")),
            Map.entry("actor", Set.of("app_name", "app_uid", "authorizations", "idp", "invoked_by", "process", "session", "user")),
            Map.entry("user", Set.of("account", "credential_uid", "domain", "email_addr", "forward_addr", "full_name", "groups",
                    "has_mfa", "ldap_person", "name", "org", "phone_number", "risk_level", "risk_level_id", "risk_score", "type",
                    "type_id", "uid", "uid_alt")),
            // cloud_partition and region come with the cloud profile, which is declared.
            Map.entry("resource_details", Set.of("agent_list", "cloud_partition", "criticality", "data", "group", "hostname", "ip",
                    "labels", "name", "namespace", "owner", "region", "tags", "type", "uid", "version")),
            Map.entry("evidences", Set.of("actor", "api", "connection_info", "container", "data", "database", "databucket", "device",
                    "dst_endpoint", "email", "file", "http_request", "http_response", "ja4_fingerprint_list", "job", "process", "query",
                    "reg_key", "reg_value", "script", "src_endpoint", "tls", "url", "user", "win_service")),
            Map.entry("api", Set.of("group", "operation", "request", "response", "service", "version")),
            Map.entry("service", Set.of("labels", "name", "tags", "uid", "version")),
            Map.entry("response", Set.of("code", "containers", "data", "error", "error_message", "flags", "message")),
            Map.entry("network_endpoint", Set.of("agent_list", "autonomous_system", "domain", "hostname", "hw_info", "instance_uid",
                    "interface_name", "interface_uid", "intermediate_ips", "ip", "location", "mac", "name", "os", "owner", "port",
                    "proxy_endpoint", "subnet_uid", "svc_name", "type", "type_id", "uid", "vlan_uid", "vpc_uid", "zone")),
            Map.entry("location", Set.of("aerial_height", "city", "continent", "coordinates", "country", "desc", "geodetic_altitude",
                    "geodetic_vertical_accuracy", "geohash", "horizontal_accuracy", "is_on_premises", "isp", "lat", "long", "postal_code",
                    "pressure_altitude", "provider", "region")),
            Map.entry("autonomous_system", Set.of("name", "number")),
            Map.entry("http_request", Set.of("args", "body_length", "http_headers", "http_method", "length", "referrer", "uid", "url",
                    "user_agent", "version", "x_forwarded_for")));

    /** Which object an attribute holds, for the attributes Trailhunt writes objects into. */
    private static final Map<String, String> OBJECT_OF = Map.ofEntries(
            Map.entry("metadata", "metadata"), Map.entry("product", "product"), Map.entry("finding_info", "finding_info"),
            Map.entry("analytic", "analytic"), Map.entry("attacks", "attack"), Map.entry("technique", "technique"),
            Map.entry("sub_technique", "sub_technique"), Map.entry("cloud", "cloud"), Map.entry("account", "account"),
            Map.entry("actor", "actor"), Map.entry("user", "user"), Map.entry("resources", "resource_details"),
            Map.entry("evidences", "evidences"), Map.entry("api", "api"), Map.entry("service", "service"),
            Map.entry("response", "response"), Map.entry("src_endpoint", "network_endpoint"), Map.entry("location", "location"),
            Map.entry("autonomous_system", "autonomous_system"), Map.entry("http_request", "http_request"));
    /** json_t attributes: any content is allowed. */
    private static final Set<String> FREE_FORM = Set.of("data", "unmapped");

    private OcsfSchema() {}

    /** Every attribute of the finding that the schema does not allow, as a path; empty when it conforms. */
    static List<String> violations(JsonNode finding, Set<String> profiles) {
        List<String> out = new ArrayList<>();
        for (String r : REQUIRED) {
            if (!finding.has(r)) {
                out.add("missing required " + r);
            }
        }
        if (profiles.contains("cloud") && !finding.has("cloud")) {
            out.add("missing cloud, required by the cloud profile");
        }
        Iterator<String> names = finding.fieldNames();
        while (names.hasNext()) {
            String name = names.next();
            boolean allowed = DETECTION_FINDING.contains(name)
                    || (profiles.contains("cloud") && CLOUD_PROFILE.contains(name))
                    || (profiles.contains("host") && HOST_PROFILE.contains(name));
            if (!allowed) {
                out.add(name + " is not an attribute of Detection Finding with profiles " + new java.util.TreeSet<>(profiles));
            } else {
                check(name, finding.get(name), name, out);
            }
        }
        return out;
    }

    private static void check(String attribute, JsonNode value, String path, List<String> out) {
        if (FREE_FORM.contains(attribute)) {
            if (!value.isObject()) {
                out.add(path + " must be an object");
            }
            return;
        }
        if (value.isArray()) {
            for (int i = 0; i < value.size(); i++) {
                check(attribute, value.get(i), path + "[" + i + "]", out);
            }
            return;
        }
        if (!value.isObject()) {
            return;
        }
        String object = OBJECT_OF.get(attribute);
        if (object == null) {
            out.add(path + " holds an object the test has no schema for");
            return;
        }
        Set<String> allowed = OBJECTS.get(object);
        Iterator<String> names = value.fieldNames();
        while (names.hasNext()) {
            String name = names.next();
            if (!allowed.contains(name)) {
                out.add(path + "." + name + " is not an attribute of " + object);
            } else {
                check(name, value.get(name), path + "." + name, out);
            }
        }
    }
}
