package io.trailhunt.events.realdata;

import com.fasterxml.jackson.databind.JsonNode;
import io.trailhunt.events.model.AuditEvent;
import io.trailhunt.events.model.Cloud;
import io.trailhunt.events.model.Outcome;
import io.trailhunt.events.model.PrincipalType;

import java.time.OffsetDateTime;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Expected values read straight from a raw record with plain tree walks and java.time, written
 * apart from the decoders, to check cloud, principal, action, eventTime, sourceIp and outcome of
 * every decoded event.
 */
final class CrossCheck {
    private static final Pattern IPV4_PORT = Pattern.compile("^(\\d{1,3}(?:\\.\\d{1,3}){3}):\\d+$");
    private static final Pattern BRACKETED_V6_PORT = Pattern.compile("^\\[([0-9A-Fa-f:.]+)\\]:\\d+$");
    private static final Pattern ZONE = Pattern.compile("(Z|[+-]\\d\\d:\\d\\d)$");

    private CrossCheck() {}

    static void gcp(JsonNode raw, AuditEvent e) {
        String where = e.origin;
        JsonNode pp = raw.path("protoPayload");
        assertThat(e.cloud).as(where).isEqualTo(Cloud.GCP);
        String ts = first(s(raw, "timestamp"), s(raw, "receiveTimestamp"));
        assertThat(e.eventTime).as(where + " eventTime").isEqualTo(millis(ts));
        assertThat(e.action).as(where + " action").isEqualTo(s(pp, "methodName"));
        JsonNode meta = pp.path("requestMetadata");
        assertThat(e.sourceIp).as(where + " sourceIp").isEqualTo(first(s(meta, "callerIp"), s(meta, "callerIP")));
        JsonNode code = pp.path("status").path("code");
        boolean failed = code.isNumber() && code.asInt() != 0;
        assertThat(e.outcome).as(where + " outcome").isEqualTo(failed ? Outcome.FAILURE : Outcome.SUCCESS);

        JsonNode auth = pp.path("authenticationInfo");
        String email = s(auth, "principalEmail");
        if (email != null && !email.equals("system:anonymous")) {
            assertThat(e.principal).as(where + " principal").isEqualTo(email);
        } else if (auth.isMissingNode() || auth.isNull()) {
            assertThat(e.principal).as(where + " principal").isNull();
        } else if (s(auth, "principalSubject") != null) {
            assertThat(s(auth, "principalSubject")).as(where + " principal").endsWith(e.principal);
        } else if (e.principalType == PrincipalType.ANONYMOUS) {
            assertThat(e.principal).as(where).isEqualTo("anonymous");
        } else if (e.principalType == PrincipalType.CLOUD_SERVICE) {
            assertThat(e.principal).as(where).isEqualTo(s(pp, "serviceName"));
        } else {
            assertThat(e.principal).as(where + " principal of " + e.principalType).isNull();
        }
    }

