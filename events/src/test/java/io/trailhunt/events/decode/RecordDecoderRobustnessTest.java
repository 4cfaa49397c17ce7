package io.trailhunt.events.decode;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.trailhunt.events.model.DeadLetter;
import io.trailhunt.events.model.Decoded;
import io.trailhunt.events.testing.RealLogs;
import org.junit.jupiter.api.Test;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Base64;
import java.util.List;
import java.util.zip.GZIPOutputStream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Bad input never throws out of {@link RecordDecoder}: each bad record becomes exactly one dead
 * letter that says why, keeps the first bytes of the input and its length, and keeps the origin.
 */
class RecordDecoderRobustnessTest {
    private static final ObjectMapper MAPPER = new ObjectMapper();
    private static final String ORIGIN = "kafka:cloudtrail/2@1234";
    /** Small limits so the tests can cross them cheaply; dead letters keep 64 bytes. */
    private static final DecoderLimits SMALL = new DecoderLimits(4096, 10, 100, 64);

    private final RecordDecoder decoder = new RecordDecoder(SMALL);

    /** A real compact CloudTrail record (Stratus cloudtrail-stop). */
    private static ObjectNode realEvent() throws IOException {
        JsonNode all = MAPPER.readTree(RealLogs.bytes("stratus-red-team-detonation-logs/aws.defense-evasion.cloudtrail-stop.json"));
        return (ObjectNode) all.get(0).deepCopy();
    }

    /** Decodes and asserts the one dead letter every bad record must become. */
    private DeadLetter onlyDeadLetter(byte[] input) {
        List<Decoded> out = decoder.decode(input, ORIGIN);
        assertThat(out).hasSize(1);
        assertThat(out.get(0).isEvent()).isFalse();
        DeadLetter dl = out.get(0).deadLetter;
        assertThat(dl.origin).isEqualTo(ORIGIN);
        assertThat(dl.rawLength).isEqualTo(input.length);
        assertThat(dl.eventTime).isNull();
        return dl;
    }

    private static String textPrefix(byte[] input) {
        return new String(input, 0, Math.min(input.length, 64), StandardCharsets.UTF_8);
    }

    @Test
    void notJson() {
        byte[] input = "2024-07-31T13:06:24Z StopLogging by christophe".getBytes(StandardCharsets.UTF_8);

        DeadLetter dl = onlyDeadLetter(input);

        assertThat(dl.reason).isEqualTo("not JSON: Unexpected character ('-' (code 45)): Expected space separating root-level values");
        assertThat(dl.rawPrefix).isEqualTo(textPrefix(input));
    }

    @Test
    void emptyRecords() {
        for (String blank : List.of("", "  \n\t\r\n")) {
            byte[] input = blank.getBytes(StandardCharsets.UTF_8);
            DeadLetter dl = onlyDeadLetter(input);
            assertThat(dl.reason).isEqualTo("empty record");
            assertThat(dl.rawPrefix).isEqualTo(blank);
        }
    }

    @Test
    void jsonThatIsNotAnAuditEvent() {
        byte[] object = "{\"message\": \"hello\", \"level\": \"info\"}".getBytes(StandardCharsets.UTF_8);
        DeadLetter dl = onlyDeadLetter(object);
        assertThat(dl.reason).isEqualTo("not a recognised audit log format: JSON object with fields [message, level]");
        assertThat(dl.rawPrefix).isEqualTo(textPrefix(object)); // the input as it came, spaces and all

        byte[] scalar = "42".getBytes(StandardCharsets.UTF_8);
        assertThat(onlyDeadLetter(scalar).reason).isEqualTo("JSON number where an audit event object was expected");
    }

    @Test
    void anEventWithNoTime() throws IOException {
        ObjectNode event = realEvent();
        event.remove("eventTime");
        byte[] input = MAPPER.writerWithDefaultPrettyPrinter().writeValueAsBytes(event);

        DeadLetter dl = onlyDeadLetter(input);

        assertThat(dl.reason).isEqualTo("no event time: field 'eventTime' is missing");
        assertThat(dl.rawPrefix).isEqualTo(textPrefix(input));
    }

    @Test
    void anUnparseableTime() throws IOException {
        ObjectNode event = realEvent();
        event.put("eventTime", "31/07/2024 13:06:24");
        byte[] input = MAPPER.writeValueAsBytes(event);

        DeadLetter dl = onlyDeadLetter(input);

        assertThat(dl.reason).isEqualTo("unparseable event time in 'eventTime': '31/07/2024 13:06:24'");
        assertThat(dl.rawPrefix).isEqualTo(textPrefix(input));
    }

    @Test
    void aRecordOverMaxRecordBytes() throws IOException {
        ObjectNode event = realEvent();
        event.put("padding", "x".repeat(90));
        StringBuilder lines = new StringBuilder();
        while (lines.length() <= SMALL.maxRecordBytes) {
            lines.append(event).append('\n');
        }
        byte[] input = lines.toString().getBytes(StandardCharsets.UTF_8);

        DeadLetter dl = onlyDeadLetter(input);

        assertThat(dl.reason).isEqualTo("record is " + input.length + " bytes, over the limit of 4096 (decoding.max-record-bytes)");
        assertThat(dl.rawPrefix).isEqualTo(textPrefix(input));
    }

