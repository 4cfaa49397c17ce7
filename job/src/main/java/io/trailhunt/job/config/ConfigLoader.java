package io.trailhunt.job.config;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonStreamContext;
import com.fasterxml.jackson.core.StreamReadFeature;
import com.fasterxml.jackson.core.exc.StreamReadException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import io.trailhunt.cep.SequenceRules;
import io.trailhunt.detectors.KeyedRules;
import io.trailhunt.detectors.risk.PrincipalRisk;
import io.trailhunt.detectors.risk.RiskSettings;
import io.trailhunt.detectors.suppress.SuppressionSettings;
import io.trailhunt.enrichment.geoip.GeoIpDatabases;
import io.trailhunt.enrichment.geoip.GeoIpSettings;
import io.trailhunt.events.decode.DecoderLimits;
import io.trailhunt.events.settings.Section;
import io.trailhunt.events.settings.SettingsException;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

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
        return load(file, System.getenv());
    }

    /** @param env where {@code *-env} secrets are looked up */
    public static TrailhuntConfig load(Path file, Map<String, String> env) {
        if (!Files.isRegularFile(file)) {
            throw new SettingsException("--config", "no such file: " + file + "; give the path of a Trailhunt YAML configuration (see docs/configuration.md)");
        }
        JsonNode root;
        try {
            // A key given twice would otherwise be last-wins, silently dropping the first value.
            root = new ObjectMapper(YAMLFactory.builder().enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION).build()).readTree(file.toFile());
        } catch (StreamReadException e) {
            String duplicate = duplicateKey(e);
            if (duplicate != null) {
                throw new SettingsException(duplicate, "is given twice in " + file + " (line " + e.getLocation().getLineNr()
                        + "); keep one of them");
            }
            throw new SettingsException("--config", file + " is not valid YAML: " + e.getMessage().split("\n")[0]);
        } catch (IOException e) {
            throw new SettingsException("--config", file + " is not valid YAML: " + e.getMessage().split("\n")[0]);
        }
        return read(new Section("", root), env);
    }

    /** The dotted path of a key given twice, from the parser's position; null when the error is another. */
    private static String duplicateKey(StreamReadException e) {
        JsonParser p = e.getProcessor();
        if (p == null || e.getOriginalMessage() == null || !e.getOriginalMessage().startsWith("Duplicate field")) {
            return null;
        }
        String name = e.getOriginalMessage().replaceFirst("^Duplicate field '(.*)'$", "$1");
        StringBuilder path = new StringBuilder(name);
        for (JsonStreamContext c = p.getParsingContext().getParent(); c != null && !c.inRoot(); c = c.getParent()) {
            if (c.inArray()) {
                path.insert(0, "[" + c.getCurrentIndex() + "].");
            } else if (c.getCurrentName() != null) {
                path.insert(0, c.getCurrentName() + (path.charAt(0) == '[' ? "" : "."));
            }
        }
        return path.toString().replace(".[", "[");
    }

    static TrailhuntConfig read(Section root) {
        return read(root, System.getenv());
    }

    static TrailhuntConfig read(Section root, Map<String, String> env) {
        List<InputSettings> inputs = inputs(root, env);
        Section outputs = root.section("outputs");
        OutputSettings findings = output(outputs.section("findings"), OutputSettings.stdout(), "trailhunt-findings", env);
        OutputSettings deadLetters = output(outputs.section("dead-letters"), defaultDeadLetters(findings), "trailhunt-dead-letters", env);
        if (deadLetters.ocsf()) {
            throw new SettingsException("outputs.dead-letters.format", "dead letters are always written in Trailhunt's format; remove the key");
        }
        Section scoresSection = outputs.section("scores");
        OutputSettings scores = scoresSection.isPresent() ? output(scoresSection, OutputSettings.stdout(), "trailhunt-scores", env) : null;
        if (scores != null && scores.ocsf()) {
            throw new SettingsException("outputs.scores.format", "scored observations are written in Trailhunt's format only; remove the key");
        }
        DecoderLimits decoding = decoding(root.section("decoding"));
        EventTimeSettings eventTime = EventTimeSettings.from(root.section("event-time"));
        SuppressionSettings suppression = SuppressionSettings.from(root.section("suppression"));
        GeoIpSettings geoip = GeoIpSettings.from(root.section(GeoIpSettings.SECTION));
        StateSettings state = StateSettings.from(root.section("state"));
        Section rules = root.section("rules");
        var detectors = KeyedRules.enabled(rules);
        var sequences = SequenceRules.enabled(rules);
        RiskSettings principalRisk = RiskSettings.from(rules.section(PrincipalRisk.RULE_ID));
        checkRuleWeights(principalRisk);
        if (scores != null && detectors.stream().noneMatch(d -> d.ruleId().equals(NOVEL_ACTIVITY))) {
            throw new SettingsException("outputs.scores", "scored observations come from novel-activity, which is off: "
                    + "enable rules.novel-activity or remove outputs.scores");
        }
        root.rejectUnknownKeys();
        eventTime.checkAgainst(inputs);
        GeoIpDatabases.verify(geoip); // a missing or wrong database file stops the start (exit 2)
        return new TrailhuntConfig(inputs, findings, deadLetters, decoding, eventTime, suppression, geoip, detectors, sequences, scores, principalRisk, state);
    }

    private static final String NOVEL_ACTIVITY = "novel-activity";

    /** A misspelt rule id in rule-weights would silently weigh nothing. */
    private static void checkRuleWeights(RiskSettings risk) {
        Set<String> known = new java.util.TreeSet<>();
        KeyedRules.enabled(Section.empty("rules")).forEach(d -> known.add(d.ruleId()));
        SequenceRules.enabled(Section.empty("rules")).forEach(p -> known.add(p.ruleId()));
        for (String id : risk.ruleWeights().keySet()) {
            if (!known.contains(id)) {
                throw new SettingsException("rules.principal-risk.rule-weights." + id,
                        "no rule has this id; the rule ids are: " + String.join(", ", known));
            }
        }
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

    private static List<InputSettings> inputs(Section root, Map<String, String> env) {
        List<InputSettings> out = new ArrayList<>();
        Set<String> names = new HashSet<>();
        for (Section in : root.sections("inputs")) {
            String type = in.choice("type", "files", "files", "kafka", "kinesis");
            String name = in.string("name", "input-" + out.size());
            if (!names.add(name)) {
                throw new SettingsException(in.key("name"), "'" + name + "' names two inputs; names make operator uids and must be unique");
            }
            switch (type) {
                case "kafka" -> out.add(KafkaInputSettings.from(in, name, env));
                case "kinesis" -> out.add(KinesisInputSettings.from(in, name, env));
                default -> out.add(files(in, name));
            }
        }
        return out;
    }

    private static FileInputSettings files(Section in, String name) {
        List<String> paths = in.strings("paths");
        if (paths.isEmpty()) {
            throw new SettingsException(in.key("paths"), "is required for a files input: list the files or folders to read");
        }
        Duration monitor = in.has("monitor-interval")
                ? in.duration("monitor-interval", null, Duration.ofSeconds(1), Duration.ofDays(1))
                : null;
        Duration outOfOrderness = in.has("max-out-of-orderness")
                ? in.duration("max-out-of-orderness", null, Duration.ZERO, EventTimeSettings.maxLag(monitor == null))
                : null;
        for (String p : paths) {
            checkReadable(in.key("paths"), p);
        }
        return new FileInputSettings(name, List.copyOf(paths), monitor, outOfOrderness);
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

    private static OutputSettings output(Section s, OutputSettings defaultValue, String defaultTransactionalId, Map<String, String> env) {
        if (!s.isPresent()) {
            return defaultValue;
        }
        String type = s.choice("type", defaultValue.type(), OutputSettings.STDOUT, OutputSettings.STDERR, OutputSettings.FILE,
                OutputSettings.KAFKA, OutputSettings.KINESIS);
        String format = s.choice("format", OutputSettings.FORMAT_TRAILHUNT, OutputSettings.FORMAT_TRAILHUNT, OutputSettings.FORMAT_OCSF);
        switch (type) {
            case OutputSettings.FILE:
                return new OutputSettings(type, s.requiredString("path", "name the file to write JSON lines to"), format, null, null);
            case OutputSettings.KAFKA:
                return new OutputSettings(type, null, format, KafkaOutputSettings.from(s, defaultTransactionalId, env), null);
            case OutputSettings.KINESIS:
                return new OutputSettings(type, null, format, null, KinesisOutputSettings.from(s, env));
            default:
                if (s.has("path")) {
                    throw new SettingsException(s.key("path"), "only a 'type: file' output has a path; remove it or set type: file");
                }
                return new OutputSettings(type, null, format, null, null);
        }
    }

    private static DecoderLimits decoding(Section s) {
        return new DecoderLimits(
                (int) s.bytes("max-record-bytes", DecoderLimits.DEFAULT_MAX_RECORD_BYTES, 1024, Integer.MAX_VALUE - 8),
                s.integer("max-nesting-depth", DecoderLimits.DEFAULT_MAX_NESTING_DEPTH, 8, 10_000),
                (int) s.bytes("max-string-length", DecoderLimits.DEFAULT_MAX_STRING_LENGTH, 1024, Integer.MAX_VALUE - 8),
                (int) s.bytes("dead-letter-prefix-bytes", DecoderLimits.DEFAULT_DEAD_LETTER_PREFIX_BYTES, 0, 1024 * 1024));
    }
}
