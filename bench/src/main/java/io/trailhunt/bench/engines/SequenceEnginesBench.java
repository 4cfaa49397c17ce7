package io.trailhunt.bench.engines;

import org.apache.flink.runtime.minicluster.MiniCluster;

import java.lang.management.ManagementFactory;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * The snapshot and failed-login sequences on the same events through three engines: Trailhunt's
 * sequence stage (Flink CEP), Flink SQL {@code MATCH_RECOGNIZE} and Siddhi. Checks that all three
 * find the same matches (and exactly the stories written into the corpus), then reports events per
 * CPU-second of the whole process for each, alternating engines every round so that the machine's
 * noise falls on all of them. Exits 1 when the engines disagree.
 *
 * <pre>
 * bench/sequence-engines [--events N] [--principals P] [--rounds R] [--engines trailhunt,sql,siddhi]
 * </pre>
 */
public final class SequenceEnginesBench {
    private SequenceEnginesBench() {}

    public static void main(String[] args) throws Exception {
        long events = 1_000_000;
        int principals = 2_000;
        int rounds = 5;
        List<String> only = List.of("trailhunt", "sql", "siddhi");
        for (int i = 0; i < args.length; i++) {
            switch (args[i]) {
                case "--events" -> events = Long.parseLong(args[++i]);
                case "--principals" -> principals = Integer.parseInt(args[++i]);
                case "--rounds" -> rounds = Integer.parseInt(args[++i]);
                case "--engines" -> only = List.of(args[++i].split(","));
                default -> throw new IllegalArgumentException("unknown option " + args[i]
                        + "; usage: SequenceEnginesBench [--events N] [--principals P] [--rounds R] [--engines trailhunt,sql,siddhi]");
            }
        }
        StoryCorpus corpus = StoryCorpus.generate(events, principals, 20261102L);
        System.out.printf("corpus: %,d events, %,d principals, %,d brute forces and %,d snapshot exfiltrations written in%n",
                corpus.events.size(), principals, corpus.bruteForces, corpus.exfiltrations);

        MiniCluster cluster = FlinkCorpusSource.startCluster();
        List<Engine> engines = new ArrayList<>();
        if (only.contains("trailhunt")) {
            engines.add(new TrailhuntEngine(cluster));
        }
        if (only.contains("sql")) {
            engines.add(new MatchRecognizeEngine(cluster));
        }
        if (only.contains("siddhi")) {
            engines.add(new SiddhiEngine());
        }
        Map<Engine, List<Double>> perCpuSecond = new LinkedHashMap<>();
        Map<Engine, List<Double>> perSecond = new LinkedHashMap<>();
        Set<String> reference = null;
        boolean agree = true;
        for (int r = -1; r < rounds; r++) {
            for (Engine engine : engines) {
                long cpu0 = processCpuNanos();
                long wall0 = System.nanoTime();
                Set<String> found = engine.run(corpus);
                double cpu = (processCpuNanos() - cpu0) / 1e9;
                double wall = (System.nanoTime() - wall0) / 1e9;
                if (reference == null) {
                    reference = found;
                    agree &= checkStories(corpus, found);
                } else if (!found.equals(reference)) {
                    agree = false;
                    report(engine, found, reference);
                }
                System.out.printf("  %s%s: %,d matches in %.1f s, %.1f CPU-s: %,.0f events/s, %,.0f events per CPU-second%n",
                        r < 0 ? "(warm-up) " : "", engine.name(), found.size(), wall, cpu,
                        corpus.events.size() / wall, corpus.events.size() / cpu);
                if (r >= 0) {
                    perCpuSecond.computeIfAbsent(engine, e -> new ArrayList<>()).add(corpus.events.size() / cpu);
                    perSecond.computeIfAbsent(engine, e -> new ArrayList<>()).add(corpus.events.size() / wall);
                }
            }
        }
        cluster.close();
        System.out.println(agree ? "all the engines found the same " + reference.size() + " matches" : "THE ENGINES DISAGREE");
        double ours = median(perCpuSecond.get(engines.get(0)));
        for (Engine engine : engines) {
            double rate = median(perCpuSecond.get(engine));
            System.out.printf("%-28s median %,9.0f events per CPU-second (%,9.0f events/s); trailhunt / this: %.2f%n",
                    engine.name(), rate, median(perSecond.get(engine)), ours / rate);
        }
        if (!agree) {
            System.exit(1);
        }
    }

    /** The reference engine must find exactly the stories the corpus holds, no near miss. */
    private static boolean checkStories(StoryCorpus corpus, Set<String> found) {
        long logins = found.stream().filter(m -> m.startsWith("failed-logins-then-success ")).count();
        long snapshots = found.stream().filter(m -> m.startsWith("snapshot-exfiltration ")).count();
        boolean ok = logins == corpus.bruteForces && snapshots == corpus.exfiltrations;
        if (!ok) {
            System.out.printf("the corpus holds %d brute forces and %d exfiltrations; found %d and %d%n",
                    corpus.bruteForces, corpus.exfiltrations, logins, snapshots);
        }
        return ok;
    }

    private static void report(Engine engine, Set<String> found, Set<String> reference) {
        Set<String> missing = new TreeSet<>(reference);
        missing.removeAll(found);
        Set<String> extra = new TreeSet<>(found);
        extra.removeAll(reference);
        System.out.printf("%s differs: %d missing (%s), %d extra (%s)%n", engine.name(),
                missing.size(), missing.stream().limit(5).toList(), extra.size(), extra.stream().limit(5).toList());
    }

    private static double median(List<Double> values) {
        List<Double> s = new ArrayList<>(values);
        s.sort(null);
        int n = s.size();
        return n % 2 == 1 ? s.get(n / 2) : (s.get(n / 2 - 1) + s.get(n / 2)) / 2;
    }

    private static long processCpuNanos() {
        return ((com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean()).getProcessCpuTime();
    }
}
