package io.trailhunt.bench;

import io.trailhunt.cep.SequencePattern;
import io.trailhunt.events.decode.DecodeOutput;
import io.trailhunt.events.decode.DecoderLimits;
import io.trailhunt.events.decode.RecordDecoder;
import io.trailhunt.events.model.AuditEvent;
import io.trailhunt.events.model.DeadLetter;
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
import org.apache.flink.configuration.StateBackendOptions;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;

import java.io.BufferedReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * What the sequence rules (Flink CEP) cost: the whole job graph over one corpus, with and without
 * the sequence stage, runs alternating so both share the machine's noise, on heap and on RocksDB
 * state. Headline: events/s with the stage over events/s without it, per backend; and RocksDB's
 * rate over heap's with the stage. Also counts how many events are candidates of some pattern.
 *
 * <pre>
 * bench/sequences [--events N] [--parallelism P] [--rounds R] [--state heap,rocksdb] [--seeds DIR...]
 * </pre>
 */
public final class SequenceStageBench {
    private SequenceStageBench() {}

    public static void main(String[] args) throws Exception {
        long target = 300_000;
        int parallelism = 2;
        int rounds = 2;
        List<String> states = List.of("hashmap", "rocksdb");
        List<Path> seedDirs = new ArrayList<>();
        List<String> only = null;
        boolean baseline = true;
        Path work = Path.of("bench", "target", "sequences");
        for (int i = 0; i < args.length; i++) {
            switch (args[i]) {
                case "--events" -> target = Long.parseLong(args[++i]);
                case "--parallelism" -> parallelism = Integer.parseInt(args[++i]);
                case "--rounds" -> rounds = Integer.parseInt(args[++i]);
                case "--state" -> states = List.of(args[++i].replace("heap", "hashmap").split(","));
                case "--work" -> work = Path.of(args[++i]);
                case "--patterns" -> only = List.of(args[++i].split(","));
                case "--no-baseline" -> baseline = false;
                case "--conf" -> {
                    String[] kv = args[++i].split("=", 2);
                    EXTRA.put(kv[0], kv[1]);
                }
                case "--seeds" -> {
                    while (i + 1 < args.length && !args[i + 1].startsWith("--")) {
                        seedDirs.add(Path.of(args[++i]));
                    }
                }
                default -> throw new IllegalArgumentException("unknown option " + args[i]
                        + "; usage: SequenceStageBench [--events N] [--parallelism P] [--rounds R] [--state heap,rocksdb] [--work DIR] [--seeds DIR...]");
            }
        }
        if (seedDirs.isEmpty()) {
            seedDirs = Benches.defaultSeeds();
        }
        List<Seeds.Seed> seeds = Seeds.load(seedDirs);
        Path input = work.resolve("input");
        Benches.deleteTree(input);
        Corpus corpus = Corpus.writeInTimeSlices(seeds, target, 4, input);
        if (!EXTRA.isEmpty()) {
            System.out.println("flink settings: " + EXTRA);
        }
        System.out.printf("corpus: %,d records (%,d seeds from %s) in %d files, %,d MB%n",
                corpus.records, seeds.size(), seedDirs, corpus.files.size(), corpus.bytes >> 20);

        TrailhuntConfig all = ConfigLoader.defaults();
        List<String> chosen = only;
        TrailhuntConfig config = chosen == null ? all
                : all.withSequences(all.sequences().stream().filter(p -> chosen.contains(p.name())).toList());
        candidates(corpus, config.sequences());

        for (String state : states) {
            // The first run of a backend compiles most of Flink, CEP and RocksDB's JNI paths: not measured.
            System.out.println("  (warm-up run, not measured)");
            run(input, work, state, parallelism, config, true);
            List<Double> without = new ArrayList<>();
            List<Double> with = new ArrayList<>();
            List<Double> withoutCpu = new ArrayList<>();
            List<Double> withCpu = new ArrayList<>();
            for (int r = 0; r < rounds; r++) {
                if (baseline) {
                    without.add(run(input, work, state, parallelism, config, false));
                    withoutCpu.add(lastCpuRate);
                }
                with.add(run(input, work, state, parallelism, config, true));
                withCpu.add(lastCpuRate);
            }
            if (without.isEmpty()) {
                System.out.printf("%s: with the sequence stage %s events/s%n", name(state), Benches.rates(with));
                RESULTS.put(state, Benches.median(with));
                continue;
            }
            double w0 = Benches.median(without);
            double w1 = Benches.median(with);
            System.out.printf("%s: without the sequence stage %s events/s, with it %s events/s; median ratio with/without: %.2f%n",
                    name(state), Benches.rates(without), Benches.rates(with), w1 / w0);
            System.out.printf("%s, per CPU-second of the process: without %s, with %s; median ratio with/without: %.2f%n",
                    name(state), Benches.rates(withoutCpu), Benches.rates(withCpu), Benches.median(withCpu) / Benches.median(withoutCpu));
            RESULTS.put(state, w1);
            CPU_RESULTS.put(state, Benches.median(withCpu));
            // What the stage itself adds to each event: the difference of the medians' times per event.
            STAGE_MICROS.put(state, 1e6 / w1 - 1e6 / w0);
            STAGE_CPU_MICROS.put(state, 1e6 / Benches.median(withCpu) - 1e6 / Benches.median(withoutCpu));
            System.out.printf("%s: the stage adds %.1f µs per event (%.1f CPU-µs)%n", name(state), STAGE_MICROS.get(state), STAGE_CPU_MICROS.get(state));
        }
        if (RESULTS.containsKey("hashmap") && RESULTS.containsKey("rocksdb")) {
            System.out.printf("with the sequence stage, RocksDB / heap: %.2f (heap is %.2fx RocksDB); per CPU-second: %.2f (%.2fx)%n",
                    RESULTS.get("rocksdb") / RESULTS.get("hashmap"), RESULTS.get("hashmap") / RESULTS.get("rocksdb"),
                    CPU_RESULTS.get("rocksdb") / CPU_RESULTS.get("hashmap"), CPU_RESULTS.get("hashmap") / CPU_RESULTS.get("rocksdb"));
        }
        if (STAGE_MICROS.containsKey("hashmap") && STAGE_MICROS.containsKey("rocksdb")) {
            System.out.printf("the stage's own cost per event, RocksDB / heap: %.2fx; per CPU-second: %.2fx%n",
                    STAGE_MICROS.get("rocksdb") / STAGE_MICROS.get("hashmap"), STAGE_CPU_MICROS.get("rocksdb") / STAGE_CPU_MICROS.get("hashmap"));
        }
    }

