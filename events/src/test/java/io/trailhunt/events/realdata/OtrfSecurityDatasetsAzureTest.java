package io.trailhunt.events.realdata;

import org.junit.jupiter.api.Test;

import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * OTRF/Security-Datasets AADAuditEvents.json: Entra audit events as Microsoft Sentinel table rows
 * (JSON lines, PascalCase columns, nested objects as JSON strings). Not the raw Azure shape, so
 * every row is set aside with a reason that says what it is.
 */
class OtrfSecurityDatasetsAzureTest {
    @Test
    void sentinelTableRowsAreDeadLetteredAsSuch() {
        FileRun run = FileRun.jsonLines("/real-logs/otrf-security-datasets/AADAuditEvents.json");
        assertThat(run.lines).hasSize(4);
        assertThat(run.events()).isEmpty();
        assertThat(run.deadLetters()).hasSize(4);
        assertThat(run.reasons()).containsExactlyInAnyOrderEntriesOf(Map.of(
                "Microsoft Sentinel / Log Analytics table row of table 'AuditLogs' (PascalCase columns such as"
                        + " 'TimeGenerated'), not a raw Azure log record", 2L,
                "Microsoft Sentinel / Log Analytics table row of table 'Application' (PascalCase columns such as"
                        + " 'TimeGenerated'), not a raw Azure log record", 1L,
                "Microsoft Sentinel / Log Analytics table row of table 'ServicePrincipal' (PascalCase columns such as"
                        + " 'TimeGenerated'), not a raw Azure log record", 1L));
        assertThat(run.deadLetters().get(0).rawPrefix).startsWith("{\"TenantId\":\"00000000-0000-0000-0000-000000000000\"");
    }
}
