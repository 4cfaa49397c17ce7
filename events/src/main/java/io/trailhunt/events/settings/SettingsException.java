package io.trailhunt.events.settings;

/**
 * A configuration value that cannot be used. The message starts with the key (a dotted path from
 * the top of the file, or the command-line option) and says how to fix it; the CLI prints it and
 * exits 2.
 */
public class SettingsException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    private final String key;

    public SettingsException(String key, String problem) {
        super(key + ": " + problem);
        this.key = key;
    }

    public String key() {
        return key;
    }
}
