package io.trailhunt.job.sinks;

/** One output record as a JSON line, with the key streams partition it by (null: any partition). */
public class KeyedLine {
    public String key;
    public String line;

    public KeyedLine() {}

    public KeyedLine(String key, String line) {
        this.key = key;
        this.line = line;
    }
}
