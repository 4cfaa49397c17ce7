package io.trailhunt.job.streams;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.trailhunt.events.testing.RealLogs;
import io.trailhunt.events.decode.EventIds;
import io.trailhunt.events.settings.SettingsException;
import io.trailhunt.job.cli.PreflightAccess;
import io.trailhunt.job.config.AwsConnection;
import io.trailhunt.job.config.ConfigLoader;
import io.trailhunt.job.config.KinesisInputSettings;
import io.trailhunt.job.config.KinesisOutputSettings;
import io.trailhunt.job.config.OutputSettings;
import io.trailhunt.job.config.Secret;
import io.trailhunt.job.config.TrailhuntConfig;
import io.trailhunt.job.graph.ConfiguredSinks;
import io.trailhunt.job.graph.FutureEvents;
import io.trailhunt.job.graph.NamedSource;
import io.trailhunt.job.graph.PipelineSettings;
import io.trailhunt.job.graph.TrailhuntPipeline;
import io.trailhunt.job.sources.KinesisInputs;
import org.apache.flink.core.execution.JobClient;
import org.apache.flink.kinesis.shaded.software.amazon.awssdk.core.SdkBytes;
import org.apache.flink.kinesis.shaded.software.amazon.awssdk.services.kinesis.KinesisClient;
import org.apache.flink.kinesis.shaded.software.amazon.awssdk.services.kinesis.model.GetRecordsResponse;
import org.apache.flink.kinesis.shaded.software.amazon.awssdk.services.kinesis.model.Record;
import org.apache.flink.kinesis.shaded.software.amazon.awssdk.services.kinesis.model.ShardIteratorType;
import org.apache.flink.runtime.testutils.MiniClusterResourceConfiguration;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.apache.flink.test.junit5.MiniClusterExtension;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;
import java.util.zip.GZIPOutputStream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The job reading a Kinesis stream fed by a CloudWatch Logs subscription (gzip payloads) through
 * the FLIP-27 KinesisStreamsSource, and writing findings to another stream, against a real
 * emulator on loopback.
 */
class KinesisPipelineITCase {
    @RegisterExtension
    static final MiniClusterExtension CLUSTER = new MiniClusterExtension(new MiniClusterResourceConfiguration.Builder()
            .setNumberTaskManagers(1).setNumberSlotsPerTaskManager(2).build());

    private static final ObjectMapper JSON = new ObjectMapper();
    /** Between empty reads: within Kinesis's five GetRecords calls a second per shard. */
    private static final Duration EMPTY_POLL_PAUSE = Duration.ofMillis(250);
    private static KinesisEmulator kinesis;

    @BeforeAll
    static void start() throws Exception {
        kinesis = new KinesisEmulator();
    }

    @AfterAll
    static void stop() throws Exception {
        if (kinesis != null) {
            kinesis.close();
        }
    }

    /** What a CloudWatch Logs subscription puts on a stream: gzip JSON with the events as strings. */
    private static byte[] subscription(String messageType, List<String> messages) throws Exception {
        ObjectNode p = JSON.createObjectNode();
        p.put("messageType", messageType);
        p.put("owner", "143434273843");
        p.put("logGroup", "aws-cloudtrail-logs");
        p.put("logStream", "143434273843_CloudTrail_us-east-1");
        p.putArray("subscriptionFilters").add("to-kinesis");
        ArrayNode events = p.putArray("logEvents");
        for (int i = 0; i < messages.size(); i++) {
            ObjectNode e = events.addObject();
            e.put("id", "3795" + i);
            e.put("timestamp", 1722431184000L + i);
            e.put("message", messages.get(i));
        }
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (GZIPOutputStream gz = new GZIPOutputStream(bytes)) {
            gz.write(p.toString().getBytes(StandardCharsets.UTF_8));
        }
        return bytes.toByteArray();
    }

    /** The pre-flight check against a real Kinesis API: a stream that does not exist stops the start, named. */
    @Test
    void aMissingStreamStopsTheStartNamingIt() {
        AwsConnection aws = new AwsConnection(KinesisEmulator.REGION, kinesis.endpoint(), Secret.of("test", "test"), Secret.of("test", "test"));
        String arn = KinesisEmulator.streamArn("no-such-stream");
        assertThatThrownBy(() -> PreflightAccess.kinesis(Duration.ofSeconds(10), arn, aws))
                .isInstanceOf(SettingsException.class)
                .hasMessageStartingWith("inputs[name=t]: cannot describe Kinesis stream " + arn + " in " + KinesisEmulator.REGION
                        + " via " + kinesis.endpoint() + ": ")
                .hasMessageContaining("no-such-stream")
                .hasMessageEndingWith("; check stream-arn, region, endpoint and the credentials (standard AWS provider chain unless given)");
        kinesis.client().createStream(b -> b.streamName("present").shardCount(1));
        awaitActive("present");
        PreflightAccess.kinesis(Duration.ofSeconds(10), KinesisEmulator.streamArn("present"), aws); // passes
    }

