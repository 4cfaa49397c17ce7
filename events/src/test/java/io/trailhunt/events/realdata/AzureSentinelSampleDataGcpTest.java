package io.trailhunt.events.realdata;

import org.junit.jupiter.api.Test;

import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Azure/Azure-Sentinel sample data: a GCPAuditLogs table export as CSV. Not JSON, so nothing may
 * decode; each line fed as a record must come back as dead letters only.
 */
class AzureSentinelSampleDataGcpTest {
    @Test
    void csvLinesAreNeverDecoded() {
        FileRun run = FileRun.jsonLines("/real-logs/azure-sentinel-sample-data/GCPAuditLogs_MakeBucketPublic.csv");
        assertThat(run.lines).hasSize(4);
        assertThat(run.events()).isEmpty();
        // The header is not JSON at all. A data row starts with a quoted field, which is a valid JSON
        // string: RecordDecoder routes that value (rejected as not an object) before it meets the
        // comma (rejected as malformed), so each data row costs two dead letters.
        assertThat(run.deadLetters()).hasSize(7);
        assertThat(run.reasons()).containsExactlyInAnyOrderEntriesOf(Map.of(
                "not JSON: Unrecognized token 'TenantId': was expecting (JSON String, Number, Array, Object or token"
                        + " 'null', 'true' or 'false')", 1L,
                "JSON string where an audit event object was expected", 3L,
                "malformed JSON after 1 value(s): Unexpected character (',' (code 44)): expected a value", 3L));
        for (int line = 1; line <= 4; line++) {
            assertThat(run.perLine.get(line - 1)).isNotEmpty().noneMatch(d -> d.isEvent());
        }
    }
}
