package io.trailhunt.events.settings;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.MissingNode;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * One mapping of the configuration file, read with typed getters that know their defaults.
 * Every key read is remembered, so {@link #rejectUnknownKeys()} can name a misspelt key instead
 * of silently running with the default.
 */
public final class Section {
    private final String path;
    private final JsonNode node;
    private final Set<String> known = new LinkedHashSet<>();
    private final List<Section> children = new ArrayList<>();

    public Section(String path, JsonNode node) {
        this.path = path;
        this.node = node == null || node.isNull() ? MissingNode.getInstance() : node;
        if (!this.node.isMissingNode() && !this.node.isObject()) {
            throw new SettingsException(path, "must be a mapping of keys to values, found " + describe(this.node));
        }
    }

    /** An empty section: every getter returns its default. */
    public static Section empty(String path) {
        return new Section(path, null);
    }

    public String path() {
        return path;
    }

    public boolean isPresent() {
        return !node.isMissingNode();
    }

    public boolean has(String key) {
        known.add(key);
        JsonNode v = node.get(key);
        return v != null && !v.isNull();
    }

    /** The keys present in this mapping, for sections whose keys are names (rule ids, input names). */
    public java.util.List<String> keys() {
        java.util.List<String> out = new ArrayList<>();
        node.fieldNames().forEachRemaining(out::add);
        return out;
    }

    public String key(String key) {
        return path.isEmpty() ? key : path + "." + key;
    }

    public Section section(String key) {
        JsonNode v = value(key);
        Section s = new Section(key(key), v);
        children.add(s);
        return s;
    }

    /** A list of mappings, e.g. {@code inputs}. */
    public List<Section> sections(String key) {
        JsonNode v = value(key);
        List<Section> out = new ArrayList<>();
        if (v == null) {
            return out;
        }
        if (!v.isArray()) {
            throw new SettingsException(key(key), "must be a list, found " + describe(v));
        }
        for (int i = 0; i < v.size(); i++) {
            Section s = new Section(key(key) + "[" + i + "]", v.get(i));
            children.add(s);
            out.add(s);
        }
        return out;
    }

    public String string(String key, String defaultValue) {
        JsonNode v = value(key);
        if (v == null) {
            return defaultValue;
        }
        if (!v.isValueNode()) {
            throw new SettingsException(key(key), "must be a single value, found " + describe(v));
        }
        return v.asText();
    }

    public String requiredString(String key, String hint) {
        String s = string(key, null);
        if (s == null || s.isBlank()) {
            throw new SettingsException(key(key), "is required: " + hint);
        }
        return s;
    }

    /** One of the allowed words, case-insensitively; the error lists them. */
    public String choice(String key, String defaultValue, String... allowed) {
        String s = string(key, defaultValue);
        if (s == null) {
            return null;
        }
        for (String a : allowed) {
            if (a.equalsIgnoreCase(s)) {
                return a;
            }
        }
        throw new SettingsException(key(key), "'" + s + "' is not one of " + String.join(", ", allowed));
    }

    public boolean bool(String key, boolean defaultValue) {
        JsonNode v = value(key);
        if (v == null) {
            return defaultValue;
        }
        if (!v.isBoolean()) {
            throw new SettingsException(key(key), "must be true or false, found " + describe(v));
        }
        return v.booleanValue();
    }

    public int integer(String key, int defaultValue, int min, int max) {
        long n = longValue(key, defaultValue, min, max);
        return (int) n;
    }

    public long longValue(String key, long defaultValue, long min, long max) {
        JsonNode v = value(key);
        if (v == null) {
            return defaultValue;
        }
        if (!v.canConvertToLong() || !v.isIntegralNumber()) {
            throw new SettingsException(key(key), "must be a whole number between " + min + " and " + max + ", found " + describe(v));
        }
        long n = v.longValue();
        if (n < min || n > max) {
            throw new SettingsException(key(key), n + " is out of range: use a number between " + min + " and " + max);
        }
        return n;
    }

    public double decimal(String key, double defaultValue, double min, double max) {
        JsonNode v = value(key);
        if (v == null) {
            return defaultValue;
        }
        if (!v.isNumber()) {
            throw new SettingsException(key(key), "must be a number between " + min + " and " + max + ", found " + describe(v));
        }
        double d = v.doubleValue();
        if (d < min || d > max) {
            throw new SettingsException(key(key), d + " is out of range: use a number between " + min + " and " + max);
        }
        return d;
    }

    public Duration duration(String key, Duration defaultValue, Duration min, Duration max) {
        String s = string(key, null);
        if (s == null) {
            return defaultValue;
        }
        Duration d;
        try {
            d = Quantities.duration(s);
        } catch (IllegalArgumentException e) {
            throw new SettingsException(key(key), e.getMessage());
        }
        if (d.compareTo(min) < 0 || d.compareTo(max) > 0) {
            throw new SettingsException(key(key), Quantities.format(d) + " is out of range: use a duration from "
                    + Quantities.format(min) + " to " + Quantities.format(max));
        }
        return d;
    }

    public long bytes(String key, long defaultValue, long min, long max) {
        String s = string(key, null);
        if (s == null) {
            return defaultValue;
        }
        long n;
        try {
            n = Quantities.bytes(s);
        } catch (IllegalArgumentException e) {
            throw new SettingsException(key(key), e.getMessage());
        }
        if (n < min || n > max) {
            throw new SettingsException(key(key), n + " bytes is out of range: use a size from " + min + " to " + max + " bytes");
        }
        return n;
    }

    /** A list of strings; a single string is read as a list of one. */
    public List<String> strings(String key) {
        JsonNode v = value(key);
        List<String> out = new ArrayList<>();
        if (v == null) {
            return out;
        }
        if (v.isValueNode()) {
            out.add(v.asText());
            return out;
        }
        if (!v.isArray()) {
            throw new SettingsException(key(key), "must be a list of strings, found " + describe(v));
        }
        for (JsonNode e : v) {
            if (!e.isValueNode() || e.isNull()) {
                throw new SettingsException(key(key), "must be a list of strings, found an element " + describe(e));
            }
            out.add(e.asText());
        }
        return out;
    }

    /**
     * Fails on the first key of this section or any section read from it that no getter asked for:
     * a misspelt key must not silently fall back to its default.
     */
    public void rejectUnknownKeys() {
        Iterator<String> names = node.fieldNames();
        while (names.hasNext()) {
            String name = names.next();
            if (!known.contains(name)) {
                throw new SettingsException(key(name), "unknown key" + (known.isEmpty() ? "" : "; the keys here are: " + String.join(", ", known)));
            }
        }
        for (Section child : children) {
            child.rejectUnknownKeys();
        }
    }

    private JsonNode value(String key) {
        known.add(key);
        JsonNode v = node.get(key);
        return v == null || v.isNull() ? null : v;
    }

    private static String describe(JsonNode v) {
        if (v.isObject()) {
            return "a mapping";
        }
        if (v.isArray()) {
            return "a list";
        }
        return "'" + v.asText() + "'";
    }
}
