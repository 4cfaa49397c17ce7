package io.trailhunt.events.decode.aws;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.trailhunt.events.model.AuditEvent;
import io.trailhunt.events.model.Cloud;
import io.trailhunt.events.model.Outcome;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Checks a decoded event against its raw CloudTrail record with code that shares nothing with the
 * decoder: java.time for the time, a regex for the port, the identity rules written out afresh.
 */
final class CloudTrailCrossCheck {
    static final ObjectMapper MAPPER = new ObjectMapper();
    private static final Pattern IPV4_PORT = Pattern.compile("^(\\d{1,3}(?:\\.\\d{1,3}){3}):\\d+$");
    private static final Pattern HAS_ZONE = Pattern.compile(".*(Z|[+-]\\d\\d:?\\d\\d)$");

    private CloudTrailCrossCheck() {}

    static JsonNode parse(byte[] json) {
        try {
            return MAPPER.readTree(json);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static JsonNode parse(String json) {
        try {
            return MAPPER.readTree(json);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static void assertMatchesRaw(AuditEvent e, JsonNode raw) {
        String where = e.origin;
        assertThat(e.cloud).as(where).isEqualTo(Cloud.AWS);
        assertThat(e.action).as(where).isEqualTo(raw.get("eventName").asText());
        assertThat(e.service).as(where).isEqualTo(raw.get("eventSource").asText());
        assertThat(e.eventTime).as(where).isEqualTo(expectedTime(raw));
        assertThat(e.sourceIp).as(where).isEqualTo(expectedSourceIp(raw));
        assertThat(e.outcome).as(where).isEqualTo(expectedOutcome(raw));
        assertThat(e.principal).as(where).isEqualTo(expectedPrincipal(raw));
        if (!str(raw, "eventID").isEmpty()) {
            assertThat(e.eventId).as(where).isEqualTo(str(raw, "eventID"));
        } else {
            assertThat(e.eventId).as(where).startsWith("sha256:");
        }
    }

    static long expectedTime(JsonNode raw) {
        String t = str(raw, "eventTime");
        if (t.isEmpty()) {
            t = str(raw, "@timestamp");
        }
        String iso = t.replace(' ', 'T');
        if (HAS_ZONE.matcher(iso).matches()) {
            return OffsetDateTime.parse(iso).toInstant().toEpochMilli();
        }
        return LocalDateTime.parse(iso).toInstant(ZoneOffset.UTC).toEpochMilli();
    }

    static String expectedSourceIp(JsonNode raw) {
        String ip = str(raw, "sourceIPAddress");
        if (ip.isEmpty()) {
            return null;
        }
        Matcher m = IPV4_PORT.matcher(ip);
        return m.matches() ? m.group(1) : ip;
    }

    static Outcome expectedOutcome(JsonNode raw) {
        if (!str(raw, "errorCode").isEmpty()) {
            return Outcome.FAILURE;
        }
        JsonNode resp = raw.path("responseElements");
        String result = resp.path(str(raw, "eventName")).asText("");
        if (result.isEmpty()) {
            result = resp.path("ConsoleLogin").asText("");
        }
        if (result.equals("Failure")) {
            return Outcome.FAILURE;
        }
        if (result.equals("Success")) {
            return Outcome.SUCCESS;
        }
        return "AwsConsoleSignIn".equals(str(raw, "eventType")) ? Outcome.UNKNOWN : Outcome.SUCCESS;
    }

    static String expectedPrincipal(JsonNode raw) {
        JsonNode ui = raw.path("userIdentity");
        if (!ui.isObject()) {
            return "unknown";
        }
        String arn = str(ui, "arn");
        String userName = str(ui, "userName");
        String principalId = str(ui, "principalId");
        String accountId = str(ui, "accountId");
        String invokedBy = str(ui, "invokedBy");
        String partition = partition(str(raw, "awsRegion"));
        String candidate;
        switch (str(ui, "type")) {
            case "IAMUser":
                boolean hidden = userName.equals("HIDDEN_DUE_TO_SECURITY_REASONS");
                String built = arn.isEmpty() && !hidden && !userName.isEmpty() && !accountId.isEmpty()
                        ? String.format("arn:%s:iam::%s:user/%s", partition, accountId, userName) : "";
                candidate = first(arn, built, userName, principalId);
                break;
            case "Root":
                candidate = first(arn, accountId.isEmpty() ? "" : String.format("arn:%s:iam::%s:root", partition, accountId), userName, principalId);
                break;
            case "AssumedRole":
                candidate = first(str(ui, "sourceIdentity"), str(ui.path("sessionContext"), "sourceIdentity"), arn, principalId, userName);
                break;
            case "AWSService":
                candidate = first(invokedBy, principalId);
                break;
            case "AWSAccount":
                if (accountId.equals("ANONYMOUS_PRINCIPAL") || principalId.equals("ANONYMOUS_PRINCIPAL")) {
                    return "anonymous";
                }
                candidate = !accountId.isEmpty() && !principalId.isEmpty() ? accountId + ":" + principalId
                        : !accountId.isEmpty() ? String.format("arn:%s:iam::%s:root", partition, accountId) : principalId;
                break;
            case "FederatedUser":
                candidate = first(arn, principalId, userName);
                break;
            case "":
                candidate = arn.isEmpty() && !invokedBy.isEmpty() ? invokedBy : first(arn, userName, principalId);
                break;
            default:
                candidate = first(arn, userName, principalId);
        }
        return candidate.isEmpty() ? "unknown" : candidate;
    }

    private static final Pattern CHINA = Pattern.compile("^cn-.*");
    private static final Pattern GOV_CLOUD = Pattern.compile("^us-gov-.*");

    /** The regions the test logs have: China, GovCloud, the rest (the ISO partitions are checked by AwsArnsTest). */
    private static String partition(String region) {
        if (CHINA.matcher(region).matches()) {
            return "aws-cn";
        }
        return GOV_CLOUD.matcher(region).matches() ? "aws-us-gov" : "aws";
    }

    private static String first(String... values) {
        for (String v : values) {
            if (!v.isEmpty()) {
                return v;
            }
        }
        return "";
    }

    private static String str(JsonNode n, String field) {
        JsonNode v = n.path(field);
        return v.isValueNode() && !v.isNull() ? v.asText() : "";
    }
}
