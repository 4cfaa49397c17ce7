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
import org.apache.flink.configuration.Configuration;
import org.apache.flink.configuration.RestartStrategyOptions;
import org.apache.flink.core.execution.JobClient;
import org.apache.flink.runtime.testutils.MiniClusterResourceConfiguration;
import org.apache.flink.streaming.api.datastream.DataStream;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.apache.flink.test.junit5.MiniClusterExtension;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.atomic.AtomicBoolean;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The job fails after some findings were committed to the findings topic and restarts from its
 * checkpoint: read committed, the topic holds every finding exactly once.
 */
class KafkaExactlyOnceITCase {
    @RegisterExtension
    static final MiniClusterExtension CLUSTER = new MiniClusterExtension(new MiniClusterResourceConfiguration.Builder()
            .setNumberTaskManagers(1).setNumberSlotsPerTaskManager(2).build());

    private static final ObjectMapper JSON = new ObjectMapper();
    /** Set once the injected failure has happened: the test must prove it failed and recovered. */
    static final AtomicBoolean FAILED_ONCE = new AtomicBoolean();

    private static KafkaBroker kafka;

    @TempDir
    Path dir;

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

    /** Fails the job the first time it meets the poison principal's finding, after findings were committed. */
    static final class FailOnceOnPoison implements MapFunction<Finding, Finding> {
        private static final long serialVersionUID = 1L;

        @Override
        public Finding map(Finding f) {
            if (f.principal.endsWith("/poison") && FAILED_ONCE.compareAndSet(false, true)) {
                throw new IllegalStateException("injected failure");
            }
            return f;
        }
    }

    @Test
    void afterAFailureAndARestoreTheTopicHoldsEveryFindingExactlyOnce() throws Exception {
        kafka.createTopic("eo-in", 2);
        kafka.createTopic("eo-findings", 2);
        kafka.createTopic("eo-dead", 1);
        String bs = kafka.bootstrapServers();
        KafkaConnection plain = new KafkaConnection(bs, "PLAINTEXT", null, null, null, null, null, Map.of());
        TrailhuntConfig config = ConfigLoader.defaults();
        KafkaInputSettings input = new KafkaInputSettings("eo", plain, List.of("eo-in"), null, "eo-test", "earliest", null,
                Duration.ofSeconds(5), false, null);
        OutputSettings findings = new OutputSettings(OutputSettings.KAFKA, null, OutputSettings.FORMAT_TRAILHUNT,
                new KafkaOutputSettings(plain, "eo-findings", true, "eo-findings", Duration.ofMinutes(10)), null);
        OutputSettings deadLetters = new OutputSettings(OutputSettings.KAFKA, null, OutputSettings.FORMAT_TRAILHUNT,
                new KafkaOutputSettings(plain, "eo-dead", true, "eo-dead", Duration.ofMinutes(10)), null);

        Configuration conf = new Configuration();
        conf.set(RestartStrategyOptions.RESTART_STRATEGY, "fixed-delay");
        conf.set(RestartStrategyOptions.RESTART_STRATEGY_FIXED_DELAY_ATTEMPTS, 3);
        conf.set(RestartStrategyOptions.RESTART_STRATEGY_FIXED_DELAY_DELAY, Duration.ofMillis(200));
        StreamExecutionEnvironment env = StreamExecutionEnvironment.getExecutionEnvironment(conf);
        env.setParallelism(2);
        env.enableCheckpointing(300);
        env.getConfig().disableGenericTypes();
        env.getConfig().disableAutoGeneratedUIDs();
        PipelineSinks configured = new ConfiguredSinks(findings, deadLetters);
        PipelineSinks failing = new PipelineSinks() {
            @Override
            public void findings(DataStream<Finding> s) {
                configured.findings(s.map(new FailOnceOnPoison()).uid("test-fail-once").name("Fail once"));
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
            // the first ten findings are committed (a checkpoint completed) before the failure
            assertThat(kafka.readCommitted("eo-findings", 10, Duration.ofSeconds(60))).hasSize(10);

            kafka.produceText("eo-in", stopLogging("poison", 10));
            List<String> second = new ArrayList<>();
            for (int i = 11; i < 21; i++) {
                second.add(stopLogging("user" + i, i));
            }
            kafka.produceText("eo-in", second.toArray(String[]::new));
            waitForCommitted("eo-findings", 21, Duration.ofSeconds(90));
        } finally {
            job.cancel().get();
        }

        assertThat(FAILED_ONCE).isTrue();
        List<ConsumerRecord<byte[], byte[]>> all = kafka.readAllCommitted("eo-findings");
        Set<String> principals = new HashSet<>();
        Set<String> ids = new HashSet<>();
        for (ConsumerRecord<byte[], byte[]> r : all) {
            JsonNode f = JSON.readTree(r.value());
            principals.add(f.get("principal").asText().replace("arn:aws:iam::111122223333:user/", ""));
            ids.add(f.get("finding_id").asText());
        }
        assertThat(all).hasSize(21);
        assertThat(ids).hasSize(21);
        Set<String> expected = new HashSet<>();
        for (int i = 0; i < 21; i++) {
            expected.add(i == 10 ? "poison" : "user" + i);
        }
        assertThat(principals).isEqualTo(expected);
        assertThat(kafka.readAllCommitted("eo-dead")).isEmpty();
    }

    private static void waitForCommitted(String topic, int count, Duration deadline) {
        Instant end = Instant.now().plus(deadline);
        while (kafka.readAllCommitted(topic).size() < count && Instant.now().isBefore(end)) {
            kafka.readCommitted(topic, count, Duration.ofSeconds(2)); // blocks on the broker, not on a timer
        }
    }
}