    private static final Map<String, Double> RESULTS = new LinkedHashMap<>();
    private static final Map<String, Double> CPU_RESULTS = new LinkedHashMap<>();
    private static final Map<String, Double> STAGE_MICROS = new LinkedHashMap<>();
    private static final Map<String, Double> STAGE_CPU_MICROS = new LinkedHashMap<>();
    /** Events per CPU-second of the whole process (every thread: MiniCluster, tasks, GC, JIT) in the last run. */
    private static double lastCpuRate;
    /** Flink settings added with --conf key=value, e.g. state.backend.rocksdb.timer-service.factory=HEAP. */
    private static final Map<String, String> EXTRA = new LinkedHashMap<>();

    private static String name(String state) {
        return state.equals("hashmap") ? "heap" : state;
    }

    /** One thread: how many decoded events are a candidate of each pattern, and of any. */
    private static void candidates(Corpus corpus, List<SequencePattern> patterns) throws Exception {
        RecordDecoder decoder = new RecordDecoder(DecoderLimits.defaults());
        long[] counts = new long[patterns.size() + 2]; // per pattern, any, all events
        DecodeOutput count = new DecodeOutput() {
            @Override
            public void event(AuditEvent e) {
                counts[counts.length - 1]++;
                boolean any = false;
                for (int i = 0; i < patterns.size(); i++) {
                    if (patterns.get(i).isCandidate(e)) {
                        counts[i]++;
                        any = true;
                    }
                }
                if (any) {
                    counts[patterns.size()]++;
                }
            }

            @Override
            public void deadLetter(DeadLetter d) {}
        };
        for (Path f : corpus.files) {
            try (BufferedReader r = Files.newBufferedReader(f, StandardCharsets.UTF_8)) {
                String line;
                while ((line = r.readLine()) != null) {
                    decoder.decode(line.getBytes(StandardCharsets.UTF_8), "bench", count);
                }
            }
        }
        long events = counts[counts.length - 1];
        StringBuilder sb = new StringBuilder();
        for (int i = 0; i < patterns.size(); i++) {
            sb.append(String.format("%s %.2f%%, ", patterns.get(i).name(), 100.0 * counts[i] / events));
        }
        System.out.printf("candidates: any pattern %,d of %,d events = %.2f%% (%s)%n", counts[patterns.size()], events,
                100.0 * counts[patterns.size()] / events, sb.substring(0, sb.length() - 2));
    }

