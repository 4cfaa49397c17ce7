package io.trailhunt.bench;

import io.trailhunt.job.config.ConfigLoader;
import io.trailhunt.job.config.FileInputSettings;
import io.trailhunt.job.config.OutputSettings;
import io.trailhunt.job.config.TrailhuntConfig;
import io.trailhunt.job.graph.Accumulators;
import io.trailhunt.job.graph.ConfiguredSinks;
import io.trailhunt.job.graph.FutureEvents;
import io.trailhunt.job.graph.NamedSource;
import io.trailhunt.job.graph.PipelineSettings;
import io.trailhunt.job.graph.TrailhuntPipeline;
import io.trailhunt.job.sources.FileInputs;
import org.apache.flink.api.common.JobExecutionResult;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.configuration.CoreOptions;
import org.apache.flink.configuration.PipelineOptions;
import org.apache.flink.configuration.StateBackendOptions;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * The whole job graph over the throughput corpus ({@link Corpus}, as {@link ThroughputBench} builds
 * it) twice per round, with the keyed detectors of part 1 (impossible-travel, new-source-ip,
 * new-asn, new-country, many-source-ips, anonymizing-network, uncommon-storage-client,
 * credential-persistence) off and on; the headline is the ratio of the two rates, best of the rounds.
 *
 * <pre>
 * bench/detectors-throughput [--events N] [--state heap|rocksdb] [--parallelism P] [--rounds R] [--seeds DIR...]
 * </pre>
 */
public final class DetectorsThroughputBench {
    static final List<String> PART_1 = List.of("impossible-travel", "new-country", "new-asn", "new-source-ip", "many-source-ips",
            "anonymizing-network", "uncommon-storage-client", "credential-persistence");

    private DetectorsThroughputBench() {}

    public static void main(String[] args) throws Exception {
        long target = 1_000_000;
        String state = "hashmap";
        int parallelism = 2;
        int rounds = 2;
        List<Path> seedDirs = new ArrayList<>();
        Path work = Path.of("bench", "target", "corpus");
        for (int i = 0; i < args.length; i++) {
            switch (args[i]) {
                case "--events" -> target = Long.parseLong(args[++i]);
                case "--state" -> state = args[++i].equals("heap") ? "hashmap" : args[i];
                case "--parallelism" -> parallelism = Integer.parseInt(args[++i]);
                case "--rounds" -> rounds = Integer.parseInt(args[++i]);
                case "--work" -> work = Path.of(args[++i]);
                case "--seeds" -> {
                    while (i + 1 < args.length && !args[i + 1].startsWith("--")) {
                        seedDirs.add(Path.of(args[++i]));
                    }
                }
                default -> throw new IllegalArgumentException("unknown option " + args[i] + "; usage: DetectorsThroughputBench [--events N]"
                        + " [--state heap|rocksdb] [--parallelism P] [--rounds R] [--work DIR] [--seeds DIR...]");
            }
        }
        if (seedDirs.isEmpty()) {
            seedDirs = defaultSeeds();
        }
        List<Seeds.Seed> seeds = Seeds.load(seedDirs);
        Corpus corpus = Corpus.write(seeds, target, 8, work.resolve("input"));
        System.out.printf("corpus: %,d records (%,d seeds from %s) in %d files, %,d MB%n",
                corpus.records, seeds.size(), seedDirs, corpus.files.size(), corpus.bytes >> 20);

        TrailhuntConfig on = ConfigLoader.defaults();
        TrailhuntConfig off = withoutPart1(work);
        double bestOff = 0;
        double bestOn = 0;
        for (int r = 1; r <= rounds; r++) {
            double rateOff = run(work, state, parallelism, off, "part-1 detectors off");
            double rateOn = run(work, state, parallelism, on, "part-1 detectors on ");
            bestOff = Math.max(bestOff, rateOff);
            bestOn = Math.max(bestOn, rateOn);
            System.out.printf("round %d: ratio %.2f%n", r, rateOn / rateOff);
        }
        System.out.printf("best of %d rounds, %s state, parallelism %d: %,.0f events/s with part 1 on, %,.0f off: ratio %.2f%n",
                rounds, state.equals("hashmap") ? "heap" : state, parallelism, bestOn, bestOff, bestOn / bestOff);
    }

