package io.trailhunt.job.cli;

import io.trailhunt.enrichment.geoip.GeoIpDatabases;
import io.trailhunt.enrichment.geoip.GeoIpSettings;
import io.trailhunt.events.settings.SettingsException;
import io.trailhunt.job.config.ConfigLoader;
import io.trailhunt.job.config.FileInputSettings;
import io.trailhunt.job.config.OutputSettings;
import io.trailhunt.job.config.TrailhuntConfig;
import io.trailhunt.job.graph.Accumulators;
import io.trailhunt.job.graph.ConfiguredSinks;
import io.trailhunt.job.graph.FutureEvents;
import io.trailhunt.job.graph.LateAdvice;
import io.trailhunt.job.graph.NamedSource;
import io.trailhunt.job.graph.PipelineSettings;
import io.trailhunt.job.graph.TrailhuntPipeline;
import io.trailhunt.job.config.InputSettings;
import io.trailhunt.job.sources.InputSources;
import org.apache.flink.api.common.JobExecutionResult;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.configuration.GlobalConfiguration;
import org.apache.flink.configuration.RestartStrategyOptions;
import org.apache.flink.streaming.api.environment.CheckpointConfig;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/** {@code trailhunt run}: resolve the configuration, build the graph, run it, report. */
public final class RunCommand {
    /** Where bin/trailhunt says the checkout is, to find the bundled sample and flink-conf/. */
    public static final String HOME_PROPERTY = "trailhunt.home";
    public static final String SAMPLE_FOLDER = "job/sample-data";
    /** How long start-up waits for a broker or stream to answer before saying it cannot be reached. */
    static final Duration PREFLIGHT_TIMEOUT = Duration.ofSeconds(20);
    /** MaxMind's test databases, which locate the sample's addresses; used for the bundled sample only. */
    public static final String SAMPLE_GEOIP_FOLDER = "job/sample-geoip";
    /**
     * The longest checkpoint interval (and pause) of a bounded run: once its input ends, each task
     * waits for one more checkpoint (so transactional outputs commit) before it finishes, and at the
     * cluster's minute a few seconds of work would take a minute.
     */
    static final Duration BOUNDED_CHECKPOINT_INTERVAL = Duration.ofSeconds(2);
    static final Duration BOUNDED_CHECKPOINT_MIN_PAUSE = Duration.ofSeconds(1);

    private final PrintStream err;

    public RunCommand(PrintStream err) {
        this.err = err;
    }

    public void run(CliArguments args) throws Exception {
        TrailhuntConfig config = resolve(args);
        prepareOutputs(config);
        Configuration flink = flinkConfiguration(args);
        if (config.bounded()) {
            // A bounded run that hits a persistent error (an unreadable folder) must end with exit 1,
            // not retry forever as a continuous job should.
            flink.set(RestartStrategyOptions.RESTART_STRATEGY, "fixed-delay");
            flink.set(RestartStrategyOptions.RESTART_STRATEGY_FIXED_DELAY_ATTEMPTS, 2);
            flink.set(RestartStrategyOptions.RESTART_STRATEGY_FIXED_DELAY_DELAY, Duration.ofSeconds(1));
        }
        StreamExecutionEnvironment env = StreamExecutionEnvironment.getExecutionEnvironment(flink);
        requireCheckpointsForExactlyOnce(config, env);
        if (config.bounded()) {
            capCheckpointsForBoundedRun(env.getCheckpointConfig());
        }
        new Preflight(PREFLIGHT_TIMEOUT).check(config);
        List<NamedSource> sources = new ArrayList<>();
        for (InputSettings in : config.inputs()) {
            sources.add(new NamedSource(in.name(), InputSources.source(in, config.decoding(), FutureEvents.of(config)),
                    in.effectiveOutOfOrderness(config.eventTime().maxOutOfOrderness())));
        }
        TrailhuntPipeline.defineWorkflow(env, sources, new ConfiguredSinks(config.findings(), config.deadLetters(), config.scores()), PipelineSettings.of(config));
        err.println("trailhunt: reading " + describeInputs(config) + "; findings to " + config.findings() + ", dead letters to " + config.deadLetters()
                + (config.scores() == null ? "" : ", scored observations to " + config.scores()));
        err.println("trailhunt: " + describeGeoIp(config.geoip()));
        List<String> blind = GeoRuleCoverage.warnings(config.geoip(), config.detectors());
        if (!blind.isEmpty()) {
            err.println("trailhunt: warning: " + String.join("; ", blind));
        }
        JobExecutionResult result = env.execute("trailhunt");
        if (config.bounded()) {
            err.println(summary(result, NamedSource.commonOutOfOrderness(sources)));
        }
    }

