package io.trailhunt.job.streams;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.trailhunt.events.testing.RealLogs;
import io.trailhunt.job.TrailhuntJobAccess;
import io.trailhunt.job.cli.PreflightAccess;
import io.trailhunt.events.settings.SettingsException;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The CLI's job against a real Kafka broker: real CloudTrail and Azure records in the envelopes
 * they arrive in, findings and dead letters written to topics exactly once.
 */
class KafkaPipelineITCase {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static KafkaBroker kafka;

    @TempDir
    Path dir;

    @BeforeAll
    static void startBroker() throws Exception {
        kafka = new KafkaBroker();
    }

    @AfterAll
    static void stopBroker() throws Exception {
        kafka.close();
    }

    static Path flinkConf(Path dir) throws Exception {
        Path conf = Files.createDirectories(dir.resolve("flink-conf"));
        Files.writeString(conf.resolve("config.yaml"), String.join("\n",
                "pipeline.auto-generate-uids: false",
                "pipeline.generic-types: false",
                "pipeline.object-reuse: true",
                "parallelism.default: 2",
                "execution.checkpointing.interval: 500 ms",
                "execution.checkpointing.dir: " + dir.resolve("checkpoints").toUri(),
                "state.backend.type: hashmap",
                "rest.bind-address: 127.0.0.1", ""));
        return conf;
    }

    private static byte[] eventBridge(JsonNode cloudTrailEvent) {
        ObjectNode e = JSON.createObjectNode();
        e.put("version", "0");
        e.put("id", "6f2b1e22-0000-4000-8000-000000000001");
        e.put("detail-type", "AWS API Call via CloudTrail");
        e.put("source", "aws.cloudtrail");
        e.put("account", cloudTrailEvent.get("recipientAccountId").asText());
        e.put("time", cloudTrailEvent.get("eventTime").asText());
        e.put("region", cloudTrailEvent.get("awsRegion").asText());
        e.putArray("resources");
        e.set("detail", cloudTrailEvent);
        return e.toString().getBytes(StandardCharsets.UTF_8);
    }

