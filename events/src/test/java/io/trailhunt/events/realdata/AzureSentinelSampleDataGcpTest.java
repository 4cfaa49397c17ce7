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
        // The header is not JSON at all; a data row starts with a quoted field, which parses as a
        // JSON string, but the comma after it does not: each line is one "not JSON" dead letter.
        assertThat(run.deadLetters()).hasSize(4);
        assertThat(run.reasons()).containsExactlyInAnyOrderEntriesOf(Map.of(
                "not JSON: Unrecognized token 'TenantId': was expecting (JSON String, Number, Array, Object or token"
                        + " 'null', 'true' or 'false')", 1L,
                "not JSON: Unexpected character (',' (code 44)): expected a value", 3L));
        for (int line = 1; line <= 4; line++) {
            assertThat(run.perLine.get(line - 1)).hasSize(1).noneMatch(d -> d.isEvent());
        }
    }
}
