package io.trailhunt.job.config;

import java.io.Serializable;

/**
 * Where findings or dead letters go: {@code stdout}, {@code stderr} or a {@code file} (JSON lines).
 *
 * @param path the file, for type {@code file}; null otherwise
 */
public record OutputSettings(String type, String path) implements Serializable {
    public static final String STDOUT = "stdout";
    public static final String STDERR = "stderr";
    public static final String FILE = "file";

    public static OutputSettings file(String path) {
        return new OutputSettings(FILE, path);
    }

    public static OutputSettings stdout() {
        return new OutputSettings(STDOUT, null);
    }

    public static OutputSettings stderr() {
        return new OutputSettings(STDERR, null);
    }

    public boolean isFile() {
        return FILE.equals(type);
    }

    @Override
    public String toString() {
        return isFile() ? path : type;
    }
}