    @Test
    void jsonNestedDeeperThanMaxNestingDepth() throws IOException {
        ObjectNode event = realEvent();
        ObjectNode n = event.putObject("requestParameters");
        for (int i = 0; i < 10; i++) {
            n = n.putObject("level" + i);
        }
        byte[] input = MAPPER.writeValueAsBytes(event);

        DeadLetter dl = onlyDeadLetter(input);

        assertThat(dl.reason).isEqualTo("JSON over a decoding limit: Document nesting depth (11) exceeds the maximum allowed"
                + " (10, from `StreamReadConstraints.getMaxNestingDepth()`)");
        assertThat(dl.rawPrefix).isEqualTo(textPrefix(input));
    }

    @Test
    void aStringLongerThanMaxStringLength() throws IOException {
        ObjectNode event = realEvent();
        event.put("userAgent", "Mozilla/5.0 " + "A".repeat(200));
        byte[] input = MAPPER.writeValueAsBytes(event);

        DeadLetter dl = onlyDeadLetter(input);

        assertThat(dl.reason).isEqualTo("JSON over a decoding limit: String value length (212) exceeds the maximum allowed"
                + " (100, from `StreamReadConstraints.getMaxStringLength()`)");
    }

    @Test
    void aGzipBomb() throws IOException {
        byte[] input = gzip(" ".repeat(1_000_000).getBytes(StandardCharsets.UTF_8));
        assertThat(input.length).isLessThan(SMALL.maxRecordBytes);

        DeadLetter dl = onlyDeadLetter(input);

        assertThat(dl.reason).isEqualTo("gzip record inflates to more than 4096 bytes, over the limit (decoding.max-record-bytes)");
        assertThat(dl.rawPrefix).isEqualTo("base64:" + Base64.getEncoder().encodeToString(Arrays.copyOf(input, 64)));
    }

    @Test
    void corruptGzip() throws IOException {
        byte[] whole = gzip(MAPPER.writeValueAsBytes(realEvent()));
        byte[] truncated = Arrays.copyOf(whole, whole.length / 2);

        DeadLetter dl = onlyDeadLetter(truncated);

        assertThat(dl.reason).isEqualTo("corrupt gzip data: Unexpected end of ZLIB input stream");
        assertThat(dl.rawPrefix).startsWith("base64:H4sI");

        byte[] garbled = whole.clone();
        Arrays.fill(garbled, 10, garbled.length, (byte) 0x55);
        assertThat(onlyDeadLetter(garbled).reason).isEqualTo("corrupt gzip data: invalid code lengths set");
    }

    @Test
    void binaryGarbage() {
        // The start of a PNG file.
        byte[] input = {(byte) 0x89, 'P', 'N', 'G', 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 0x0d, 'I', 'H', 'D', 'R'};

        DeadLetter dl = onlyDeadLetter(input);

        assertThat(dl.reason).startsWith("not JSON: ");
        assertThat(dl.rawPrefix).isEqualTo("base64:iVBORw0KGgoAAAANSUhEUg==");
    }

    @Test
    void aCsvLineIsOneDeadLetterNotAJsonStringAndAParseError() {
        byte[] input = "\"21/04/2025, 09:45:54.000\",\"190150da\",\"1.09\",\"signin.amazonaws.com\"".getBytes(StandardCharsets.UTF_8);

        DeadLetter dl = onlyDeadLetter(input);

        assertThat(dl.reason).isEqualTo("not JSON: Unexpected character (',' (code 44)): expected a value");
    }

    @Test
    void aRecordsFileWithOneBadElementLosesOnlyThatElement() throws IOException {
        ObjectNode good = realEvent();
        ObjectNode bad = realEvent();
        bad.remove("eventTime");
        ObjectNode file = MAPPER.createObjectNode();
        ArrayNode records = file.putArray("Records");
        records.add(good.deepCopy()).add(bad).add(good.deepCopy().put("eventID", "second-good"));

        List<Decoded> out = new RecordDecoder(DecoderLimits.defaults()).decode(MAPPER.writeValueAsBytes(file), "s3://b/k.json.gz");

        assertThat(out).hasSize(3);
        assertThat(out.get(0).isEvent()).isTrue();
        assertThat(out.get(0).event.origin).isEqualTo("s3://b/k.json.gz#Records[0]");
        assertThat(out.get(2).isEvent()).isTrue();
        assertThat(out.get(2).event.eventId).isEqualTo("second-good");
        DeadLetter dl = out.get(1).deadLetter;
        assertThat(dl.reason).isEqualTo("no event time: field 'eventTime' is missing");
        assertThat(dl.origin).isEqualTo("s3://b/k.json.gz#Records[1]");
        byte[] element = bad.toString().getBytes(StandardCharsets.UTF_8);
        assertThat(dl.rawLength).isEqualTo(element.length);
        assertThat(dl.rawPrefix).isEqualTo(bad.toString());
    }

    @Test
    void validValuesBeforeAMalformedTailAreKept() throws IOException {
        byte[] input = (realEvent() + "\n{\"eventName\": ").getBytes(StandardCharsets.UTF_8);

        List<Decoded> out = new RecordDecoder(DecoderLimits.defaults()).decode(input, ORIGIN);

        assertThat(out).hasSize(2);
        assertThat(out.get(0).isEvent()).isTrue();
        DeadLetter dl = out.get(1).deadLetter;
        assertThat(dl.reason).startsWith("malformed JSON after 1 value(s): Unexpected end-of-input");
        assertThat(dl.rawLength).isEqualTo(input.length);
    }

    private static byte[] gzip(byte[] b) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (GZIPOutputStream gz = new GZIPOutputStream(out)) {
            gz.write(b);
        }
        return out.toByteArray();
    }
}
