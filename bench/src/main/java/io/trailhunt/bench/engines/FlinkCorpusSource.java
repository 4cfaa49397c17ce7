package io.trailhunt.bench.engines;

import io.trailhunt.events.model.AuditEvent;
import org.apache.flink.api.common.eventtime.WatermarkStrategy;
import org.apache.flink.api.common.functions.MapFunction;
import org.apache.flink.api.connector.source.lib.NumberSequenceSource;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.configuration.CoreOptions;
import org.apache.flink.configuration.PipelineOptions;
import org.apache.flink.configuration.StateBackendOptions;
import org.apache.flink.streaming.api.datastream.DataStream;
import org.apache.flink.runtime.minicluster.MiniCluster;
import org.apache.flink.runtime.minicluster.MiniClusterConfiguration;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.apache.flink.streaming.util.TestStreamEnvironment;

import java.util.List;

/**
 * The corpus as a Flink stream with event-time watermarks, for both Flink engines alike: a
 * sequence source whose numbers index the events in memory (the MiniCluster runs in this JVM), so
 * neither engine pays for reading or decoding.
 */
final class FlinkCorpusSource {
    /** The corpus of the current run; a static because Flink serializes functions, not this list. */
    private static volatile List<AuditEvent> events;

    private FlinkCorpusSource() {}

    /**
     * One cluster for every run, started before the clock: a Flink job is submitted to a running
     * cluster, as a Siddhi app is created in a running JVM. Job submission and deployment stay in
     * each run's cost.
     */
    static MiniCluster startCluster() throws Exception {
        MiniCluster cluster = new MiniCluster(new MiniClusterConfiguration.Builder()
                .setNumTaskManagers(1)
                .setNumSlotsPerTaskManager(1)
                .setConfiguration(configuration())
                .build());
        cluster.start();
        return cluster;
    }

    /** One task thread per operator chain, heap state, no checkpoints: the same footing as Siddhi's one thread. */
    static StreamExecutionEnvironment environment(MiniCluster cluster) {
        return new TestStreamEnvironment(cluster, configuration(), 1, List.of(), List.of());
    }

    private static Configuration configuration() {
        Configuration conf = new Configuration();
        conf.set(CoreOptions.DEFAULT_PARALLELISM, 1);
        conf.set(StateBackendOptions.STATE_BACKEND, "hashmap");
        conf.set(PipelineOptions.OBJECT_REUSE, true);
        conf.set(PipelineOptions.GENERIC_TYPES, false);
        return conf;
    }

    static DataStream<AuditEvent> events(StreamExecutionEnvironment env, StoryCorpus corpus) {
        events = corpus.events;
        return env.fromSource(new NumberSequenceSource(0, corpus.events.size() - 1), WatermarkStrategy.noWatermarks(), "corpus")
                .map(new ByIndex()).name("events")
                .assignTimestampsAndWatermarks(WatermarkStrategy.<AuditEvent>forMonotonousTimestamps()
                        .withTimestampAssigner((e, previous) -> e.eventTime))
                .name("event time");
    }

    private static final class ByIndex implements MapFunction<Long, AuditEvent> {
        private static final long serialVersionUID = 1L;

        @Override
        public AuditEvent map(Long i) {
            return events.get(i.intValue());
        }
    }
}
