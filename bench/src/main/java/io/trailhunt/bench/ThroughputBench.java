package io.trailhunt.bench;

import io.trailhunt.events.decode.DecodeOutput;
import io.trailhunt.events.decode.DecoderLimits;
import io.trailhunt.events.decode.RecordDecoder;
import io.trailhunt.events.model.AuditEvent;
import io.trailhunt.events.model.DeadLetter;
import io.trailhunt.job.cli.RunCommand;
import io.trailhunt.job.config.ConfigLoader;
import io.trailhunt.job.config.TrailhuntConfig;

import java.io.BufferedReader;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * End-to-end throughput: the whole job graph over a replayed corpus, against the rate at which one
 * thread turns the same bytes into AuditEvents with the decoders alone (Jackson parse + mapping).
 * The headline is their ratio, per core, measured in one run: the two rates share the machine's
 * noise. See docs/benchmarks.md.
 *
 * <pre>
 * bench/throughput [--events N] [--state heap|rocksdb] [--parallelism P] [--runs R] [--seeds DIR...]
 * </pre>
 */
public final class ThroughputBench {
    private ThroughputBench() {}

    public static void main(String[] args) throws Exception {
        long target = 1_000_000;
        String state = "hashmap";
        int parallelism = 2;
        int runs = 2;
        List<Path> seedDirs = new ArrayList<>();
        Path work = Path.of("bench", "target", "corpus");
        for (int i = 0; i < args.length; i++) {
            switch (args[i]) {
                case "--events" -> target = Long.parseLong(args[++i]);
                case "--state" -> state = args[++i].equals("heap") ? "hashmap" : args[i];
                case "--parallelism" -> parallelism = Integer.parseInt(args[++i]);
                case "--runs" -> runs = Integer.parseInt(args[++i]);
                case "--work" -> work = Path.of(args[++i]);
                case "--seeds" -> {
                    while (i + 1 < args.length && !args[i + 1].startsWith("--")) {
                        seedDirs.add(Path.of(args[++i]));
                    }
                }
                default -> throw new IllegalArgumentException("unknown option " + args[i]
                        + "; usage: ThroughputBench [--events N] [--state heap|rocksdb] [--parallelism P] [--runs R] [--work DIR] [--seeds DIR...]");
            }
        }
        if (seedDirs.isEmpty()) {
            seedDirs = defaultSeeds();
        }

        List<Seeds.Seed> seeds = Seeds.load(seedDirs);
        Corpus corpus = Corpus.write(seeds, target, 8, work.resolve("input"));
        System.out.printf("corpus: %,d records (%,d seeds from %s) in %d files, %,d MB%n",
                corpus.records, seeds.size(), seedDirs, corpus.files.size(), corpus.bytes >> 20);

        decodeRate(corpus); // warm-up: JIT, page cache
        Rate decode = decodeRate(corpus);
        System.out.printf("decode baseline, 1 thread (Jackson -> AuditEvent): %,d events in %.2f s = %,.0f events/s%n",
                decode.events, decode.seconds, decode.perSecond());

        // As the baseline's first pass, the first run warms the JIT (a graph of some thirty operators):
        // reported, not counted, unless it is the only one. The headline is the median of the others.
        List<Double> seconds = new ArrayList<>();
        Rate pipeline = null;
        for (int r = 1; r <= runs; r++) {
            pipeline = pipelineRate(corpus, work, state, parallelism);
            System.out.printf("pipeline run %d of %d%s: %,d events in %.2f s = %,.0f events/s%n", r, runs,
                    r == 1 && runs > 1 ? " (warm-up, not counted)" : "", pipeline.events, pipeline.seconds, pipeline.perSecond());
            if (r > 1 || runs == 1) {
                seconds.add(pipeline.seconds);
            }
        }
        seconds.sort(null);
        pipeline = new Rate(pipeline.events, seconds.get(seconds.size() / 2));
        double perCore = pipeline.perSecond() / parallelism;
        System.out.printf("pipeline, parallelism %d, %s state: %,d events in %.2f s = %,.0f events/s = %,.0f events/s per core%n",
                parallelism, state.equals("hashmap") ? "heap" : state, pipeline.events, pipeline.seconds, pipeline.perSecond(), perCore);
        System.out.printf("ratio (pipeline per core / decode baseline): %.2f%n", perCore / decode.perSecond());
    }

    static List<Path> defaultSeeds() {
        List<Path> dirs = new ArrayList<>(List.of(Path.of("job", "sample-data")));
        Path shared = Path.of("..", "shared", "data");
        for (String d : List.of("stratus-red-team-detonation-logs", "otrf-security-datasets", "panther-analysis/test_scenarios")) {
            if (Files.isDirectory(shared.resolve(d))) {
                dirs.add(shared.resolve(d));
            }
        }
        return dirs;
    }

    private record Rate(long events, double seconds) {
        double perSecond() {
            return events / seconds;
        }
    }

    /** One thread, the decoders alone, over the same bytes the pipeline reads. */
    private static Rate decodeRate(Corpus corpus) throws IOException {
        RecordDecoder decoder = new RecordDecoder(DecoderLimits.defaults());
        long[] events = {0};
        DecodeOutput count = new DecodeOutput() {
            @Override
            public void event(AuditEvent event) {
                events[0]++;
            }

            @Override
            public void deadLetter(DeadLetter deadLetter) {}
        };
        long start = System.nanoTime();
        for (Path f : corpus.files) {
            try (BufferedReader r = Files.newBufferedReader(f, StandardCharsets.UTF_8)) {
                String line;
                int n = 0;
                while ((line = r.readLine()) != null) {
                    decoder.decode(line.getBytes(StandardCharsets.UTF_8), f + ":" + ++n, count);
                }
            }
        }
        return new Rate(events[0], (System.nanoTime() - start) / 1e9);
    }

    /** The real job graph, every rule on, GeoIP enrichment with the sample's test databases, on a local MiniCluster. */
    private static Rate pipelineRate(Corpus corpus, Path work, String state, int parallelism) throws Exception {
        TrailhuntConfig config = ConfigLoader.defaults();
        Path geoip = Path.of(RunCommand.SAMPLE_GEOIP_FOLDER);
        if (Files.isDirectory(geoip)) {
            config = config.withGeoIp(config.geoip().withTestDatabases(geoip));
        }
        BenchPipeline.Run run = BenchPipeline.run(work, state, parallelism, config);
        return new Rate(run.events(), run.seconds());
    }
}