    /** Shortens the wait for the final checkpoint; leaves checkpointing off when it is off. */
    static void capCheckpointsForBoundedRun(CheckpointConfig checkpoints) {
        if (!checkpoints.isCheckpointingEnabled()) {
            return;
        }
        if (checkpoints.getCheckpointInterval() > BOUNDED_CHECKPOINT_INTERVAL.toMillis()) {
            checkpoints.setCheckpointInterval(BOUNDED_CHECKPOINT_INTERVAL.toMillis());
        }
        if (checkpoints.getMinPauseBetweenCheckpoints() > BOUNDED_CHECKPOINT_MIN_PAUSE.toMillis()) {
            checkpoints.setMinPauseBetweenCheckpoints(BOUNDED_CHECKPOINT_MIN_PAUSE.toMillis());
        }
    }

    /** Transactional Kafka outputs commit with checkpoints: without them nothing would ever be committed. */
    static void requireCheckpointsForExactlyOnce(TrailhuntConfig config, StreamExecutionEnvironment env) {
        if (env.getCheckpointConfig().isCheckpointingEnabled()) {
            return;
        }
        for (String key : new String[] {"outputs.findings", "outputs.dead-letters", "outputs.scores"}) {
            OutputSettings out = key.endsWith("findings") ? config.findings() : key.endsWith("scores") ? config.scores() : config.deadLetters();
            if (out == null) {
                continue;
            }
            if (out.kafka() != null && out.kafka().exactlyOnce()) {
                throw new SettingsException(key + ".delivery", "exactly-once commits with checkpoints, and checkpointing is off: set "
                        + "execution.checkpointing.interval in the Flink configuration, or use delivery: at-least-once");
            }
        }
    }

    /** The configuration file (or defaults) with the command line's inputs and outputs on top. */
    static TrailhuntConfig resolve(CliArguments args) {
        TrailhuntConfig config = args.config() == null ? ConfigLoader.defaults() : ConfigLoader.load(Path.of(args.config()));
        if (!args.inputs().isEmpty()) {
            for (String p : args.inputs()) {
                ConfigLoader.checkReadable("--input", p);
            }
            config = config.withInputs(List.of(new FileInputSettings("cli", args.inputs(), null)));
        } else if (config.inputs().isEmpty()) {
            config = config.withInputs(List.of(new FileInputSettings("sample", List.of(samplePath()), null)));
        }
        if (args.output() != null) {
            OutputSettings findings = OutputSettings.file(args.output());
            OutputSettings deadLetters = args.deadLetters() != null ? OutputSettings.file(args.deadLetters()) : ConfigLoader.defaultDeadLetters(findings);
            config = config.withOutputs(findings, deadLetters);
        }
        return withSampleGeoIp(config);
    }

    /**
     * A run over the bundled sample alone, with no GeoIP database configured, uses MaxMind's test
     * databases bundled beside it, so the quick start shows countries and cities. Never for any
     * other input: the test files locate a few test networks, not the Internet.
     */
    static TrailhuntConfig withSampleGeoIp(TrailhuntConfig config) {
        GeoIpSettings geoip = config.geoip();
        if (!geoip.enabled() || geoip.hasDatabases() || !readsOnlyTheSample(config)) {
            return config;
        }
        Path dir = Path.of(System.getProperty(HOME_PROPERTY, "."), SAMPLE_GEOIP_FOLDER);
        GeoIpSettings test = geoip.withTestDatabases(dir);
        GeoIpDatabases.verify(test);
        return config.withGeoIp(test);
    }

    private static boolean readsOnlyTheSample(TrailhuntConfig config) {
        Path sample = Path.of(System.getProperty(HOME_PROPERTY, "."), SAMPLE_FOLDER).toAbsolutePath().normalize();
        for (InputSettings in : config.inputs()) {
            if (!(in instanceof FileInputSettings files)) {
                return false;
            }
            for (String p : files.paths()) {
                if (p.contains("://") || !Path.of(p).toAbsolutePath().normalize().equals(sample)) {
                    return false;
                }
            }
        }
        return !config.inputs().isEmpty();
    }

