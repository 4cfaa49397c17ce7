package io.trailhunt.job.streams;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.trailhunt.events.model.DeadLetter;
import io.trailhunt.events.model.Finding;
import io.trailhunt.job.config.ConfigLoader;
import io.trailhunt.job.config.KafkaConnection;
import io.trailhunt.job.config.KafkaInputSettings;
import io.trailhunt.job.config.KafkaOutputSettings;
import io.trailhunt.job.config.OutputSettings;
import io.trailhunt.job.config.TrailhuntConfig;
import io.trailhunt.job.graph.ConfiguredSinks;
import io.trailhunt.job.graph.FutureEvents;
import io.trailhunt.job.graph.NamedSource;
import io.trailhunt.job.graph.PipelineSettings;
import io.trailhunt.job.graph.PipelineSinks;
import io.trailhunt.job.graph.TrailhuntPipeline;
import io.trailhunt.job.sources.KafkaInputs;
import org.apache.flink.api.common.functions.MapFunction;
import org.apache.flink.runtime.state.FunctionInitializationContext;
import org.apache.flink.runtime.state.FunctionSnapshotContext;
import org.apache.flink.streaming.api.checkpoint.CheckpointedFunction;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.configuration.RestartStrategyOptions;
import org.apache.flink.core.execution.JobClient;
import org.apache.flink.runtime.testutils.MiniClusterResourceConfiguration;
import org.apache.flink.streaming.api.datastream.DataStream;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.apache.flink.test.junit5.MiniClusterExtension;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.IsolationLevel;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicReference;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The job fails while findings it wrote since the last checkpoint sit in an open transaction on
 * the broker, and restarts from that checkpoint: read committed, the topic holds every finding
 * exactly once; read uncommitted, it also holds the aborted copies written before the failure.
 */
class KafkaExactlyOnceITCase {
    @RegisterExtension
    static final MiniClusterExtension CLUSTER = new MiniClusterExtension(new MiniClusterResourceConfiguration.Builder()
            .setNumberTaskManagers(1).setNumberSlotsPerTaskManager(2).build());

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String FINDINGS = "eo-findings";
    /** Findings a subtask passes to the sink after a barrier before it fails on the next one. */
    private static final int OPEN_BEFORE_FAILURE = 2;
    /** Set by the test once the first findings are committed: from then on the operator may fail. */
    static final AtomicBoolean ARMED = new AtomicBoolean();
    /** Set once the injected failure has happened: the test must prove it failed and recovered. */
    static final AtomicBoolean FAILED_ONCE = new AtomicBoolean();
    /** The ids of the findings that sat in the open transaction when the job failed. */
    static final Set<String> OPEN_AT_FAILURE = ConcurrentHashMap.newKeySet();
    /** Why the failure did not find its findings open on the broker, if it did not. */
    static final AtomicReference<String> NOT_OPEN = new AtomicReference<>();

    private static KafkaBroker kafka;

    @BeforeAll
    static void startBroker() throws Exception {
        kafka = new KafkaBroker();
    }

    @AfterAll
    static void stopBroker() throws Exception {
        kafka.close();
    }

    private static String stopLogging(String user, int n) {
        return "{\"eventVersion\":\"1.10\",\"eventID\":\"" + user + "-" + n + "\",\"eventTime\":\"2026-11-02T10:" + String.format("%02d", n % 60)
                + ":00Z\",\"eventSource\":\"cloudtrail.amazonaws.com\",\"eventName\":\"StopLogging\",\"awsRegion\":\"us-east-1\","
                + "\"sourceIPAddress\":\"89.160.20.115\",\"recipientAccountId\":\"111122223333\",\"requestParameters\":{\"name\":\"trail-" + n + "\"},"
                + "\"userIdentity\":{\"type\":\"IAMUser\",\"arn\":\"arn:aws:iam::111122223333:user/" + user + "\",\"accountId\":\"111122223333\"}}";
    }

