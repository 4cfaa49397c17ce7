package io.trailhunt.bench;

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

import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/** The real job graph over a written corpus on a local MiniCluster, timed by the job's net runtime. */
final class BenchPipeline {
    private static final com.sun.management.OperatingSystemMXBean CPU =
            (com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean();

    private BenchPipeline() {}

    /**
     * One job: its events, its net runtime, and the CPU time this JVM spent meanwhile (all its
     * threads, the MiniCluster's included), which other processes on a shared machine disturb far
     * less than the runtime.
     */
    record Run(long events, double seconds, double cpuSeconds, JobExecutionResult result) {
        double perSecond() {
            return events / seconds;
        }

        double perCpuSecond() {
            return events / cpuSeconds;
        }

        long counter(String name) {
            Object v = result.getAccumulatorResult(name);
            return v == null ? 0 : ((Number) v).longValue();
        }
    }

    /** What flink-conf/config.yaml gives a local run, for the benches' MiniClusters (see why there). */
    static void asFlinkConf(Configuration conf) {
        // its 128 MB default starves RocksDB's write buffers
        conf.setString("taskmanager.memory.managed.size", "1g");
        conf.setString("state.backend.rocksdb.writebuffer.size", "8mb");
        conf.setString("state.backend.rocksdb.timer-service.factory", "HEAP");
        conf.set(PipelineOptions.GENERIC_TYPES, false);
        conf.set(PipelineOptions.AUTO_GENERATE_UIDS, false);
        conf.set(PipelineOptions.OBJECT_REUSE, true);
    }

    static Run run(Path work, String state, int parallelism, TrailhuntConfig config) throws Exception {
        Configuration conf = new Configuration();
        conf.set(CoreOptions.DEFAULT_PARALLELISM, parallelism);
        conf.set(StateBackendOptions.STATE_BACKEND, state);
        asFlinkConf(conf);
        conf.setString("execution.checkpointing.interval", System.getProperty("bench.checkpoint-interval", "30 s"));
        conf.setString("execution.checkpointing.dir", work.resolve("checkpoints").toUri().toString());
        conf.setString("state.backend.incremental", "true"); // as flink-conf/config.yaml (RocksDB only)
        // Tuning experiments: BENCH_JAVA_OPTS="-Dbench.flink.<Flink option>=<value>" overrides any of the above.
        System.getProperties().stringPropertyNames().stream().filter(k -> k.startsWith("bench.flink."))
                .forEach(k -> conf.setString(k.substring("bench.flink.".length()), System.getProperty(k)));
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
        long cpuBefore = CPU.getProcessCpuTime();
        JobExecutionResult result = env.execute("trailhunt-bench");
        double cpu = (CPU.getProcessCpuTime() - cpuBefore) / 1e9;
        Run run = new Run(0, result.getNetRuntime() / 1000.0, cpu, result);
        long events = run.counter(Accumulators.EVENTS);
        long late = run.counter(Accumulators.LATE_EVENTS);
        System.out.printf("pipeline counted %,d events, %,d late events, %,d findings%n", events, late, run.counter(Accumulators.FINDINGS));
        return new Run(events + late, run.seconds(), cpu, result);
    }
}
