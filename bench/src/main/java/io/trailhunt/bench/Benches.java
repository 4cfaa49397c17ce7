package io.trailhunt.bench;

import org.apache.flink.api.common.JobExecutionResult;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Stream;

/** Small helpers shared by the benchmarks. */
final class Benches {
    private Benches() {}

    /** The sample day and, when the shared real logs sit beside the checkout, their detonations and scenarios. */
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

    static long counter(JobExecutionResult result, String name) {
        Object v = result.getAccumulatorResult(name);
        return v instanceof Number ? ((Number) v).longValue() : 0L;
    }

    static double median(List<Double> values) {
        List<Double> s = new ArrayList<>(values);
        s.sort(null);
        int n = s.size();
        return n % 2 == 1 ? s.get(n / 2) : (s.get(n / 2 - 1) + s.get(n / 2)) / 2;
    }

    static String rates(List<Double> values) {
        StringBuilder sb = new StringBuilder();
        for (double v : values) {
            sb.append(sb.length() == 0 ? "" : " / ").append(String.format("%,.0f", v));
        }
        return sb.toString();
    }

    static void deleteTree(Path dir) throws IOException {
        if (!Files.exists(dir)) {
            return;
        }
        try (Stream<Path> all = Files.walk(dir)) {
            for (Path p : all.sorted(Comparator.reverseOrder()).toList()) {
                Files.delete(p);
            }
        }
    }
}
