package io.trailhunt.events.decode.azure;

import com.fasterxml.jackson.databind.JsonNode;
import io.trailhunt.events.decode.EventIds;
import io.trailhunt.events.decode.Json;

import java.util.Locale;

/** Small reads shared by the Azure record kinds. */
final class AzureFields {
    static final int MAX_MESSAGE = 256;
    /** What Entra writes into callerIpAddress when it has no address. */
    private static final String NULL_MARKER = "<null>";

    private AzureFields() {}

    /**
     * A field that is a plain string in resource logs but a {@code {value, localizedValue}} object
     * in the Activity Log REST and CLI shapes ({@code operationName}, {@code category}, {@code status}).
     */
    static String valueText(JsonNode node, String field) {
        JsonNode n = Json.at(node, field);
        if (n == null) {
            return null;
        }
        if (n.isObject()) {
            return Json.text(n, "value");
        }
        return Json.text(node, field);
    }

    /** The first present of several spellings of one field (camelCase, snake_case). */
    static String valueText(JsonNode node, String field, String otherSpelling) {
        String s = valueText(node, field);
        return s != null ? s : valueText(node, otherSpelling);
    }

    /** The lower-cased subscription id of {@code /subscriptions/<id>/...}, matched case-insensitively. */
    static String subscription(String resourceId) {
        return segmentAfter(resourceId, "/subscriptions/");
    }

    /** The lower-cased tenant id of {@code /tenants/<id>/...}. */
    static String tenant(String resourceId) {
        return segmentAfter(resourceId, "/tenants/");
    }

    private static String segmentAfter(String resourceId, String prefix) {
        if (resourceId == null || !resourceId.regionMatches(true, 0, prefix, 0, prefix.length())) {
            return null;
        }
        int start = prefix.length();
        int end = resourceId.indexOf('/', start);
        String id = end < 0 ? resourceId.substring(start) : resourceId.substring(start, end);
        return id.isEmpty() ? null : lower(id);
    }

    /** The resource provider namespace of an ARM id: {@code .../providers/Microsoft.aadiam} → {@code Microsoft.aadiam}. */
    static String providerOfResourceId(String resourceId) {
        if (resourceId == null) {
            return null;
        }
        int i = lastIndexOfIgnoreCase(resourceId, "/providers/");
        if (i < 0) {
            return null;
        }
        int start = i + "/providers/".length();
        int end = resourceId.indexOf('/', start);
        String ns = end < 0 ? resourceId.substring(start) : resourceId.substring(start, end);
        return ns.isEmpty() ? null : ns;
    }

    /** {@code Microsoft.Insights/diagnosticSettings/delete} → {@code Microsoft.Insights}. */
    static String providerOfOperation(String operationName) {
        if (operationName == null) {
            return null;
        }
        int slash = operationName.indexOf('/');
        return slash <= 0 ? null : operationName.substring(0, slash);
    }

    /**
     * The caller address without a port: Azure storage logs write {@code 1.2.3.4:5678} and
     * {@code [2001:db8::1]:5678}. An unbracketed IPv6 address has several colons and stays whole.
     */
    static String bareAddress(String s) {
        if (s == null) {
            return null;
        }
        String a = s.trim();
        if (a.isEmpty() || NULL_MARKER.equals(a)) {
            return null;
        }
        if (a.charAt(0) == '[') {
            int close = a.indexOf(']');
            return close > 1 ? a.substring(1, close) : a;
        }
        int colon = a.indexOf(':');
        if (colon > 0 && colon == a.lastIndexOf(':') && isDigits(a, colon + 1)) {
            return a.substring(0, colon);
        }
        return a;
    }

    static String lower(String s) {
        return s == null ? null : s.toLowerCase(Locale.ROOT);
    }

    static String clip(String s) {
        return s == null || s.length() <= MAX_MESSAGE ? s : s.substring(0, MAX_MESSAGE);
    }

    static String firstNonNull(String... values) {
        for (String v : values) {
            if (v != null) {
                return v;
            }
        }
        return null;
    }

    /** A provider id when the record has one, else the content hash (stable across replays). */
    static String eventId(String providerId, JsonNode record) {
        return providerId != null ? providerId : EventIds.fromContent(record);
    }

    private static boolean isDigits(String s, int from) {
        if (from >= s.length()) {
            return false;
        }
        for (int i = from; i < s.length(); i++) {
            if (s.charAt(i) < '0' || s.charAt(i) > '9') {
                return false;
            }
        }
        return true;
    }

    private static int lastIndexOfIgnoreCase(String s, String part) {
        for (int i = s.length() - part.length(); i >= 0; i--) {
            if (s.regionMatches(true, i, part, 0, part.length())) {
                return i;
            }
        }
        return -1;
    }
}