    static void azure(JsonNode raw, AuditEvent e) {
        String where = e.origin;
        JsonNode p = raw.path("properties");
        String category = valueOf(raw, "category");
        assertThat(e.cloud).as(where).isEqualTo(Cloud.AZURE);
        String time = first(s(raw, "time"), s(p, "createdDateTime"), s(p, "activityDateTime"), s(raw, "eventTimestamp"),
                s(raw, "event_timestamp"));
        assertThat(e.eventTime).as(where + " eventTime").isEqualTo(millis(time));
        assertThat(e.action).as(where + " action").isEqualTo(first(valueOf(raw, "operationName"),
                valueOf(raw, "operation_name"), s(p, "activityDisplayName")));

        String c = category == null ? "" : category.toLowerCase(Locale.ROOT);
        if (c.endsWith("signinlogs")) {
            boolean app = c.contains("serviceprincipal") || c.contains("managedidentity");
            assertThat(e.principal).as(where + " principal")
                    .isEqualTo(lower(app ? s(p, "servicePrincipalId") : s(p, "userPrincipalName")));
            assertThat(e.sourceIp).as(where + " sourceIp").isEqualTo(bare(first(s(raw, "callerIpAddress"), s(p, "ipAddress"))));
            String result = first(s(raw, "resultType"), s(p.path("status"), "errorCode"));
            boolean ok = "0".equals(result) || "success".equalsIgnoreCase(result);
            assertThat(e.outcome).as(where + " outcome").isEqualTo(result == null ? Outcome.UNKNOWN : ok ? Outcome.SUCCESS : Outcome.FAILURE);
        } else if (p.has("initiatedBy")) {
            JsonNode user = p.path("initiatedBy").path("user");
            assertThat(e.principal).as(where + " principal").isEqualTo(lower(s(user, "userPrincipalName")));
            assertThat(e.sourceIp).as(where + " sourceIp").isEqualTo(first(s(user, "ipAddress"), s(raw, "callerIpAddress")));
            String result = first(s(p, "result"), s(raw, "result"));
            Outcome expected = result == null ? Outcome.UNKNOWN
                    : result.equalsIgnoreCase("success") ? Outcome.SUCCESS
                    : result.equalsIgnoreCase("failure") || result.equalsIgnoreCase("failed") ? Outcome.FAILURE : Outcome.UNKNOWN;
            assertThat(e.outcome).as(where + " outcome").isEqualTo(expected);
        } else if (c.startsWith("storage") || (category == null && p.has("accountName"))) {
            assertThat(e.principal).as(where + " principal").isEqualTo(storagePrincipal(raw));
            assertThat(e.sourceIp).as(where + " sourceIp").isEqualTo(bare(s(raw, "callerIpAddress")));
            JsonNode status = raw.path("statusCode");
            Outcome expected = status.isNumber()
                    ? (status.asInt() >= 200 && status.asInt() < 400 ? Outcome.SUCCESS : Outcome.FAILURE)
                    : s(p, "metricResponseType") == null ? Outcome.UNKNOWN
                    : s(p, "metricResponseType").endsWith("Success") ? Outcome.SUCCESS : Outcome.FAILURE;
            assertThat(e.outcome).as(where + " outcome").isEqualTo(expected);
        } else {
            JsonNode claims = raw.path("identity").path("claims");
            if (claims.isMissingNode()) {
                claims = raw.path("claims");
            }
            String principal = first(s(raw, "caller"), s(claims, "http://schemas.xmlsoap.org/ws/2005/05/identity/claims/upn"),
                    s(claims, "http://schemas.xmlsoap.org/ws/2005/05/identity/claims/name"),
                    s(claims, "http://schemas.microsoft.com/identity/claims/objectidentifier"), s(claims, "appid"));
            assertThat(e.principal).as(where + " principal").isEqualTo(lower(principal));
            assertThat(e.sourceIp).as(where + " sourceIp").isEqualTo(bare(first(s(raw, "callerIpAddress"),
                    s(raw.path("httpRequest"), "clientIpAddress"), s(raw.path("http_request"), "client_ip_address"))));
            String result = first(s(raw, "resultType"), valueOf(raw, "status"));
            Outcome expected = result == null ? Outcome.UNKNOWN
                    : result.matches("(?i)success|succeeded") ? Outcome.SUCCESS
                    : result.matches("(?i)failure|failed") ? Outcome.FAILURE : Outcome.UNKNOWN;
            assertThat(e.outcome).as(where + " outcome").isEqualTo(expected);
        }
    }

    private static String storagePrincipal(JsonNode raw) {
        JsonNode identity = raw.path("identity");
        String upn = s(identity.path("requester"), "upn");
        if (upn != null) {
            return lower(upn);
        }
        String type = s(identity, "type");
        String account = s(raw.path("properties"), "accountName");
        if (type == null) {
            return null;
        }
        switch (type) {
            case "Anonymous":
                return "anonymous";
            case "SAS":
                return "sas:" + account;
            case "AccountKey":
                return "storage-key:" + account;
            default:
                return type.toLowerCase(Locale.ROOT) + ":" + account;
        }
    }

    /** Epoch millis of an ISO-8601 time, written with a space or without a zone as Panther and Azure do. */
    static long millis(String time) {
        String t = time.replace(' ', 'T');
        if (!ZONE.matcher(t).find()) {
            t = t + "Z";
        }
        return OffsetDateTime.parse(t).toInstant().toEpochMilli();
    }

    static String bare(String address) {
        if (address == null) {
            return null;
        }
        Matcher v4 = IPV4_PORT.matcher(address);
        if (v4.matches()) {
            return v4.group(1);
        }
        Matcher v6 = BRACKETED_V6_PORT.matcher(address);
        return v6.matches() ? v6.group(1) : address;
    }

    /** A field that may be a string or a {value, localizedValue} object. */
    static String valueOf(JsonNode node, String field) {
        JsonNode n = node.path(field);
        return n.isObject() ? s(n, "value") : s(node, field);
    }

    static String s(JsonNode node, String field) {
        JsonNode n = node.path(field);
        if (n.isMissingNode() || n.isNull() || n.isContainerNode()) {
            return null;
        }
        String text = n.asText();
        return text.isEmpty() ? null : text;
    }

    private static String first(String... values) {
        for (String v : values) {
            if (v != null) {
                return v;
            }
        }
        return null;
    }

    private static String lower(String s) {
        return s == null ? null : s.toLowerCase(Locale.ROOT);
    }
}
