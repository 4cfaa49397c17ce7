package io.trailhunt.bench;

import io.trailhunt.enrichment.geoip.EnrichGeoIp;
import io.trailhunt.enrichment.geoip.GeoIpEnricher;
import io.trailhunt.enrichment.geoip.Ticker;
import io.trailhunt.events.decode.DecodeOutput;
import io.trailhunt.events.decode.DecoderLimits;
import io.trailhunt.events.decode.RecordDecoder;
import io.trailhunt.events.model.AuditEvent;
import io.trailhunt.events.model.DeadLetter;
import io.trailhunt.enrichment.geoip.GeoIpDatabases;
import io.trailhunt.enrichment.geoip.GeoIpSettings;
import io.trailhunt.job.cli.RunCommand;
import io.trailhunt.job.config.ConfigLoader;
import io.trailhunt.job.config.TrailhuntConfig;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * What GeoIP enrichment costs: the whole job graph over one corpus with the enrichment step on
 * (City, ASN and Anonymous-IP databases) and off ({@code geoip.enabled: false}), alternated
 * off, on, on, off, ... after one uncounted warm-up run, so drift on a shared machine falls on both. The headline is the ratio of
 * the two rates (target: at least 0.9), with the cache hit rate of the runs with it on.
 * See docs/benchmarks.md.
 *
 * <pre>
 * bench/enrichment [--events N] [--rounds R] [--parallelism P] [--geoip DIR] [--keep-addresses] [--seeds DIR...]
 * </pre>
 * {@code --keep-addresses} keeps the seeds' addresses in every copy (no shifted octet), so every
 * public address of the sample day resolves: the most location data per event, the fewest
 * distinct addresses.
 */
public final class EnrichmentCostBench {
    private EnrichmentCostBench() {}

    public static void main(String[] args) throws Exception {
        long target = 1_000_000;
        int rounds = 2;
        int parallelism = 2;
        boolean keepAddresses = false;
        Path geoipDir = Path.of(RunCommand.SAMPLE_GEOIP_FOLDER);
        Path work = Path.of("bench", "target", "corpus-enrichment");
        List<Path> seedDirs = new ArrayList<>();
        for (int i = 0; i < args.length; i++) {
            switch (args[i]) {
                case "--events" -> target = Long.parseLong(args[++i]);
                case "--rounds" -> rounds = Integer.parseInt(args[++i]);
                case "--parallelism" -> parallelism = Integer.parseInt(args[++i]);
                case "--geoip" -> geoipDir = Path.of(args[++i]);
                case "--keep-addresses" -> keepAddresses = true;
                case "--work" -> work = Path.of(args[++i]);
                case "--seeds" -> {
                    while (i + 1 < args.length && !args[i + 1].startsWith("--")) {
                        seedDirs.add(Path.of(args[++i]));
                    }
                }
                default -> throw new IllegalArgumentException("unknown option " + args[i] + "; usage: EnrichmentCostBench [--events N]"
                        + " [--rounds R] [--parallelism P] [--geoip DIR] [--keep-addresses] [--work DIR] [--seeds DIR...]");
            }
        }
        if (seedDirs.isEmpty()) {
            seedDirs = ThroughputBench.defaultSeeds();
        }

        List<Seeds.Seed> seeds = Seeds.load(seedDirs);
        Corpus corpus = Corpus.write(seeds, target, 8, work.resolve("input"), !keepAddresses);
        System.out.printf("corpus: %,d records (%,d seeds from %s) in %d files, %,d MB, addresses %s%n",
                corpus.records, seeds.size(), seedDirs, corpus.files.size(), corpus.bytes >> 20, keepAddresses ? "kept" : "shifted per copy");

        TrailhuntConfig base = ConfigLoader.defaults();
        GeoIpSettings on = base.geoip().withTestDatabases(geoipDir);
        TrailhuntConfig withGeoIp = base.withGeoIp(on);
        TrailhuntConfig without = base.withGeoIp(on.withEnabled(false));
        System.out.println("GeoIP on: " + String.join("; ", GeoIpDatabases.verify(on)) + "; " + on.describeCacheAndReload());

        isolatedCost(corpus, on);

        // Warm-up, not counted: the first job in a JVM pays for class loading and JIT.
        BenchPipeline.Run warmUp = BenchPipeline.run(work, "hashmap", parallelism, withGeoIp);
        System.out.printf("warm-up (not counted), enrichment on: %,d events in %.2f s%n", warmUp.events(), warmUp.seconds());

        long eventsOn = 0;
        long eventsOff = 0;
        double secondsOn = 0;
        double secondsOff = 0;
        double cpuOn = 0;
        double cpuOff = 0;
        long hits = 0;
        long misses = 0;
        for (int r = 0; r < rounds; r++) {
            // off, on, on, off, off, on, ...
            boolean[] order = r % 2 == 0 ? new boolean[] {false, true} : new boolean[] {true, false};
            for (boolean enrich : order) {
                BenchPipeline.Run run = BenchPipeline.run(work, "hashmap", parallelism, enrich ? withGeoIp : without);
                System.out.printf("round %d, enrichment %s: %,d events in %.2f s = %,.0f events/s; %.2f CPU s = %,.0f events per CPU s%n",
                        r + 1, enrich ? "on " : "off", run.events(), run.seconds(), run.perSecond(), run.cpuSeconds(), run.perCpuSecond());
                if (enrich) {
                    eventsOn += run.events();
                    secondsOn += run.seconds();
                    cpuOn += run.cpuSeconds();
                    hits += run.counter(EnrichGeoIp.CACHE_HITS_ACCUMULATOR);
                    misses += run.counter(EnrichGeoIp.CACHE_MISSES_ACCUMULATOR);
                } else {
                    eventsOff += run.events();
                    secondsOff += run.seconds();
                    cpuOff += run.cpuSeconds();
                }
            }
        }
        double rateOn = eventsOn / secondsOn;
        double rateOff = eventsOff / secondsOff;
        System.out.printf("enrichment off: %,.0f events/s; on: %,.0f events/s (parallelism %d, heap state, %d rounds)%n",
                rateOff, rateOn, parallelism, rounds);
        System.out.printf("ratio (on / off): %.3f (target >= 0.9)%n", rateOn / rateOff);
        System.out.printf("events per CPU second: off %,.0f, on %,.0f: ratio %.3f%n",
                eventsOff / cpuOff, eventsOn / cpuOn, (eventsOn / cpuOn) / (eventsOff / cpuOff));
        System.out.printf("GeoIP lookups: %,d public addresses, %,d from the cache, %,d from the databases: cache hit rate %.4f%n",
                hits + misses, hits, misses, hits / (double) Math.max(1, hits + misses));
    }

