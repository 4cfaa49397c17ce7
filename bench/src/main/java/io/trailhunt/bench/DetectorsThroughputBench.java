package io.trailhunt.bench;

import io.trailhunt.detectors.Detector;
import io.trailhunt.detectors.risk.PrincipalRisk;
import io.trailhunt.job.config.ConfigLoader;
import io.trailhunt.job.config.TrailhuntConfig;
import io.trailhunt.job.graph.Accumulators;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * What the keyed detectors cost the whole job graph, over the throughput corpus ({@link Corpus}, as
 * {@link ThroughputBench} builds it): every rule on (the defaults), the part-1 rules off
 * (impossible-travel, new-source-ip, new-asn, new-country, many-source-ips, anonymizing-network,
 * uncommon-storage-client, credential-persistence), and the part-2 rules off (bulk-object-download,
 * bucket-enumeration, after-hours-access, volume-spike, novel-activity, and principal-risk, its own
 * operator). After one uncounted warm-up run, each round runs the three in a rotated order, so
 * drift on a shared machine falls on all of them. The headlines are each part's on/off ratio
 * (every rule on over that part off), by events per second of net runtime and by events per CPU
 * second. See docs/benchmarks.md.
 *
 * <pre>
 * bench/detectors-throughput [--events N] [--state heap|rocksdb] [--parallelism P] [--rounds R] [--work DIR] [--seeds DIR...]
 * </pre>
 */
public final class DetectorsThroughputBench {
    static final List<String> PART_1 = List.of("impossible-travel", "new-country", "new-asn", "new-source-ip", "many-source-ips",
            "anonymizing-network", "uncommon-storage-client", "credential-persistence");
    static final List<String> PART_2 = List.of("bulk-object-download", "bucket-enumeration", "after-hours-access", "volume-spike",
            "novel-activity");

    private DetectorsThroughputBench() {}

    public static void main(String[] args) throws Exception {
        long target = 1_000_000;
        String state = "hashmap";
        int parallelism = 2;
        int rounds = 3;
        List<Path> seedDirs = new ArrayList<>();
        Path work = Path.of("bench", "target", "corpus-detectors");
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
            seedDirs = Benches.defaultSeeds();
        }
        List<Seeds.Seed> seeds = Seeds.load(seedDirs);
        Corpus corpus = Corpus.write(seeds, target, 8, work.resolve("input"));
        System.out.printf("corpus: %,d records (%,d seeds from %s) in %d files, %,d MB%n",
                corpus.records, seeds.size(), seedDirs, corpus.files.size(), corpus.bytes >> 20);

        TrailhuntConfig all = ConfigLoader.defaults();
        Map<String, TrailhuntConfig> configs = new LinkedHashMap<>();
        configs.put("every rule on", all);
        configs.put("part 1 off", without(work, "part-1-off", PART_1, false));
        configs.put("part 2 off", without(work, "part-2-off", PART_2, true));
        for (Map.Entry<String, TrailhuntConfig> c : configs.entrySet()) {
            System.out.printf("%s: %s%s%n", c.getKey(), ruleIds(c.getValue()), c.getValue().principalRisk().enabled() ? ", principal-risk" : "");
        }

        // Warm-up, not counted: the first job in a JVM pays for class loading and JIT.
        BenchPipeline.Run warmUp = BenchPipeline.run(work, state, parallelism, all);
        System.out.printf("warm-up (not counted), every rule on: %,d events in %.2f s%n", warmUp.events(), warmUp.seconds());

        List<String> names = new ArrayList<>(configs.keySet());
        Map<String, Totals> totals = new LinkedHashMap<>();
        names.forEach(n -> totals.put(n, new Totals()));
        for (int r = 0; r < rounds; r++) {
            for (int k = 0; k < names.size(); k++) {
                String name = names.get((r + k) % names.size()); // rotated: each configuration takes each place in turn
                BenchPipeline.Run run = BenchPipeline.run(work, state, parallelism, configs.get(name));
                totals.get(name).add(run);
                System.out.printf("round %d, %-13s: %,d events in %.2f s = %,.0f events/s; %.2f CPU s = %,.0f events per CPU s; %,d findings%n",
                        r + 1, name, run.events(), run.seconds(), run.perSecond(), run.cpuSeconds(), run.perCpuSecond(),
                        run.counter(Accumulators.FINDINGS));
            }
        }
        Totals on = totals.get("every rule on");
        System.out.printf("%s state, parallelism %d, %d rounds:%n", state.equals("hashmap") ? "heap" : state, parallelism, rounds);
        for (Map.Entry<String, Totals> t : totals.entrySet()) {
            System.out.printf("  %-13s %,.0f events/s, %,.0f events per CPU s%n", t.getKey(), t.getValue().perSecond(), t.getValue().perCpuSecond());
        }
        for (String part : List.of("part 1", "part 2")) {
            Totals off = totals.get(part + " off");
            System.out.printf("%s on / off: %.3f by events/s, %.3f by events per CPU s%n", part,
                    on.perSecond() / off.perSecond(), on.perCpuSecond() / off.perCpuSecond());
        }
    }

    /** Events, net runtime and CPU time added up over a configuration's runs. */
    private static final class Totals {
        long events;
        double seconds;
        double cpuSeconds;

        void add(BenchPipeline.Run run) {
            events += run.events();
            seconds += run.seconds();
            cpuSeconds += run.cpuSeconds();
        }

        double perSecond() {
            return events / seconds;
        }

        double perCpuSecond() {
            return events / cpuSeconds;
        }
    }

    /** The defaults with each of {@code rules} (and principal-risk, when asked) {@code enabled: false}; checked to be exactly that. */
    private static TrailhuntConfig without(Path work, String name, List<String> rules, boolean principalRisk) throws Exception {
        Files.createDirectories(work);
        StringBuilder yaml = new StringBuilder("rules:\n");
        List<String> off = new ArrayList<>(rules);
        if (principalRisk) {
            off.add(PrincipalRisk.RULE_ID);
        }
        for (String rule : off) {
            yaml.append("  ").append(rule).append(":\n    enabled: false\n");
        }
        Path file = work.resolve(name + ".yaml");
        Files.writeString(file, yaml.toString());
        TrailhuntConfig c = ConfigLoader.load(file);
        Set<String> expected = ruleIds(ConfigLoader.defaults());
        expected.removeAll(rules);
        if (!ruleIds(c).equals(expected) || c.principalRisk().enabled() == principalRisk) {
            throw new IllegalStateException(name + ": expected " + expected + (principalRisk ? " without" : " with") + " principal-risk, got "
                    + ruleIds(c) + ", principal-risk " + (c.principalRisk().enabled() ? "on" : "off"));
        }
        return c;
    }

    private static Set<String> ruleIds(TrailhuntConfig c) {
        Set<String> ids = new TreeSet<>();
        for (Detector<?> d : c.detectors()) {
            ids.add(d.ruleId());
        }
        return ids;
    }
}