    /** The real job graph on a local MiniCluster; events per second of its net runtime. */
    private static double run(Path input, Path work, String state, int parallelism, TrailhuntConfig config, boolean sequences) throws Exception {
        Configuration conf = new Configuration();
        conf.set(CoreOptions.DEFAULT_PARALLELISM, parallelism);
        conf.set(StateBackendOptions.STATE_BACKEND, state);
        BenchPipeline.asFlinkConf(conf);
        conf.setString("execution.checkpointing.interval", "30 s");
        // A bounded run would otherwise wait up to one interval for a final checkpoint: noise, not cost.
        conf.setString("execution.checkpointing.checkpoints-after-tasks-finish", "false");
        EXTRA.forEach(conf::setString);
        conf.setString("execution.checkpointing.dir", work.resolve("checkpoints").toUri().toString());
        StreamExecutionEnvironment env = StreamExecutionEnvironment.getExecutionEnvironment(conf);
        Path findings = work.resolve("findings.jsonl");
        Path deadLetters = work.resolve("dead-letters.jsonl");
        Files.deleteIfExists(findings);
        Files.deleteIfExists(deadLetters);
        PipelineSettings all = PipelineSettings.of(config);
        PipelineSettings settings = sequences ? all : all.withSequences(List.of());
        TrailhuntPipeline.defineWorkflow(env,
                List.of(new NamedSource("corpus", FileInputs.source(new FileInputSettings("corpus", List.of(input.toString()), null), config.decoding(), FutureEvents.of(config)),
                        config.eventTime().maxOutOfOrderness())),
                new ConfiguredSinks(OutputSettings.file(findings.toString()), OutputSettings.file(deadLetters.toString())),
                settings);
        long cpuBefore = processCpuNanos();
        JobExecutionResult result = env.execute("trailhunt-sequences");
        long cpu = processCpuNanos() - cpuBefore;
        long events = Benches.counter(result, Accumulators.EVENTS) + Benches.counter(result, Accumulators.LATE_EVENTS);
        double rate = events / (result.getNetRuntime() / 1000.0);
        lastCpuRate = events / (cpu / 1e9);
        System.out.printf("  %s, %s the sequence stage: %,d events (%,d late, %,d late for a sequence rule), %,d findings in %.1f s = %,.0f events/s;"
                        + " %.3f CPU-s = %,.0f events per CPU-second%n",
                name(state), sequences ? "with" : "without", events, Benches.counter(result, Accumulators.LATE_EVENTS),
                Benches.counter(result, Accumulators.LATE_FOR_SEQUENCES), Benches.counter(result, Accumulators.FINDINGS),
                result.getNetRuntime() / 1000.0, rate, cpu / 1e9, lastCpuRate);
        return rate;
    }

    static long processCpuNanos() {
        java.lang.management.OperatingSystemMXBean os = java.lang.management.ManagementFactory.getOperatingSystemMXBean();
        return ((com.sun.management.OperatingSystemMXBean) os).getProcessCpuTime();
    }
}