    private static void awaitActive(String stream) {
        for (int i = 0; i < 100; i++) {
            String status = kinesis.client().describeStreamSummary(b -> b.streamName(stream)).streamDescriptionSummary().streamStatusAsString();
            if (status.equals("ACTIVE")) {
                return;
            }
            try {
                Thread.sleep(100);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
        }
    }

    @Test
    void aCloudWatchLogsSubscriptionStreamYieldsFindingsOnAnotherStream() throws Exception {
        KinesisClient client = kinesis.client();
        client.createStream(b -> b.streamName("cloudtrail").shardCount(1));
        client.createStream(b -> b.streamName("findings").shardCount(1));
        client.createStream(b -> b.streamName("dead-letters").shardCount(1));
        String stop = JSON.readTree(RealLogs.bytes("stratus-red-team-detonation-logs/aws.defense-evasion.cloudtrail-stop.json")).get(0).toString();
        client.putRecord(b -> b.streamName("cloudtrail").partitionKey("a").data(SdkBytes.fromByteArray(subscriptionOrThrow("CONTROL_MESSAGE", List.of("CWL CONTROL MESSAGE: Checking health of destination Kinesis stream.")))));
        client.putRecord(b -> b.streamName("cloudtrail").partitionKey("a").data(SdkBytes.fromByteArray(subscriptionOrThrow("DATA_MESSAGE", List.of(stop, "not a cloudtrail event")))));

        AwsConnection aws = new AwsConnection(KinesisEmulator.REGION, kinesis.endpoint(), Secret.of("test", "test"), Secret.of("test", "test"));
        KinesisInputSettings input = new KinesisInputSettings("cloudtrail", KinesisEmulator.streamArn("cloudtrail"), aws, "trim-horizon", null,
                Duration.ofSeconds(1), null);
        OutputSettings findings = new OutputSettings(OutputSettings.KINESIS, null, OutputSettings.FORMAT_OCSF, null,
                new KinesisOutputSettings(KinesisEmulator.streamArn("findings"), aws));
        OutputSettings deadLetters = new OutputSettings(OutputSettings.KINESIS, null, OutputSettings.FORMAT_TRAILHUNT, null,
                new KinesisOutputSettings(KinesisEmulator.streamArn("dead-letters"), aws));
        TrailhuntConfig config = ConfigLoader.defaults();

        StreamExecutionEnvironment env = StreamExecutionEnvironment.getExecutionEnvironment();
        env.setParallelism(1);
        env.enableCheckpointing(500);
        env.getConfig().disableGenericTypes();
        env.getConfig().disableAutoGeneratedUIDs();
        TrailhuntPipeline.defineWorkflow(env, List.of(new NamedSource("cloudtrail", KinesisInputs.source(input, config.decoding(), FutureEvents.of(config)), Duration.ofMinutes(15))),
                new ConfiguredSinks(findings, deadLetters), PipelineSettings.of(config));
        JobClient job = env.executeAsync("kinesis");
        List<Record> out;
        List<Record> dead;
        try {
            read(client, "findings", 1, Duration.ofSeconds(90));
            read(client, "dead-letters", 1, Duration.ofSeconds(30));
            // then a little longer for anything more (a duplicate would show here)
            out = read(client, "findings", 2, Duration.ofSeconds(3));
            dead = read(client, "dead-letters", 2, Duration.ofSeconds(3));
        } finally {
            job.cancel().get();
        }

        assertThat(out).hasSize(1);
        JsonNode f = JSON.readTree(out.get(0).data().asByteArray());
        assertThat(f.get("class_uid").asInt()).isEqualTo(2004);
        assertThat(f.get("finding_info").get("analytic").get("uid").asText()).isEqualTo("log-tampering");
        assertThat(f.get("actor").get("user").get("uid").asText()).isEqualTo("arn:aws:iam::143434273843:user/christophe");
        assertThat(f.get("severity_id").asInt()).isEqualTo(4);
        assertThat(f.get("finding_info").get("attacks").get(0).get("technique").get("uid").asText()).isEqualTo("T1562");
        assertThat(f.has("src_endpoint")).isFalse();
        assertThat(f.get("evidences").get(0).get("src_endpoint").get("ip").asText()).isEqualTo("86.245.153.234");
        assertThat(f.get("finding_info").get("attacks").get(0).get("sub_technique").get("uid").asText()).isEqualTo("T1562.008");

        assertThat(dead).hasSize(1);
        JsonNode d = JSON.readTree(dead.get(0).data().asByteArray());
        // spread over the shards by their origin (hashed: a partition key holds at most 256 characters)
        assertThat(dead.get(0).partitionKey()).isEqualTo(EventIds.sha256Hex(d.get("origin").asText()).substring(0, 32));
        assertThat(d.get("reason").asText()).isEqualTo("'logEvents[].message' does not hold JSON: Unrecognized token 'not': was expecting (JSON String, Number, Array, Object or token 'null', 'true' or 'false')");
        // the origin names the stream by its ARN, the shard and the record, then the log event in the payload
        assertThat(d.get("origin").asText())
                .matches(Pattern.quote("kinesis:" + KinesisEmulator.streamArn("cloudtrail") + "/shardId-000000000000@") + "\\d+#logEvents\\[1\\]");
    }

    private static byte[] subscriptionOrThrow(String type, List<String> messages) {
        try {
            return subscription(type, messages);
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    /**
     * Reads a one-shard stream until it holds {@code count} records or the deadline passes. Kinesis
     * serves at most five GetRecords calls a second per shard, so an empty answer is followed by a
     * pause before the next call: waiting on the stream, not timing the job.
     */
    private static List<Record> read(KinesisClient client, String stream, int count, Duration deadline) throws Exception {
        String iterator = client.getShardIterator(b -> b.streamName(stream).shardId("shardId-000000000000")
                .shardIteratorType(ShardIteratorType.TRIM_HORIZON)).shardIterator();
        List<Record> out = new ArrayList<>();
        Instant end = Instant.now().plus(deadline);
        while (out.size() < count && Instant.now().isBefore(end)) {
            String it = iterator;
            GetRecordsResponse r = client.getRecords(b -> b.shardIterator(it));
            out.addAll(r.records());
            iterator = r.nextShardIterator();
            if (r.records().isEmpty()) {
                Thread.sleep(EMPTY_POLL_PAUSE.toMillis());
            }
        }
        return out;
    }
}