    @Test
    void realRecordsInTheirEnvelopesBecomeFindingsAndDeadLettersOnTopics() throws Exception {
        kafka.createTopic("audit-logs", 3);
        kafka.createTopic("findings", 2);
        kafka.createTopic("dead-letters", 1);
        JsonNode delete = JSON.readTree(RealLogs.bytes("stratus-red-team-detonation-logs/aws.defense-evasion.cloudtrail-delete.json")).get(0);
        List<String> azure = new ArrayList<>();
        for (byte[] line : RealLogs.lines("panther-analysis/panther_tests_Azure_MonitorActivity.events.jsonl")) {
            String s = new String(line, StandardCharsets.UTF_8);
            if (s.toLowerCase().contains("diagnosticsettings/delete")) {
                azure.add(s);
            }
        }
        assertThat(azure).hasSize(2);
        // A GCP LogEntry as a Pub/Sub push bridge forwards it: base64 in message.data.
        String gcpEntry = new String(RealLogs.lines("plaso-test-data/gcp_logging.jsonl").get(0), StandardCharsets.UTF_8);
        String pubSub = "{\"message\":{\"data\":\"" + java.util.Base64.getEncoder().encodeToString(gcpEntry.getBytes(StandardCharsets.UTF_8))
                + "\",\"messageId\":\"1\"},\"subscription\":\"projects/p/subscriptions/audit\"}";
        kafka.produce("audit-logs", List.of(
                pubSub.getBytes(StandardCharsets.UTF_8),
                RealLogs.bytes("stratus-red-team-detonation-logs/aws.defense-evasion.cloudtrail-stop.json"), // a JSON array
                eventBridge(delete),
                ("{\"records\":[" + String.join(",", azure) + "]}").getBytes(StandardCharsets.UTF_8), // Event Hubs
                "not json at all".getBytes(StandardCharsets.UTF_8)));

        Path config = dir.resolve("trailhunt.yaml");
        String bs = kafka.bootstrapServers();
        Files.writeString(config, String.join("\n",
                "inputs:",
                "  - {name: audit, type: kafka, bootstrap-servers: '" + bs + "', topics: [audit-logs], start-from: earliest, stop-at-latest: true}",
                "outputs:",
                "  findings: {type: kafka, bootstrap-servers: '" + bs + "', topic: findings}",
                "  dead-letters: {type: kafka, bootstrap-servers: '" + bs + "', topic: dead-letters}", ""));

        java.io.ByteArrayOutputStream err = new java.io.ByteArrayOutputStream();
        java.io.PrintStream original = System.err;
        System.setErr(new java.io.PrintStream(err, true, StandardCharsets.UTF_8));
        int code;
        try {
            code = TrailhuntJobAccess.run("run", "--config", config.toString(), "--flink-conf", flinkConf(dir).toString());
        } finally {
            System.setErr(original);
        }

        assertThat(code).as(err.toString(StandardCharsets.UTF_8)).isZero();
        assertThat(err.toString(StandardCharsets.UTF_8)).contains(": 5 events, 4 findings, 1 dead letters, 0 late events");
        List<String> findings = new ArrayList<>();
        for (ConsumerRecord<byte[], byte[]> r : kafka.readAllCommittedOnceSettled("findings", Duration.ofSeconds(30))) {
            JsonNode f = JSON.readTree(r.value());
            assertThat(new String(r.key(), StandardCharsets.UTF_8))
                    .isEqualTo(f.get("cloud").asText() + "|" + f.get("account").asText() + "|" + (f.get("principal").isNull() ? "" : f.get("principal").asText()));
            List<String> evidence = new ArrayList<>();
            f.get("evidence").forEach(ev -> evidence.add(ev.get("event_id").asText()));
            findings.add(f.get("rule_id").asText() + " " + f.get("principal").asText() + " " + f.get("subject").asText()
                    + " " + f.get("severity").asText() + " " + evidence);
        }
        // rule, principal, subject, severity and the evidence's event ids (CloudTrail's eventID; the
        // Azure records have none, so a digest of the record stands in). The GCP entry (a network
        // created, beta.compute.networks.insert) is one of the 5 events and raises nothing.
        assertThat(findings).containsExactlyInAnyOrder(
                "log-tampering arn:aws:iam::143434273843:user/christophe trail-stopped:stratus-red-team-ct-stop-trail-buykxbqejv high"
                        + " [10163ed2-2253-469d-a5ee-cbc6651f8934]",
                "log-tampering arn:aws:iam::847129010505:user/christophe trail-deleted:stratus-red-team-cloudtraild-trail-kvrwohmiai high"
                        + " [ee73c230-44bc-4492-8542-cfb189eae287]",
                "log-tampering null diagnostic-setting-deleted:/subscriptions/12345678-1234-1234-1234-123456789abc/resourceGroups/myresourcegroup/providers/Microsoft.Storage/storageAccounts/mystorageaccount/providers/Microsoft.Insights/diagnosticSettings/mydiagnostics high"
                        + " [sha256:bb0aaeaa30c63eb64c2045a3dac61e05]",
                "log-tampering null diagnostic-setting-deleted:/subscriptions/12345678-1234-1234-1234-123456789abc/resourceGroups/prod-rg/providers/Microsoft.KeyVault/vaults/prodvault/providers/Microsoft.Insights/diagnosticSettings/logging high"
                        + " [sha256:90225ef551fadb85a42fe1fc985a3add]");

        List<ConsumerRecord<byte[], byte[]>> deadLetters = kafka.readAllCommittedOnceSettled("dead-letters", Duration.ofSeconds(30));
        assertThat(deadLetters).hasSize(1);
        JsonNode d = JSON.readTree(deadLetters.get(0).value());
        assertThat(d.get("reason").asText()).startsWith("not JSON: Unrecognized token 'not'");
        assertThat(d.get("origin").asText()).matches("kafka:audit-logs/[0-2]@\\d+");
        assertThat(new String(deadLetters.get(0).key(), StandardCharsets.UTF_8)).isEqualTo(d.get("origin").asText());
        assertThat(d.get("raw_prefix").asText()).isEqualTo("not json at all");
    }

