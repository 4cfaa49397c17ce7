package io.trailhunt.events.decode.aws;

import io.trailhunt.events.model.DeadLetter;
import io.trailhunt.events.testing.RealLogs;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * OTRF's honey-bucket alert export: 301 anonymous S3 calls as CSV rows (with CloudTrail fields
 * flattened into Python-repr cells), not CloudTrail JSON. The job may be pointed at it: every
 * line, header included, must be exactly one dead letter saying why, never a half-parsed event.
 */
class OtrfHoneyBucketCsvTest {
    private static final String FILE = "otrf-security-datasets/AWS_S3_HoneyBucketLogs.csv";

    @Test
    void everyRowIsADeadLetterWithItsReason() {
        Decodings d = Decodings.ofLines(FILE);
        List<byte[]> lines = RealLogs.lines(FILE);

        assertThat(lines).hasSize(302); // the header and 301 calls
        assertThat(d.events).isEmpty();
        assertThat(d.deadLetters).hasSize(302);
        String notJson = "not JSON: Unrecognized token '%s': was expecting (JSON String, Number, Array, Object or token 'null', 'true' or 'false')";
        assertThat(d.reasons()).isEqualTo(Map.of(notJson.formatted("Event"), 1, notJson.formatted("AwsApiCall"), 301));
        Map<String, Long> calls = new TreeMap<>();
        for (int i = 0; i < lines.size(); i++) {
            DeadLetter dl = d.deadLetters.get(i);
            assertThat(dl.origin).isEqualTo(FILE + ":" + (i + 1));
            assertThat(dl.rawLength).isEqualTo(lines.get(i).length);
            assertThat(dl.eventTime).isNull();
            if (i > 0) {
                calls.merge(dl.rawPrefix.split(",")[1], 1L, Long::sum);
            }
        }
        // the calls the alert export lists, all kept in the dead letters' first bytes
        assertThat(calls).isEqualTo(Map.of("HeadBucket", 159L, "ListObjects", 138L, "PutObject", 4L));
        assertThat(d.deadLetters.get(0).rawPrefix).startsWith("Event Type,Event Name,Request ID,User ID,Request Parameters");
    }
}
