package io.trailhunt.job.config;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import io.trailhunt.cep.SequenceRules;
import io.trailhunt.detectors.KeyedRules;
import io.trailhunt.detectors.suppress.SuppressionSettings;
import io.trailhunt.events.decode.DecoderLimits;
import io.trailhunt.events.settings.Section;
import io.trailhunt.events.settings.SettingsException;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * Reads the one YAML configuration file into {@link TrailhuntConfig}: every key typed, every
 * value checked, every unknown key refused with its dotted path. Documented in docs/configuration.md.
 */
public final class ConfigLoader {
    private ConfigLoader() {}

    /** The configuration with every default, as when no file is given. */
    public static TrailhuntConfig defaults() {
        return read(Section.empty(""));
    }

    public static TrailhuntConfig load(Path file) {
        if (!Files.isRegularFile(file)) {
            throw new SettingsException("--config", "no such file: " + file + "; give the path of a Trailhunt YAML configuration (see docs/configuration.md)");
        }
        JsonNode root;
        try {
            root = new ObjectMapper(new YAMLFactory()).readTree(file.toFile());
        } catch (IOException e) {
            throw new SettingsException("--config", file + " is not valid YAML: " + e.getMessage().split("\n")[0]);
        }
        return read(new Section("", root));
    }

    static TrailhuntConfig read(Section root) {
        List<FileInputSettings> inputs = inputs(root);
        Section outputs = root.section("outputs");
        OutputSettings findings = output(outputs.section("findings"), OutputSettings.stdout());
        OutputSettings deadLetters = output(outputs.section("dead-letters"), defaultDeadLetters(findings));
        DecoderLimits decoding = decoding(root.section("decoding"));
        EventTimeSettings eventTime = EventTimeSettings.from(root.section("event-time"));
        SuppressionSettings suppression = SuppressionSettings.from(root.section("suppression"));
        Section rules = root.section("rules");
        var detectors = KeyedRules.enabled(rules);
        var sequences = SequenceRules.enabled(rules);
        root.rejectUnknownKeys();
        return new TrailhuntConfig(inputs, findings, deadLetters, decoding, eventTime, suppression, detectors, sequences);
    }

    /** Dead letters go beside the findings: {@code out.jsonl} → {@code out.dead-letters.jsonl}; stdout → stderr. */
    public static OutputSettings defaultDeadLetters(OutputSettings findings) {
        if (!findings.isFile()) {
            return OutputSettings.stderr();
        }
        String p = findings.path();
        String base = p.endsWith(".jsonl") ? p.substring(0, p.length() - 6) : p.endsWith(".json") ? p.substring(0, p.length() - 5) : p;
        return OutputSettings.file(base + ".dead-letters.jsonl");
    }

    private static List<FileInputSettings> inputs(Section root) {
        List<FileInputSettings> out = new ArrayList<>();
        for (Section in : root.sections("inputs")) {
            in.choice("type", "files", "files"); // kafka and kinesis inputs arrive with their connectors
            String name = in.string("name", "input-" + out.size());
            List<String> paths = in.strings("paths");
            if (paths.isEmpty()) {
                throw new SettingsException(in.key("paths"), "is required for a files input: list the files or folders to read");
            }
            Duration monitor = in.has("monitor-interval")
                    ? in.duration("monitor-interval", null, Duration.ofSeconds(1), Duration.ofDays(1))
                    : null;
            for (String p : paths) {
                checkReadable(in.key("paths"), p);
            }
            out.add(new FileInputSettings(name, List.copyOf(paths), monitor));
        }
        return out;
    }

    /** Local paths must exist at start-up; remote file systems (s3://, gs://) are checked by Flink. */
    public static void checkReadable(String key, String path) {
        if (path.contains("://") && !path.startsWith("file://")) {
            return;
        }
        Path p = Path.of(path.startsWith("file://") ? path.substring("file://".length()) : path);
        if (!Files.exists(p)) {
            throw new SettingsException(key, "no such file or folder: " + p.toAbsolutePath());
        }
        if (!Files.isReadable(p)) {
            throw new SettingsException(key, "not readable by this user: " + p.toAbsolutePath());
        }
    }

    private static OutputSettings output(Section s, OutputSettings defaultValue) {
        if (!s.isPresent()) {
            return defaultValue;
        }
        String type = s.choice("type", defaultValue.type(), OutputSettings.STDOUT, OutputSettings.STDERR, OutputSettings.FILE);
        if (OutputSettings.FILE.equals(type)) {
            return OutputSettings.file(s.requiredString("path", "name the file to write JSON lines to"));
        }
        if (s.has("path")) {
            throw new SettingsException(s.key("path"), "only a 'type: file' output has a path; remove it or set type: file");
        }
        return new OutputSettings(type, null);
    }

    private static DecoderLimits decoding(Section s) {
        return new DecoderLimits(
                (int) s.bytes("max-record-bytes", DecoderLimits.DEFAULT_MAX_RECORD_BYTES, 1024, Integer.MAX_VALUE - 8),
                s.integer("max-nesting-depth", DecoderLimits.DEFAULT_MAX_NESTING_DEPTH, 8, 10_000),
                (int) s.bytes("max-string-length", DecoderLimits.DEFAULT_MAX_STRING_LENGTH, 1024, Integer.MAX_VALUE - 8),
                (int) s.bytes("dead-letter-prefix-bytes", DecoderLimits.DEFAULT_DEAD_LETTER_PREFIX_BYTES, 0, 1024 * 1024));
    }
}
