package io.trailhunt.job.config;

import io.trailhunt.events.settings.Section;
import io.trailhunt.events.settings.SettingsException;

import java.io.IOException;
import java.io.Serializable;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

/**
 * A password, key or connection string, named in the configuration only by where to find it: an
 * environment variable ({@code <key>-env}) or a file ({@code <key>-file}, as Kubernetes mounts
 * secrets). A literal value is refused. The value never appears in toString() or messages.
 */
public final class Secret implements Serializable {
    private static final long serialVersionUID = 1L;

    private final String source;
    private final String value;

    private Secret(String source, String value) {
        this.source = source;
        this.value = value;
    }

    /** Reads {@code <key>-env} or {@code <key>-file}; null when neither is given and the secret is optional. */
    public static Secret read(Section s, String key, boolean required, Map<String, String> env) {
        if (s.has(key)) {
            throw new SettingsException(s.key(key), "secrets are never written in the configuration: use " + key
                    + "-env: VARIABLE (an environment variable) or " + key + "-file: /path (a mounted secret file)");
        }
        String var = s.string(key + "-env", null);
        String file = s.string(key + "-file", null);
        if (var != null && file != null) {
            throw new SettingsException(s.key(key + "-env"), "give " + key + "-env or " + key + "-file, not both");
        }
        if (var != null) {
            String v = env.get(var);
            if (v == null || v.isEmpty()) {
                throw new SettingsException(s.key(key + "-env"), "the environment variable " + var + " is not set; export it before starting the job");
            }
            return new Secret("environment variable " + var, v);
        }
        if (file != null) {
            try {
                return new Secret("file " + file, Files.readString(Path.of(file), StandardCharsets.UTF_8).strip());
            } catch (IOException e) {
                throw new SettingsException(s.key(key + "-file"), "cannot read " + file + ": " + e.getMessage());
            }
        }
        if (required) {
            throw new SettingsException(s.key(key + "-env"), "is required: name the environment variable (" + key
                    + "-env) or the file (" + key + "-file) that holds it");
        }
        return null;
    }

    public static Secret of(String source, String value) {
        return new Secret(source, value);
    }

    public String value() {
        return value;
    }

    @Override
    public String toString() {
        return "<secret from " + source + ">";
    }
}
