package io.trailhunt.detectors.tampering;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * What a PutEventSelectors request leaves unrecorded. The request is the trail's new, complete
 * selector set, but the old set is not in the log, so only reductions visible in the new set are
 * reported: no management events, only reads or only writes (of management events, or of a data
 * resource type), excluded event sources, a data selector that names no resources. A set with no
 * data-event selectors is not one: most trails never had any (docs/rules.md, log-tampering).
 */
final class EventSelectorReductions {
    private static final String BASIC = "eventSelectors.";
    private static final String ADVANCED = "advancedEventSelectors.";

    private EventSelectorReductions() {}

    /** Phrases for the explanation, in a fixed order; empty when the set records everything it names. */
    static List<String> of(Map<String, String> params) {
        List<String> out = new ArrayList<>();
        Map<String, Map<String, String>> basic = selectors(params, BASIC);
        Map<String, Map<String, String>> advanced = selectors(params, ADVANCED);
        if (basic.isEmpty() && advanced.isEmpty()) {
            out.add("removed every event selector");
            return out;
        }
        basic.values().forEach(s -> basicReductions(s, out));
        if (!advanced.isEmpty()) {
            advancedReductions(advanced.values(), out);
        }
        return out;
    }

    private static void basicReductions(Map<String, String> s, List<String> out) {
        if ("false".equalsIgnoreCase(s.get("includeManagementEvents"))) {
            TamperingCatalog.addOnce(out, "stopped recording management events");
        }
        String rw = s.get("readWriteType");
        if (rw != null && !"All".equalsIgnoreCase(rw)) {
            TamperingCatalog.addOnce(out, "records only " + rw + " events");
        }
        for (Map.Entry<String, String> f : s.entrySet()) {
            if (f.getKey().startsWith("excludeManagementEventSources.")) {
                TamperingCatalog.addOnce(out, "excluded management events from " + f.getValue());
            }
            // {"type": "AWS::S3::Object", "values": []} selects no object: that type's data events stop
            if (f.getKey().startsWith("dataResources.") && f.getKey().endsWith(".type")) {
                String at = f.getKey().substring(0, f.getKey().length() - "type".length());
                if (s.keySet().stream().noneMatch(k -> k.startsWith(at + "values."))) {
                    TamperingCatalog.addOnce(out, "a data selector for " + f.getValue() + " names no resources, so records none");
                }
            }
        }
    }

    /** Advanced selectors are ORed: a kind of event is recorded when any selector records it. */
    private static void advancedReductions(Iterable<Map<String, String>> selectors, List<String> out) {
        boolean managementReads = false;
        boolean managementWrites = false;
        boolean anyManagement = false;
        Set<String> excludedSources = new TreeSet<>();
        Map<String, boolean[]> dataByType = new TreeMap<>(); // resources.type (or "all") -> {reads, writes}
        for (Map<String, String> s : selectors) {
            Map<String, FieldSelector> fields = FieldSelector.of(s);
            FieldSelector category = fields.get("eventCategory");
            boolean reads = FieldSelector.admits(fields.get("readOnly"), "true");
            boolean writes = FieldSelector.admits(fields.get("readOnly"), "false");
            if (category != null && category.equals.contains("Management")) {
                anyManagement = true;
                managementReads |= reads;
                managementWrites |= writes;
                FieldSelector source = fields.get("eventSource");
                if (source != null) {
                    excludedSources.addAll(source.notEquals);
                }
            } else if (category != null && category.equals.contains("Data")) {
                FieldSelector type = fields.get("resources.type");
                String key = type == null || type.equals.isEmpty() ? "all resource types" : String.join(", ", type.equals);
                boolean[] seen = dataByType.computeIfAbsent(key, k -> new boolean[2]);
                seen[0] |= reads;
                seen[1] |= writes;
            }
        }
        if (!anyManagement) {
            TamperingCatalog.addOnce(out, "advanced selectors record no management events");
        } else if (!managementWrites) {
            TamperingCatalog.addOnce(out, "records only ReadOnly management events");
        } else if (!managementReads) {
            TamperingCatalog.addOnce(out, "records only WriteOnly management events");
        }
        excludedSources.forEach(src -> TamperingCatalog.addOnce(out, "excluded management events from " + src));
        dataByType.forEach((type, seen) -> {
            if (!seen[1]) {
                TamperingCatalog.addOnce(out, "records only ReadOnly data events of " + type);
            } else if (!seen[0]) {
                TamperingCatalog.addOnce(out, "records only WriteOnly data events of " + type);
            }
        });
    }

    /** Each selector's own parameters, by its index, with the selector's prefix removed. */
    private static Map<String, Map<String, String>> selectors(Map<String, String> params, String prefix) {
        Map<String, Map<String, String>> out = new TreeMap<>();
        for (Map.Entry<String, String> p : params.entrySet()) {
            if (!p.getKey().startsWith(prefix)) {
                continue;
            }
            String rest = p.getKey().substring(prefix.length());
            int dot = rest.indexOf('.');
            if (dot > 0) {
                out.computeIfAbsent(rest.substring(0, dot), k -> new TreeMap<>()).put(rest.substring(dot + 1), p.getValue());
            }
        }
        return out;
    }

    /** One advanced field selector: {@code {"field": "readOnly", "equals": ["true"]}}. */
    private record FieldSelector(Set<String> equals, Set<String> notEquals) {
        /** By field name, from a selector's flattened {@code fieldSelectors.<i>.<key>.<j>} parameters. */
        static Map<String, FieldSelector> of(Map<String, String> selector) {
            Map<String, Map<String, String>> byIndex = selectors(selector, "fieldSelectors.");
            Map<String, FieldSelector> out = new TreeMap<>();
            for (Map<String, String> f : byIndex.values()) {
                String field = f.get("field");
                if (field == null) {
                    continue;
                }
                Set<String> eq = new TreeSet<>();
                Set<String> ne = new TreeSet<>();
                f.forEach((k, v) -> {
                    if (k.startsWith("equals.")) {
                        eq.add(v);
                    } else if (k.startsWith("notEquals.")) {
                        ne.add(v);
                    }
                });
                out.put(field, new FieldSelector(eq, ne));
            }
            return out;
        }

        /** Whether a selector with this field (null: no condition on it) lets the value through. */
        static boolean admits(FieldSelector f, String value) {
            if (f == null) {
                return true;
            }
            return (f.equals.isEmpty() || f.equals.contains(value)) && !f.notEquals.contains(value);
        }
    }
}
