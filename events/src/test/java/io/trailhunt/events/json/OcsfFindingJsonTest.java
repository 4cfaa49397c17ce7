package io.trailhunt.events.json;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.trailhunt.events.decode.DecoderLimits;
import io.trailhunt.events.decode.RecordDecoder;
import io.trailhunt.events.finding.FindingBuilder;
import io.trailhunt.events.model.AuditEvent;
import io.trailhunt.events.model.Decoded;
import io.trailhunt.events.model.Finding;
import io.trailhunt.events.model.PrincipalType;
import io.trailhunt.events.model.Severity;
import io.trailhunt.events.testing.EventBuilder;
import io.trailhunt.events.testing.RealLogs;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Findings built the way the rules build them, from real CloudTrail records, written as OCSF:
 * the whole JSON is checked against the 1.4.0 Detection Finding attribute lists ({@link OcsfSchema})
 * and, for one finding, value by value.
 */
class OcsfFindingJsonTest {
    private static final ObjectMapper JSON = new ObjectMapper();

    private static List<AuditEvent> decode(String path) {
        List<AuditEvent> events = new ArrayList<>();
        for (Decoded d : new RecordDecoder(DecoderLimits.defaults()).decode(RealLogs.bytes(path), path)) {
            assertThat(d.isEvent()).as(String.valueOf(d.deadLetter)).isTrue();
            events.add(d.event);
        }
        return events;
    }

    /** log-tampering over Stratus Red Team's StopLogging detonation, as LogTamperingDetector builds it. */
    private static Finding stopLogging() {
        AuditEvent stop = decode("stratus-red-team-detonation-logs/aws.defense-evasion.cloudtrail-stop.json").get(0);
        return FindingBuilder.rule("log-tampering").about(stop).title("CloudTrail logging stopped").severity(Severity.HIGH)
                .mitre("T1562.008").subject("trail-stopped:stratus-red-team-ct-stop-trail-buykxbqejv")
                .fact("tampering", "trail-stopped").fact("target", "stratus-red-team-ct-stop-trail-buykxbqejv").fact("failed_attempts", 0)
                .evidence(stop).explanation("christophe stopped CloudTrail logging").build();
    }

    private static JsonNode ocsf(Finding f) throws Exception {
        return JSON.readTree(OcsfFindingJson.toJson(f));
    }

    private static Set<String> profiles(JsonNode f) {
        Set<String> p = new HashSet<>();
        f.get("metadata").get("profiles").forEach(n -> p.add(n.asText()));
        return p;
    }

    @Test
    void aStopLoggingFindingIsADetectionFindingValueByValue() throws Exception {
        Finding f = stopLogging();
        JsonNode o = ocsf(f);

        assertThat(OcsfSchema.violations(o, profiles(o))).isEmpty();
        String expected = """
                {"class_uid":2004,"class_name":"Detection Finding","category_uid":2,"category_name":"Findings",
                 "activity_id":1,"activity_name":"Create","type_uid":200401,"type_name":"Detection Finding: Create",
                 "severity_id":4,"severity":"High","status_id":1,"status":"New","is_alert":true,
                 "time":1722431184000,"start_time":1722431184000,"end_time":1722431184000,
                 "message":"christophe stopped CloudTrail logging","risk_score":75,"count":1,
                 "metadata":{"version":"1.4.0","profiles":["cloud","host"],"product":{"name":"Trailhunt","vendor_name":"Trailhunt"}},
                 "finding_info":{"uid":"%s","title":"CloudTrail logging stopped","desc":"christophe stopped CloudTrail logging",
                   "types":["log-tampering"],"first_seen_time":1722431184000,"last_seen_time":1722431184000,
                   "analytic":{"uid":"log-tampering","name":"log-tampering","type_id":1,"type":"Rule"},
                   "attacks":[{"technique":{"uid":"T1562"},"sub_technique":{"uid":"T1562.008"}}]},
                 "cloud":{"provider":"AWS","account":{"uid":"143434273843","type_id":10,"type":"AWS Account"}},
                 "actor":{"user":{"uid":"arn:aws:iam::143434273843:user/christophe","name":"arn:aws:iam::143434273843:user/christophe",
                   "type_id":1,"type":"User"}},
                 "resources":[{"name":"stratus-red-team-ct-stop-trail-buykxbqejv","type":"trailName","region":"apiso-centralnorth-2r"}],
                 "evidences":[{"api":{"operation":"StopLogging","service":{"name":"cloudtrail.amazonaws.com"}},
                   "src_endpoint":{"ip":"86.245.153.234"},
                   "http_request":{"user_agent":"stratus-red-team_c97089f1-1ae3-4ecc-b006-f5e8fd0f2571"},
                   "data":{"event_id":"10163ed2-2253-469d-a5ee-cbc6651f8934","event_time":1722431184000,"outcome":"success",
                     "region":"apiso-centralnorth-2r","details":{"trailName":"stratus-red-team-ct-stop-trail-buykxbqejv"}}}],
                 "unmapped":{"rule_id":"log-tampering","principal_type":"user",
                   "subject":"trail-stopped:stratus-red-team-ct-stop-trail-buykxbqejv","findings_folded":1,
                   "facts.tampering":"trail-stopped","facts.target":"stratus-red-team-ct-stop-trail-buykxbqejv","facts.failed_attempts":"0"}}
                """.formatted(f.findingId);
        assertThat(o).isEqualTo(JSON.readTree(expected));
    }