    private static String findingId(byte[] value) {
        try {
            return JSON.readTree(value).get("finding_id").asText();
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    /**
     * Sits just before the findings sink and fails the job once, when armed, on a subtask's
     * {@value #OPEN_BEFORE_FAILURE}+1st finding after a checkpoint barrier: the findings before it
     * went to the sink's transaction of the next checkpoint. Before failing it waits until a
     * read_uncommitted reader sees them on the broker. That transaction cannot commit meanwhile:
     * its checkpoint's barrier is held up behind this very call.
     */
    static final class FailWithOpenTransaction implements MapFunction<Finding, Finding>, CheckpointedFunction {
        private static final long serialVersionUID = 1L;
        private transient List<String> sinceBarrier;

        @Override
        public Finding map(Finding f) {
            if (ARMED.get() && sinceBarrier.size() >= OPEN_BEFORE_FAILURE && FAILED_ONCE.compareAndSet(false, true)) {
                List<String> open = List.copyOf(sinceBarrier);
                boolean seen = kafka.awaitValues(FINDINGS, IsolationLevel.READ_UNCOMMITTED,
                        values -> values.stream().map(KafkaExactlyOnceITCase::findingId).toList().containsAll(open), Duration.ofSeconds(60));
                if (!seen) {
                    NOT_OPEN.set("a read_uncommitted reader did not see " + open + " within 60s");
                } else if (kafka.readAll(FINDINGS, IsolationLevel.READ_COMMITTED).stream().map(r -> findingId(r.value())).anyMatch(open::contains)) {
                    NOT_OPEN.set("a read_committed reader already saw some of " + open);
                }
                OPEN_AT_FAILURE.addAll(open);
                throw new IllegalStateException("injected failure with " + open.size() + " findings in an open transaction");
            }
            sinceBarrier.add(f.findingId);
            return f;
        }

        @Override
        public void snapshotState(FunctionSnapshotContext context) {
            sinceBarrier.clear(); // what passes from here on goes to the next checkpoint's transaction
        }

        @Override
        public void initializeState(FunctionInitializationContext context) {
            sinceBarrier = new ArrayList<>();
        }
    }

    @Test
    void afterAFailureWithAnOpenTransactionAndARestoreTheTopicHoldsEveryFindingExactlyOnce() throws Exception {
        kafka.createTopic("eo-in", 2);
        kafka.createTopic(FINDINGS, 2);
        kafka.createTopic("eo-dead", 1);
        String bs = kafka.bootstrapServers();
        KafkaConnection plain = new KafkaConnection(bs, "PLAINTEXT", null, null, null, null, null, Map.of());
        TrailhuntConfig config = ConfigLoader.defaults();
        KafkaInputSettings input = new KafkaInputSettings("eo", plain, List.of("eo-in"), null, "eo-test", "earliest", null,
                Duration.ofSeconds(5), false, null);
        OutputSettings findings = new OutputSettings(OutputSettings.KAFKA, null, OutputSettings.FORMAT_TRAILHUNT,
                new KafkaOutputSettings(plain, FINDINGS, true, FINDINGS, Duration.ofMinutes(10)), null);
        OutputSettings deadLetters = new OutputSettings(OutputSettings.KAFKA, null, OutputSettings.FORMAT_TRAILHUNT,
                new KafkaOutputSettings(plain, "eo-dead", true, "eo-dead", Duration.ofMinutes(10)), null);

        Configuration conf = new Configuration();
        conf.set(RestartStrategyOptions.RESTART_STRATEGY, "fixed-delay");
        conf.set(RestartStrategyOptions.RESTART_STRATEGY_FIXED_DELAY_ATTEMPTS, 3);
        conf.set(RestartStrategyOptions.RESTART_STRATEGY_FIXED_DELAY_DELAY, Duration.ofMillis(200));
        StreamExecutionEnvironment env = StreamExecutionEnvironment.getExecutionEnvironment(conf);
        env.setParallelism(2);
        env.enableCheckpointing(500);
        env.getConfig().disableGenericTypes();
        env.getConfig().disableAutoGeneratedUIDs();
        PipelineSinks configured = new ConfiguredSinks(findings, deadLetters);
        PipelineSinks failing = new PipelineSinks() {
            @Override
            public void findings(DataStream<Finding> s) {
                configured.findings(s.map(new FailWithOpenTransaction()).uid("test-fail-with-open-transaction").name("Fail with an open transaction"));
            }

            @Override
            public void deadLetters(DataStream<DeadLetter> s) {
                configured.deadLetters(s);
            }
        };
        TrailhuntPipeline.defineWorkflow(env, List.of(new NamedSource("eo", KafkaInputs.source(input, config.decoding(), FutureEvents.of(config)), Duration.ofMinutes(15))),
                failing, PipelineSettings.of(config));
        JobClient job = env.executeAsync("exactly-once");
        try {
            List<String> first = new ArrayList<>();
            for (int i = 0; i < 10; i++) {
                first.add(stopLogging("user" + i, i));
            }
            kafka.produceText("eo-in", first.toArray(String[]::new));
            // the first ten findings are committed (a checkpoint completed) before the failure can happen
            assertThat(kafka.readCommitted(FINDINGS, 10, Duration.ofSeconds(60))).hasSize(10);

            ARMED.set(true);
            List<String> second = new ArrayList<>();
            for (int i = 10; i < 21; i++) {
                second.add(stopLogging("user" + i, i));
            }
            kafka.produceText("eo-in", second.toArray(String[]::new));
            waitForCommitted(FINDINGS, 21, Duration.ofSeconds(120));
        } finally {
            job.cancel().get();
        }

        assertThat(FAILED_ONCE).isTrue();
        assertThat(NOT_OPEN.get()).isNull();
        assertThat(OPEN_AT_FAILURE).hasSize(OPEN_BEFORE_FAILURE);

        List<String> committed = new ArrayList<>();
        Set<String> principals = new HashSet<>();
        for (ConsumerRecord<byte[], byte[]> r : kafka.readAllCommitted(FINDINGS)) {
            JsonNode f = JSON.readTree(r.value());
            principals.add(f.get("principal").asText().replace("arn:aws:iam::111122223333:user/", ""));
            committed.add(f.get("finding_id").asText());
        }
        assertThat(committed).hasSize(21).doesNotHaveDuplicates();
        Set<String> expected = new HashSet<>();
        for (int i = 0; i < 21; i++) {
            expected.add("user" + i);
        }
        assertThat(principals).isEqualTo(expected);
        assertThat(committed).containsAll(OPEN_AT_FAILURE);

        // The aborted writes really happened: a read_uncommitted reader sees them as well.
        List<String> uncommitted = kafka.readAll(FINDINGS, IsolationLevel.READ_UNCOMMITTED).stream().map(r -> findingId(r.value())).toList();
        assertThat(uncommitted.size()).isGreaterThanOrEqualTo(committed.size() + OPEN_BEFORE_FAILURE);
        assertThat(new HashSet<>(uncommitted)).isEqualTo(new HashSet<>(committed));
        for (String id : OPEN_AT_FAILURE) {
            assertThat(uncommitted.stream().filter(id::equals).count()).as(id).isGreaterThanOrEqualTo(2);
        }
        assertThat(kafka.readAllCommitted("eo-dead")).isEmpty();
    }

    private static void waitForCommitted(String topic, int count, Duration deadline) {
        Instant end = Instant.now().plus(deadline);
        while (kafka.readAllCommitted(topic).size() < count && Instant.now().isBefore(end)) {
            kafka.readCommitted(topic, count, Duration.ofSeconds(2)); // blocks on the broker, not on a timer
        }
    }
}