    /**
     * The enrichment step alone, one thread, against the decoders alone on the same records (the
     * corpus's first file): the step's own cost per event without the pipeline's noise. Each pass
     * starts with an empty cache, as a subtask does. Best of five passes after three to warm up.
     */
    private static void isolatedCost(Corpus corpus, GeoIpSettings settings) throws Exception {
        List<byte[]> lines = new ArrayList<>();
        for (String line : Files.readAllLines(corpus.files.get(0), StandardCharsets.UTF_8)) {
            lines.add(line.getBytes(StandardCharsets.UTF_8));
        }
        RecordDecoder decoder = new RecordDecoder(DecoderLimits.defaults());
        List<AuditEvent> events = new ArrayList<>();
        DecodeOutput collect = new DecodeOutput() {
            @Override
            public void event(AuditEvent event) {
                events.add(event);
            }

            @Override
            public void deadLetter(DeadLetter deadLetter) {}
        };
        double bestDecode = Double.MAX_VALUE;
        double bestEnrich = Double.MAX_VALUE;
        for (int pass = 0; pass < 8; pass++) {
            events.clear();
            long t0 = System.nanoTime();
            for (byte[] line : lines) {
                decoder.decode(line, "bench", collect);
            }
            long t1 = System.nanoTime();
            try (GeoIpEnricher enricher = GeoIpEnricher.open(settings, Ticker.system())) {
                long t2 = System.nanoTime();
                for (AuditEvent e : events) {
                    enricher.enrich(e);
                }
                long t3 = System.nanoTime();
                if (pass >= 3) {
                    bestDecode = Math.min(bestDecode, (t1 - t0) / (double) events.size());
                    bestEnrich = Math.min(bestEnrich, (t3 - t2) / (double) events.size());
                }
            }
        }
        System.out.printf("isolated, 1 thread, %,d events: decoding %,.0f ns/event, enrichment %,.0f ns/event (%.1f %% of decoding)%n",
                events.size(), bestDecode, bestEnrich, 100 * bestEnrich / bestDecode);
    }
}