    @Test
    void anUpdateOfFoldedRepeatsIsTheUpdateActivityOfTheSameFinding() throws Exception {
        Finding first = stopLogging();
        Finding update = stopLogging();
        update.update = true;
        update.count = 3;
        JsonNode o = ocsf(update);
        assertThat(OcsfSchema.violations(o, profiles(o))).isEmpty();
        assertThat(o.get("activity_id").asInt()).isEqualTo(2);
        assertThat(o.get("activity_name").asText()).isEqualTo("Update");
        assertThat(o.get("type_uid").asInt()).isEqualTo(200402);
        assertThat(o.get("type_name").asText()).isEqualTo("Detection Finding: Update");
        assertThat(o.get("finding_info").get("uid").asText()).isEqualTo(first.findingId);
        assertThat(o.get("unmapped").get("findings_folded").asInt()).isEqualTo(3);
    }

    @Test
    void anAssumedRoleFindingWithManyEventsConformsAndTypesItsUserAsOther() throws Exception {
        List<AuditEvent> events = decode("stratus-red-team-detonation-logs/aws.credential-access.ec2-get-password-data.json");
        List<AuditEvent> role = events.stream().filter(e -> e.principalType == PrincipalType.ASSUMED_ROLE && "GetPasswordData".equals(e.action)).toList();
        assertThat(role).hasSizeGreaterThan(2);
        FindingBuilder b = FindingBuilder.rule("first-seen").about(role.get(0)).title("Passwords of many instances read")
                .severity(Severity.MEDIUM).mitre("T1552", "T1078.004").subject("GetPasswordData").explanation("many GetPasswordData calls");
        role.forEach(b::evidence);
        JsonNode o = ocsf(b.build());

        assertThat(OcsfSchema.violations(o, profiles(o))).isEmpty();
        assertThat(o.get("actor").get("user").get("type_id").asInt()).isEqualTo(99);
        assertThat(o.get("actor").get("user").get("type").asText()).isEqualTo("Other");
        assertThat(o.get("unmapped").get("principal_type").asText()).isEqualTo("assumed-role");
        assertThat(o.get("finding_info").get("attacks").toString())
                .isEqualTo("[{\"technique\":{\"uid\":\"T1552\"}},{\"technique\":{\"uid\":\"T1078\"},\"sub_technique\":{\"uid\":\"T1078.004\"}}]");
        assertThat(o.get("evidences")).hasSize(role.size());
        assertThat(o.get("count").asInt()).isEqualTo(role.size());
        Set<String> instances = new HashSet<>();
        role.forEach(e -> instances.add(e.resource("instanceId")));
        assertThat(o.get("resources")).hasSize(instances.size());
        for (JsonNode r : o.get("resources")) {
            assertThat(r.get("type").asText()).isEqualTo("instanceId");
            assertThat(instances).contains(r.get("uid").asText());
        }
        long last = role.stream().mapToLong(e -> e.eventTime).max().orElseThrow();
        assertThat(o.get("time").asLong()).isEqualTo(last);
        assertThat(o.get("end_time").asLong()).isEqualTo(last);
        assertThat(o.get("start_time").asLong()).isEqualTo(role.stream().mapToLong(e -> e.eventTime).min().orElseThrow());
    }

