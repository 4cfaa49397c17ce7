package io.trailhunt.events.decode.aws;

import io.trailhunt.events.decode.DecoderLimits;
import io.trailhunt.events.decode.RecordDecoder;
import io.trailhunt.events.model.DeadLetter;
import io.trailhunt.events.model.Decoded;
import io.trailhunt.events.testing.RealLogs;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A Sentinel export of AWSCloudTrail rows as CSV: not something the job reads, but something it may
 * be pointed at. Every line must become exactly one dead letter, never a half-parsed event.
 */
class AzureSentinelSampleDataAwsTest {
    private static final String FILE = "azure-sentinel-sample-data/AWS_CloudTrail_Authentication_IngestedLogs.first17rows.csv";

    @Test
    void everyCsvLineIsOneDeadLetterSayingItIsNotJson() {
        RecordDecoder decoder = new RecordDecoder(DecoderLimits.defaults());
        Decodings d = new Decodings();
        List<byte[]> lines = RealLogs.lines(FILE);
        for (int i = 0; i < lines.size(); i++) {
            List<Decoded> out = decoder.decode(lines.get(i), FILE + ":" + (i + 1));
            assertThat(out).as("line " + (i + 1)).hasSize(1);
            d.add(out);
        }

        assertThat(lines).hasSize(18); // header and 17 rows
        assertThat(d.events).isEmpty();
        assertThat(d.deadLetters).hasSize(18);
        assertThat(d.reasons()).isEqualTo(Map.of("not JSON: Unexpected character (',' (code 44)): expected a value", 18));
        for (int i = 0; i < lines.size(); i++) {
            DeadLetter dl = d.deadLetters.get(i);
            assertThat(dl.origin).isEqualTo(FILE + ":" + (i + 1));
            assertThat(dl.rawLength).isEqualTo(lines.get(i).length);
            // The export is ASCII; a dead letter keeps the first 1024 bytes (line 10 is longer).
            int kept = Math.min(lines.get(i).length, DecoderLimits.DEFAULT_DEAD_LETTER_PREFIX_BYTES);
            assertThat(dl.rawPrefix).isEqualTo(new String(lines.get(i), 0, kept, StandardCharsets.US_ASCII));
        }
        assertThat(d.deadLetters.get(9).rawLength).isEqualTo(1072);
        assertThat(d.deadLetters.get(9).rawPrefix).hasSize(1024);
        assertThat(d.deadLetters.get(1).rawPrefix).startsWith("\"21/04/2025, 09:45:54.000\",\"190150da-f77d-428f-b699-78e570f2dae3\"");
    }
}