    @Test
    void anUnreachableBrokerOrAMissingTopicFailsAtStartWithAClearMessage() throws Exception {
        Path config = dir.resolve("unreachable.yaml");
        Files.writeString(config, "inputs:\n  - {name: audit, type: kafka, bootstrap-servers: '127.0.0.1:1', topics: [audit-logs]}\n");
        long start = System.nanoTime();
        int code = TrailhuntJobAccess.run("run", "--config", config.toString(), "--flink-conf", flinkConf(dir).toString());
        assertThat(code).isEqualTo(2);
        assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(60));

        assertThatThrownBy(() -> PreflightAccess.kafka(Duration.ofSeconds(3), "127.0.0.1:1", List.of("audit-logs")))
                .isInstanceOf(SettingsException.class)
                .hasMessage("inputs[name=t]: cannot reach Kafka at 127.0.0.1:1 (PLAINTEXT) within 3s; check bootstrap-servers, the network and security.protocol");
        assertThatThrownBy(() -> PreflightAccess.kafka(Duration.ofSeconds(10), kafka.bootstrapServers(), List.of("no-such-topic")))
                .isInstanceOf(SettingsException.class)
                .hasMessage("inputs[name=t]: a topic of [no-such-topic] does not exist at " + kafka.bootstrapServers()
                        + " (PLAINTEXT); create it or correct the name");
    }

    @Test
    void secretsComeFromTheEnvironmentOrFilesAndNeverFromTheFile() throws Exception {
        Path config = dir.resolve("sasl.yaml");
        String input = "inputs:\n  - name: hub\n    type: kafka\n    bootstrap-servers: 'acme.servicebus.windows.net:9093'\n    topics: [insights-logs]\n"
                + "    security: {mechanism: PLAIN, username: $ConnectionString, %s}\n";
        Files.writeString(config, String.format(input, "password: 'Endpoint=sb://acme/;SharedAccessKey=oops'"));
        assertThatThrownBy(() -> io.trailhunt.job.config.ConfigLoader.load(config, Map.of()))
                .hasMessage("inputs[0].security.password: secrets are never written in the configuration: use password-env: VARIABLE "
                        + "(an environment variable) or password-file: /path (a mounted secret file)");
        Files.writeString(config, String.format(input, "password-env: EVENTHUB_CONNECTION_STRING"));
        assertThatThrownBy(() -> io.trailhunt.job.config.ConfigLoader.load(config, Map.of()))
                .hasMessage("inputs[0].security.password-env: the environment variable EVENTHUB_CONNECTION_STRING is not set; export it before starting the job");
        var c = io.trailhunt.job.config.ConfigLoader.load(config, Map.of("EVENTHUB_CONNECTION_STRING", "Endpoint=sb://acme/;SharedAccessKey=k"));
        var kafkaInput = (io.trailhunt.job.config.KafkaInputSettings) c.inputs().get(0);
        assertThat(kafkaInput.connection().clientProperties().getProperty("sasl.jaas.config"))
                .isEqualTo("org.apache.kafka.common.security.plain.PlainLoginModule required username=\"$ConnectionString\" password=\"Endpoint=sb://acme/;SharedAccessKey=k\";");
        assertThat(kafkaInput.connection().clientProperties().getProperty("security.protocol")).isEqualTo("SASL_SSL");
        assertThat(kafkaInput.toString()).doesNotContain("SharedAccessKey");
        assertThat(kafkaInput.describe()).isEqualTo("kafka insights-logs at acme.servicebus.windows.net:9093 (SASL_SSL, PLAIN)");
    }
}