    @Test
    void locationAndNetworkGoInTheEvidenceSourceEndpointNotAtTheTop() throws Exception {
        AuditEvent login = EventBuilder.azure("Microsoft.Entra", "Sign-in activity").principalType(PrincipalType.SERVICE_ACCOUNT)
                .ip("81.2.69.142").geo("GB", "London", 51.5142, -0.0931, 20712).failed("50126").userAgent("curl/8.5").build();
        AuditEvent again = EventBuilder.azure("Microsoft.Entra", "Sign-in activity").principalType(PrincipalType.SERVICE_ACCOUNT)
                .after(Duration.ofMinutes(3)).ip("81.2.69.160").build();
        Finding f = FindingBuilder.rule("anonymizing-network").about(login).title("t").severity(Severity.CRITICAL)
                .evidence(login).evidence(again).build();
        JsonNode o = ocsf(f);

        assertThat(OcsfSchema.violations(o, profiles(o))).isEmpty();
        assertThat(o.has("src_endpoint")).isFalse();
        assertThat(o.get("severity_id").asInt()).isEqualTo(5);
        assertThat(o.get("severity").asText()).isEqualTo("Critical");
        assertThat(o.get("actor").get("user").get("type_id").asInt()).isEqualTo(3);
        assertThat(o.get("actor").get("user").get("type").asText()).isEqualTo("System");
        assertThat(o.get("cloud").toString()).isEqualTo("{\"provider\":\"Azure\",\"account\":{\"uid\":\"00000000-0000-0000-0000-000000000001\"}}");
        assertThat(o.get("evidences").get(0).get("src_endpoint")).isEqualTo(JSON.readTree(
                "{\"ip\":\"81.2.69.142\",\"location\":{\"country\":\"GB\",\"city\":\"London\",\"lat\":51.5142,\"long\":-0.0931},"
                        + "\"autonomous_system\":{\"number\":20712}}"));
        assertThat(o.get("evidences").get(0).get("api").get("response").get("error").asText()).isEqualTo("50126");
        assertThat(o.get("evidences").get(1).get("src_endpoint").toString()).isEqualTo("{\"ip\":\"81.2.69.160\"}");
        assertThat(o.get("start_time").asLong()).isEqualTo(login.eventTime);
        assertThat(o.get("end_time").asLong()).isEqualTo(again.eventTime);
        assertThat(o.has("resources")).isFalse();
        assertThat(o.get("finding_info").get("attacks")).isEmpty();
    }

    @Test
    void theCheckRejectsAttributesOutsideTheClassAndItsProfiles() throws Exception {
        JsonNode o = ocsf(stopLogging());
        ((com.fasterxml.jackson.databind.node.ObjectNode) o).putObject("src_endpoint").put("ip", "86.245.153.234");
        ((com.fasterxml.jackson.databind.node.ObjectNode) o.get("actor").get("user")).put("kind", "x");

        assertThat(OcsfSchema.violations(o, Set.of("cloud"))).containsExactlyInAnyOrder(
                "src_endpoint is not an attribute of Detection Finding with profiles [cloud]",
                "actor is not an attribute of Detection Finding with profiles [cloud]");
        assertThat(OcsfSchema.violations(o, Set.of("cloud", "host"))).containsExactlyInAnyOrder(
                "src_endpoint is not an attribute of Detection Finding with profiles [cloud, host]",
                "actor.user.kind is not an attribute of user");
    }
}
