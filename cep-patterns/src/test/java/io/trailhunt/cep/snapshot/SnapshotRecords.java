package io.trailhunt.cep.snapshot;

import io.trailhunt.events.decode.DecoderLimits;
import io.trailhunt.events.decode.RecordDecoder;
import io.trailhunt.events.model.AuditEvent;
import io.trailhunt.events.model.Decoded;
import io.trailhunt.events.testing.EventBuilder;

import java.nio.charset.StandardCharsets;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * CloudTrail records of snapshot and image calls, shaped as AWS writes them (request and response
 * as in the stratus-red-team detonations and the EC2 and RDS API references), by dave, through
 * the job's own decoder: the steps see the snapshot ids and share parameters the decoder finds.
 */
final class SnapshotRecords {
    private static final RecordDecoder DECODER = new RecordDecoder(DecoderLimits.defaults());
    private static int ids;

    private SnapshotRecords() {}

    static AuditEvent ec2(String action, long minute, String request, String response) {
        return decode("ec2.amazonaws.com", action, minute, request, response);
    }

    static AuditEvent rds(String action, long minute, String request, String response) {
        return decode("rds.amazonaws.com", action, minute, request, response);
    }

    private static AuditEvent decode(String source, String action, long minute, String request, String response) {
        String time = EventBuilder.BEGINNING.plusSeconds(minute * 60).toString();
        String json = "{\"eventVersion\":\"1.09\",\"userIdentity\":{\"type\":\"IAMUser\",\"principalId\":\"AIDAEXAMPLEDAVE\","
                + "\"arn\":\"" + SnapshotEvents.DAVE + "\",\"accountId\":\"111122223333\",\"accessKeyId\":\"AKIAEXAMPLE\",\"userName\":\"dave\"},"
                + "\"eventTime\":\"" + time + "\",\"eventSource\":\"" + source + "\",\"eventName\":\"" + action + "\","
                + "\"awsRegion\":\"us-east-1\",\"sourceIPAddress\":\"81.2.69.142\",\"userAgent\":\"aws-cli/2.15.30 Python/3.11.8\","
                + "\"requestParameters\":" + request + ",\"responseElements\":" + response + ","
                + "\"requestID\":\"req-" + (++ids) + "\",\"eventID\":\"" + action + "-" + ids + "\",\"readOnly\":false,"
                + "\"eventType\":\"AwsApiCall\",\"managementEvent\":true,\"recipientAccountId\":\"111122223333\","
                + "\"eventCategory\":\"Management\"}";
        List<Decoded> out = DECODER.decode(json.getBytes(StandardCharsets.UTF_8), "test");
        assertThat(out).hasSize(1);
        assertThat(out.get(0).isEvent()).as(String.valueOf(out.get(0).deadLetter)).isTrue();
        return out.get(0).event;
    }
}
