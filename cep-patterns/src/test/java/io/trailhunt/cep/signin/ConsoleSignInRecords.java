package io.trailhunt.cep.signin;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.trailhunt.events.decode.DecoderLimits;
import io.trailhunt.events.decode.RecordDecoder;
import io.trailhunt.events.model.AuditEvent;
import io.trailhunt.events.model.Decoded;
import io.trailhunt.events.testing.TestResources;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import java.util.Locale;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The AWS console sign-in records of the events module's {@code handwritten/aws/console-sign-ins.jsonl}
 * (lines 1-5: rows of the Azure Sentinel AWSCloudTrail sample export; see ConsoleSignInRecordsTest
 * there), as they are or with a few fields changed, through the job's decoder.
 */
final class ConsoleSignInRecords {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final RecordDecoder DECODER = new RecordDecoder(DecoderLimits.defaults());
    private static final List<String> LINES = TestResources.lines("/handwritten/aws/console-sign-ins.jsonl");

    private ConsoleSignInRecords() {}

    /** Line n (1-based), decoded. */
    static AuditEvent line(int n) {
        return decode(record(n));
    }

    /** Line n with its id, time, source address and (unless null) user name changed: another attempt of the same shape. */
    static AuditEvent like(int n, String id, Instant time, String ip, String userName) {
        ObjectNode r = record(n);
        r.put("eventID", id).put("eventTime", time.toString()).put("sourceIPAddress", ip);
        if (userName != null) {
            ObjectNode ui = (ObjectNode) r.get("userIdentity");
            ui.put("userName", userName).put("principalId", "AIDA" + userName.toUpperCase(Locale.ROOT));
            if (ui.has("arn")) {
                ui.put("arn", "arn:aws:iam::" + ui.get("accountId").asText() + ":user/" + userName);
            }
        }
        return decode(r);
    }

    private static ObjectNode record(int n) {
        try {
            return (ObjectNode) JSON.readTree(LINES.get(n - 1));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static AuditEvent decode(ObjectNode r) {
        List<Decoded> out = DECODER.decode(r.toString().getBytes(StandardCharsets.UTF_8), "console-sign-ins");
        assertThat(out).hasSize(1);
        assertThat(out.get(0).isEvent()).isTrue();
        return out.get(0).event;
    }
}