    private static List<Path> defaultSeeds() {
        List<Path> dirs = new ArrayList<>(List.of(Path.of("job", "sample-data")));
        Path shared = Path.of("..", "shared", "data");
        for (String d : List.of("stratus-red-team-detonation-logs", "otrf-security-datasets", "panther-analysis/test_scenarios")) {
            if (Files.isDirectory(shared.resolve(d))) {
                dirs.add(shared.resolve(d));
            }
        }
        return dirs;
    }

    /** The defaults with every part-1 rule's {@code enabled: false}: log-tampering alone, as before part 1. */
    private static TrailhuntConfig withoutPart1(Path work) throws Exception {
        Files.createDirectories(work);
        StringBuilder yaml = new StringBuilder("rules:\n");
        for (String rule : PART_1) {
            yaml.append("  ").append(rule).append(":\n    enabled: false\n");
        }
        Path file = work.resolve("part-1-off.yaml");
        Files.writeString(file, yaml.toString());
        TrailhuntConfig c = ConfigLoader.load(file);
        if (c.detectors().size() != 1) {
            throw new IllegalStateException("expected log-tampering alone, got " + c.detectors());
        }
        return c;
    }

    /** The real job graph on a local MiniCluster, as ThroughputBench runs it; events per second of net runtime. */
    private static double run(Path work, String state, int parallelism, TrailhuntConfig config, String label) throws Exception {
        Configuration conf = new Configuration();
        conf.set(CoreOptions.DEFAULT_PARALLELISM, parallelism);
        conf.set(StateBackendOptions.STATE_BACKEND, state);
        conf.set(PipelineOptions.GENERIC_TYPES, false);
        conf.set(PipelineOptions.AUTO_GENERATE_UIDS, false);
        conf.set(PipelineOptions.OBJECT_REUSE, true);
        conf.setString("execution.checkpointing.interval", System.getProperty("bench.checkpoint-interval", "30 s"));
        conf.setString("execution.checkpointing.dir", work.resolve("checkpoints").toUri().toString());
        conf.setString("state.backend.incremental", "true");
        StreamExecutionEnvironment env = StreamExecutionEnvironment.getExecutionEnvironment(conf);
        Path findings = work.resolve("findings.jsonl");
        Path deadLetters = work.resolve("dead-letters.jsonl");
        Files.deleteIfExists(findings);
        Files.deleteIfExists(deadLetters);
        List<String> paths = List.of(work.resolve("input").toString());
        TrailhuntPipeline.defineWorkflow(env,
                List.of(new NamedSource("corpus", FileInputs.source(new FileInputSettings("corpus", paths, null), config.decoding(), FutureEvents.of(config)),
                        config.eventTime().maxOutOfOrderness())),
                new ConfiguredSinks(OutputSettings.file(findings.toString()), OutputSettings.file(deadLetters.toString())),
                PipelineSettings.of(config));
        JobExecutionResult result = env.execute("trailhunt-detectors-throughput");
        long events = ((Number) result.getAccumulatorResult(Accumulators.EVENTS)).longValue();
        Object late = result.getAccumulatorResult(Accumulators.LATE_EVENTS);
        long all = events + (late == null ? 0 : ((Number) late).longValue());
        double rate = all / (result.getNetRuntime() / 1000.0);
        System.out.printf("%s: %,d events in %.1f s = %,.0f events/s, %,d findings%n", label, all, result.getNetRuntime() / 1000.0, rate,
                ((Number) result.getAccumulatorResult(Accumulators.FINDINGS)).longValue());
        return rate;
    }
}
