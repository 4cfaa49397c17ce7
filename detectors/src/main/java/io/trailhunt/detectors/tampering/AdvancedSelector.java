package io.trailhunt.detectors.tampering;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * One CloudTrail advanced event selector, read back from the flattened request parameters
 * ({@code advancedEventSelectors.<i>.fieldSelectors.<j>.field} and its operators'
 * {@code equals.<n>}, {@code notEquals.<n>}, {@code notStartsWith.<n>}, ... values): which
 * category it records and what it leaves out.
 */
final class AdvancedSelector {
    /** Per field selector: its field, and its values per operator. */
    private final Map<String, Field> fields = new LinkedHashMap<>();

    private static final class Field {
        String name;
        final Map<String, List<String>> values = new LinkedHashMap<>();
    }

    /** Files one flattened parameter under its selector, keyed by the selector's index. */
    static void add(Map<String, AdvancedSelector> selectors, String key, String value) {
        String[] parts = key.split("\\.");
        // advancedEventSelectors . i . fieldSelectors . j . (field | operator . n)
        if (parts.length < 5 || !parts[2].equals("fieldSelectors")) {
            return;
        }
        AdvancedSelector sel = selectors.computeIfAbsent(parts[1], i -> new AdvancedSelector());
        Field f = sel.fields.computeIfAbsent(parts[3], j -> new Field());
        if (parts[4].equals("field")) {
            f.name = value;
        } else {
            f.values.computeIfAbsent(parts[4], op -> new ArrayList<>()).add(value);
        }
    }

    boolean isCategory(String category) {
        for (Field f : fields.values()) {
            if ("eventCategory".equals(f.name) && f.values.getOrDefault("equals", List.of()).stream().anyMatch(category::equalsIgnoreCase)) {
                return true;
            }
        }
        return false;
    }

    /** Adds what this selector leaves out of its category ("management" or "data") to {@code into}. */
    void narrowing(String category, List<String> into) {
        String resource = resourceType();
        String of = category + " events" + (resource == null ? "" : " of " + resource);
        for (Field f : fields.values()) {
            if (f.name == null) {
                continue;
            }
            List<String> equals = f.values.getOrDefault("equals", List.of());
            if (f.name.equals("readOnly") && equals.size() == 1) {
                addOnce(into, "records only " + ("true".equalsIgnoreCase(equals.get(0)) ? "read" : "write") + " " + of);
            }
            if (f.name.equals("eventSource") || f.name.equals("eventName") || f.name.startsWith("resources.ARN")) {
                for (Map.Entry<String, List<String>> op : f.values.entrySet()) {
                    if (op.getKey().startsWith("not")) {
                        addOnce(into, "excluded " + String.join(", ", op.getValue()) + " (" + f.name + " " + op.getKey() + ") from " + of);
                    }
                }
            }
        }
    }

    private String resourceType() {
        for (Field f : fields.values()) {
            if ("resources.type".equals(f.name) && !f.values.getOrDefault("equals", List.of()).isEmpty()) {
                return String.join(", ", f.values.get("equals"));
            }
        }
        return null;
    }

    private static void addOnce(List<String> list, String s) {
        if (!list.contains(s)) {
            list.add(s);
        }
    }
}
