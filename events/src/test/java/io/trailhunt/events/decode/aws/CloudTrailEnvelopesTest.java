package io.trailhunt.events.decode.aws;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.trailhunt.events.decode.DecoderLimits;
import io.trailhunt.events.decode.RecordDecoder;
import io.trailhunt.events.model.AuditEvent;
import io.trailhunt.events.model.Category;
import io.trailhunt.events.model.DeadLetter;
import io.trailhunt.events.model.Outcome;
import io.trailhunt.events.testing.RealLogs;
import org.junit.jupiter.api.Test;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.zip.GZIPOutputStream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Every way CloudTrail events reach the job, through the decoder entry point
 * ({@link RecordDecoder#decode(byte[], String)}), each envelope built around real records.
 */
class CloudTrailEnvelopesTest {
    private static final String ADMIN_USER = "stratus-red-team-detonation-logs/aws.persistence.iam-create-admin-user.json";
    private static final String CONSOLE_LOGIN = "stratus-red-team-detonation-logs/aws.initial-access.console-login-without-mfa.json";
    private static final String STOP_LOGGING = "stratus-red-team-detonation-logs/aws.defense-evasion.cloudtrail-stop.json";

    private final RecordDecoder decoder = new RecordDecoder(DecoderLimits.defaults());

    /** The three real records of the iam-create-admin-user detonation: AttachUserPolicy, CreateAccessKey, CreateUser. */
    private static ArrayNode adminUserRecords() {
        return (ArrayNode) CloudTrailCrossCheck.parse(RealLogs.bytes(ADMIN_USER));
    }

    private static JsonNode first(String path) {
        return CloudTrailCrossCheck.parse(RealLogs.bytes(path)).get(0);
    }

    private static byte[] bytes(JsonNode n) {
        return n.toString().getBytes(StandardCharsets.UTF_8);
    }

    private Decodings decode(byte[] record, String origin) {
        return Decodings.of(decoder.decode(record, origin));
    }

    @Test
    void aSingleEvent() {
        JsonNode stop = first(STOP_LOGGING);

        Decodings d = decode(bytes(stop), "kafka:trail/0@17");

        assertThat(d.deadLetters).isEmpty();
        assertThat(d.events).hasSize(1);
        AuditEvent e = d.events.get(0);
        assertThat(e.origin).isEqualTo("kafka:trail/0@17");
        assertThat(e.action).isEqualTo("StopLogging");
        CloudTrailCrossCheck.assertMatchesRaw(e, stop);
    }

    @Test
    void theS3DeliveryFilePlainAndGzipped() {
        ObjectNode file = CloudTrailCrossCheck.MAPPER.createObjectNode();
        file.set("Records", adminUserRecords());
        String origin = "s3://trail-bucket/AWSLogs/229654561268/CloudTrail/us-east-1/2024/08/01/x.json.gz";

        for (byte[] record : List.of(bytes(file), gzip(bytes(file)))) {
            Decodings d = decode(record, origin);

            assertThat(d.deadLetters).isEmpty();
            assertThat(d.events).extracting(e -> e.action).containsExactly("AttachUserPolicy", "CreateAccessKey", "CreateUser");
            assertThat(d.events).extracting(e -> e.origin).containsExactly(origin + "#Records[0]", origin + "#Records[1]", origin + "#Records[2]");
            for (int i = 0; i < 3; i++) {
                CloudTrailCrossCheck.assertMatchesRaw(d.events.get(i), adminUserRecords().get(i));
            }
        }
    }

    @Test
    void aJsonArrayOfEvents() {
        Decodings d = decode(RealLogs.bytes(ADMIN_USER), "file.json");

        assertThat(d.deadLetters).isEmpty();
        assertThat(d.events).extracting(e -> e.origin).containsExactly("file.json#[0]", "file.json#[1]", "file.json#[2]");
    }

    @Test
    void eventBridgeApiCallAndConsoleSignIn() {
        Decodings api = decode(bytes(eventBridge("AWS API Call via CloudTrail", "aws.cloudtrail", first(STOP_LOGGING))), "eb");
        assertThat(api.deadLetters).isEmpty();
        assertThat(api.events).hasSize(1);
        assertThat(api.events.get(0).action).isEqualTo("StopLogging");
        assertThat(api.events.get(0).origin).isEqualTo("eb");
        CloudTrailCrossCheck.assertMatchesRaw(api.events.get(0), first(STOP_LOGGING));

        Decodings signIn = decode(bytes(eventBridge("AWS Console Sign In via CloudTrail", "aws.signin", first(CONSOLE_LOGIN))), "eb");
        assertThat(signIn.events).hasSize(1);
        assertThat(signIn.events.get(0).category).isEqualTo(Category.SIGN_IN);
        assertThat(signIn.events.get(0).outcome).isEqualTo(Outcome.SUCCESS);
    }

    @Test
    void eventBridgeEventsThatAreNotFromCloudTrailAreDeadLettered() {
        ObjectNode detail = CloudTrailCrossCheck.MAPPER.createObjectNode().put("instance-id", "i-0123456789abcdef0").put("state", "running");
        byte[] record = bytes(eventBridge("EC2 Instance State-change Notification", "aws.ec2", detail));

        Decodings d = decode(record, "eb");

        assertThat(d.events).isEmpty();
        assertThat(d.deadLetters).hasSize(1);
        DeadLetter dl = d.deadLetters.get(0);
        assertThat(dl.reason).isEqualTo("EventBridge event of type 'EC2 Instance State-change Notification' is not a CloudTrail event");
        assertThat(dl.origin).isEqualTo("eb");
        assertThat(dl.rawLength).isEqualTo(record.length);
        assertThat(dl.rawPrefix).isEqualTo(new String(record, StandardCharsets.UTF_8));
    }

    @Test
    void cloudWatchLogsSubscriptionData() {
        ObjectNode payload = CloudTrailCrossCheck.MAPPER.createObjectNode()
                .put("messageType", "DATA_MESSAGE")
                .put("owner", "229654561268")
                .put("logGroup", "aws-cloudtrail-logs-229654561268")
                .put("logStream", "229654561268_CloudTrail_us-east-1");
        payload.putArray("subscriptionFilters").add("trailhunt");
        ArrayNode logEvents = payload.putArray("logEvents");
        ArrayNode records = adminUserRecords();
        for (int i = 0; i < records.size(); i++) {
            logEvents.addObject().put("id", "3719" + i).put("timestamp", 1_722_515_608_000L + i).put("message", records.get(i).toString());
        }

        Decodings d = decode(gzip(bytes(payload)), "kinesis:cwl/shard-0@42");

        assertThat(d.deadLetters).isEmpty();
        assertThat(d.events).extracting(e -> e.origin).containsExactly(
                "kinesis:cwl/shard-0@42#logEvents[0]", "kinesis:cwl/shard-0@42#logEvents[1]", "kinesis:cwl/shard-0@42#logEvents[2]");
        for (int i = 0; i < 3; i++) {
            CloudTrailCrossCheck.assertMatchesRaw(d.events.get(i), records.get(i));
        }
    }

    @Test
    void cloudWatchLogsControlMessageYieldsNothing() {
        // CloudWatch Logs' reachability check, sent when a subscription is created.
        ObjectNode control = CloudTrailCrossCheck.MAPPER.createObjectNode()
                .put("messageType", "CONTROL_MESSAGE").put("owner", "CloudwatchLogs").put("logGroup", "").put("logStream", "");
        control.putArray("subscriptionFilters");
        control.putArray("logEvents").addObject().put("id", "").put("timestamp", 1_432_826_855_000L)
                .put("message", "CWL CONTROL MESSAGE: Checking health of destination Kinesis stream.");

        assertThat(decoder.decode(gzip(bytes(control)), "kinesis:cwl/shard-0@1")).isEmpty();
    }

    @Test
    void cloudWatchLogEventThatIsNotCloudTrailCostsOnlyItself() {
        ObjectNode payload = CloudTrailCrossCheck.MAPPER.createObjectNode().put("messageType", "DATA_MESSAGE");
        ArrayNode logEvents = payload.putArray("logEvents");
        logEvents.addObject().put("id", "1").put("timestamp", 1L).put("message", "START RequestId: 1 Version: $LATEST");
        logEvents.addObject().put("id", "2").put("timestamp", 2L).put("message", first(STOP_LOGGING).toString());

        Decodings d = decode(gzip(bytes(payload)), "cwl");

        assertThat(d.events).extracting(e -> e.origin).containsExactly("cwl#logEvents[1]");
        assertThat(d.deadLetters).hasSize(1);
        assertThat(d.deadLetters.get(0).origin).isEqualTo("cwl#logEvents[0]");
        assertThat(d.deadLetters.get(0).reason).startsWith("'logEvents[].message' does not hold JSON: ");
    }

    @Test
    void theLookupEventsApiShape() {
        byte[] line = RealLogs.lines("plaso-test-data/aws_cloudtrail.jsonl").get(1);

        Decodings d = decode(line, "lookup-events");

        assertThat(d.deadLetters).isEmpty();
        assertThat(d.events).hasSize(1);
        assertThat(d.events.get(0).action).isEqualTo("TerminateInstances");
        assertThat(d.events.get(0).eventId).isEqualTo("1f2d6879-969f-4c15-b550-55015423e0c6");
        assertThat(d.events.get(0).origin).isEqualTo("lookup-events");
    }

    @Test
    void severalJsonValuesInOneRecord() {
        ArrayNode records = adminUserRecords();
        String lines = records.get(0) + "\n" + records.get(1) + "\n\n" + records.get(2) + "\n";

        Decodings d = decode(lines.getBytes(StandardCharsets.UTF_8), "kafka:trail/3@99");

        assertThat(d.deadLetters).isEmpty();
        assertThat(d.events).extracting(e -> e.origin).containsExactly("kafka:trail/3@99", "kafka:trail/3@99#value[1]", "kafka:trail/3@99#value[2]");
        assertThat(d.events).extracting(e -> e.action).containsExactly("AttachUserPolicy", "CreateAccessKey", "CreateUser");
    }

    private static ObjectNode eventBridge(String detailType, String source, JsonNode detail) {
        ObjectNode n = CloudTrailCrossCheck.MAPPER.createObjectNode()
                .put("version", "0")
                .put("id", "6f87d04b-9f74-4f04-a780-7acf4b0a9b38")
                .put("detail-type", detailType)
                .put("source", source)
                .put("account", "143434273843")
                .put("time", "2024-07-31T13:06:24Z")
                .put("region", "us-east-1");
        n.putArray("resources");
        n.set("detail", detail);
        return n;
    }

    static byte[] gzip(byte[] b) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (GZIPOutputStream gz = new GZIPOutputStream(out)) {
            gz.write(b);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toByteArray();
    }
}