    /** Which enrichments are active, said at every start. */
    static String describeGeoIp(GeoIpSettings geoip) {
        if (!geoip.enabled()) {
            return "GeoIP enrichment off (geoip.enabled: false): events carry no location and no address kind";
        }
        if (!geoip.hasDatabases()) {
            return "GeoIP lookups off: no geoip.city configured, so source addresses are classified (public, private,"
                    + " cloud service, ...) but not located; to locate them, " + GeoIpSettings.HOW_TO_GET;
        }
        String databases = String.join("; ", GeoIpDatabases.verify(geoip)) + "; " + geoip.describeCacheAndReload();
        if (geoip.testDatabases()) {
            return "GeoIP enrichment with MaxMind's TEST databases, because this run reads only the bundled sample:"
                    + " they locate a few test networks, not the Internet; for real input set geoip.city (docs/configuration.md). "
                    + databases;
        }
        return "GeoIP enrichment: " + databases;
    }

    private static String samplePath() {
        String home = System.getProperty(HOME_PROPERTY, ".");
        Path sample = Path.of(home, SAMPLE_FOLDER);
        if (!Files.isDirectory(sample)) {
            throw new SettingsException("inputs", "no inputs configured and no bundled sample at " + sample.toAbsolutePath()
                    + "; pass --input PATH or list inputs in the configuration file");
        }
        return sample.toString();
    }

    /** Creates or empties file outputs now, so a bad path fails before the job starts. */
    static void prepareOutputs(TrailhuntConfig config) {
        prepare(config.findings(), "--output / outputs.findings.path");
        prepare(config.deadLetters(), "--dead-letters / outputs.dead-letters.path");
        if (config.scores() != null) {
            prepare(config.scores(), "outputs.scores.path");
        }
    }

    private static void prepare(OutputSettings out, String key) {
        if (!out.isFile()) {
            return;
        }
        Path p = Path.of(out.path()).toAbsolutePath();
        if (p.getParent() != null && !Files.isDirectory(p.getParent())) {
            throw new SettingsException(key, "the folder " + p.getParent() + " does not exist; create it or write elsewhere");
        }
        try {
            Files.write(p, new byte[0]);
        } catch (IOException e) {
            throw new SettingsException(key, "cannot write " + p + ": " + e.getMessage());
        }
    }

    private static Configuration flinkConfiguration(CliArguments args) {
        String dir = args.flinkConf() != null ? args.flinkConf() : System.getProperty("trailhunt.flink-conf");
        if (dir == null) {
            return new Configuration();
        }
        if (!Files.isRegularFile(Path.of(dir, "config.yaml"))) {
            throw new SettingsException("--flink-conf", "no config.yaml in " + Path.of(dir).toAbsolutePath() + "; point it at the repository's flink-conf/ folder");
        }
        return GlobalConfiguration.loadConfiguration(dir);
    }

    private static String describeInputs(TrailhuntConfig config) {
        List<String> parts = new ArrayList<>();
        for (InputSettings in : config.inputs()) {
            parts.add(in.describe());
        }
        return String.join("; ", parts);
    }

    static String summary(JobExecutionResult result, Duration outOfOrderness) {
        return "trailhunt: done in " + result.getNetRuntime() / 1000.0 + " s: "
                + count(result, Accumulators.EVENTS) + " events, "
                + count(result, Accumulators.FINDINGS) + " findings"
                + (count(result, Accumulators.FINDING_UPDATES) == 0 ? "" : " (" + count(result, Accumulators.FINDING_UPDATES) + " updated with their repeats)")
                + ", "
                + count(result, Accumulators.DEAD_LETTERS) + " dead letters, "
                + count(result, Accumulators.LATE_EVENTS) + " late events"
                + (count(result, Accumulators.LATE_EVENTS) == 0 ? ""
                        : " (" + LateAdvice.keepAllWith(outOfOrderness, count(result, Accumulators.LATE_SHORTFALL)) + ")")
                + (count(result, Accumulators.LATE_FOR_SEQUENCES) == 0 ? ""
                        : " (and " + count(result, Accumulators.LATE_FOR_SEQUENCES) + " late for a sequence rule)")
                + (count(result, Accumulators.RULE_FAILURES) == 0 ? ""
                        : "; " + count(result, Accumulators.RULE_FAILURES) + " rule failures (dead letters naming the rule; see the log)");
    }

    private static long count(JobExecutionResult result, String name) {
        Object v = result.getAccumulatorResult(name);
        return v instanceof Number ? ((Number) v).longValue() : 0L;
    }
}
