package io.trailhunt.events.decode;

import com.fasterxml.jackson.databind.JsonNode;

/** Null-safe reads from Jackson trees: a missing field, a JSON null and an empty string are all "absent". */
public final class Json {
    private Json() {}

    /** The scalar at {@code node.path[0].path[1]...} as text; null if absent, null, empty or a container. */
    public static String text(JsonNode node, String... path) {
        JsonNode n = at(node, path);
        if (n == null || !n.isValueNode() || n.isNull()) {
            return null;
        }
        String s = n.asText();
        return s.isEmpty() ? null : s;
    }

    /** The first non-absent text among several single-field names. */
    public static String firstText(JsonNode node, String... fields) {
        for (String f : fields) {
            String s = text(node, f);
            if (s != null) {
                return s;
            }
        }
        return null;
    }

    /** The node at the path, or null when any step is missing or JSON null. */
    public static JsonNode at(JsonNode node, String... path) {
        JsonNode n = node;
        for (String p : path) {
            if (n == null || !n.isObject()) {
                return null;
            }
            n = n.get(p);
        }
        return n == null || n.isNull() || n.isMissingNode() ? null : n;
    }

    public static JsonNode object(JsonNode node, String... path) {
        JsonNode n = at(node, path);
        return n != null && n.isObject() ? n : null;
    }

    public static JsonNode array(JsonNode node, String... path) {
        JsonNode n = at(node, path);
        return n != null && n.isArray() ? n : null;
    }

    /** A boolean that may be written as true/false or "true"/"false"; null when absent or neither. */
    public static Boolean bool(JsonNode node, String... path) {
        JsonNode n = at(node, path);
        if (n == null) {
            return null;
        }
        if (n.isBoolean()) {
            return n.booleanValue();
        }
        if (n.isTextual()) {
            String s = n.textValue();
            if ("true".equalsIgnoreCase(s)) {
                return Boolean.TRUE;
            }
            if ("false".equalsIgnoreCase(s)) {
                return Boolean.FALSE;
            }
        }
        return null;
    }
}
