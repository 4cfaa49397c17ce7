package io.trailhunt.events.decode;

import com.fasterxml.jackson.databind.JsonNode;

import java.util.Iterator;
import java.util.Map;

/**
 * Copies the scalar leaves of a JSON object into a string map under dotted paths
 * ({@code createVolumePermission.add.items.0.userId}), so rules can read nested request
 * parameters without the raw event. Bounded in entries, depth and value length, because
 * responses such as RunInstances can be large and every entry travels with the event.
 */
public final class Flattener {
    public static final int DEFAULT_MAX_ENTRIES = 48;
    public static final int DEFAULT_MAX_VALUE_LENGTH = 512;
    private static final int MAX_DEPTH = 8;

    private Flattener() {}

    /** Adds the leaves of {@code node} under {@code prefix} until {@code maxEntries} are in {@code into}. */
    public static void flatten(JsonNode node, String prefix, Map<String, String> into, int maxEntries) {
        if (node == null || node.isNull()) {
            return;
        }
        walk(node, prefix, into, maxEntries, 0);
    }

    private static void walk(JsonNode node, String path, Map<String, String> into, int maxEntries, int depth) {
        if (into.size() >= maxEntries) {
            return;
        }
        if (node.isValueNode()) {
            if (!node.isNull() && !path.isEmpty()) {
                into.put(path, clip(node.asText()));
            }
            return;
        }
        if (depth >= MAX_DEPTH) {
            return;
        }
        if (node.isObject()) {
            Iterator<Map.Entry<String, JsonNode>> it = node.fields();
            while (it.hasNext() && into.size() < maxEntries) {
                Map.Entry<String, JsonNode> f = it.next();
                walk(f.getValue(), path.isEmpty() ? f.getKey() : path + "." + f.getKey(), into, maxEntries, depth + 1);
            }
        } else if (node.isArray()) {
            for (int i = 0; i < node.size() && into.size() < maxEntries; i++) {
                walk(node.get(i), path.isEmpty() ? Integer.toString(i) : path + "." + i, into, maxEntries, depth + 1);
            }
        }
    }

    static String clip(String s) {
        return s.length() <= DEFAULT_MAX_VALUE_LENGTH ? s : s.substring(0, DEFAULT_MAX_VALUE_LENGTH);
    }
}
