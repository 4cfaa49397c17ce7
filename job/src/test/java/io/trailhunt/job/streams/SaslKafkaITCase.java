package io.trailhunt.job.streams;

import io.trailhunt.events.settings.SettingsException;
import io.trailhunt.job.cli.PreflightAccess;
import io.trailhunt.job.config.KafkaConnection;
import io.trailhunt.job.config.Secret;
import kafka.testkit.KafkaClusterTestKit;
import kafka.testkit.TestKitNodes;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.trailhunt.events.testing.RealLogs;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Properties;
import java.util.concurrent.TimeUnit;

import java.time.Duration;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

/**
 * Against a real broker that wants SASL/PLAIN (as Azure Event Hubs does): a wrong password stops
 * the start within the pre-flight's timeout with a message naming the input and what to check,
 * and without the password; the right one passes.
 */
class SaslKafkaITCase {
    private static final String PASSWORD = "s3cr3t-Event-Hubs-key";
    private static KafkaClusterTestKit cluster;

    @BeforeAll
    static void start() throws Exception {
        String jaas = "org.apache.kafka.common.security.plain.PlainLoginModule required username=\"broker\" password=\"broker-pw\""
                + " user_broker=\"broker-pw\" user_trailhunt=\"" + PASSWORD + "\";";
        cluster = new KafkaClusterTestKit.Builder(new TestKitNodes.Builder().setCombined(true).setNumBrokerNodes(1).setNumControllerNodes(1).build())
                .setConfigProp("listener.security.protocol.map", "EXTERNAL:SASL_PLAINTEXT,CONTROLLER:PLAINTEXT")
                .setConfigProp("sasl.enabled.mechanisms", "PLAIN")
                .setConfigProp("sasl.mechanism.inter.broker.protocol", "PLAIN")
                .setConfigProp("listener.name.external.plain.sasl.jaas.config", jaas)
                .setConfigProp("offsets.topic.replication.factor", "1")
                .build();
        cluster.format();
        cluster.startup();
        cluster.waitForReadyBrokers();
    }

    @AfterAll
    static void stop() throws Exception {
        if (cluster != null) {
            cluster.close();
        }
    }

    private static KafkaConnection as(String password) {
        return new KafkaConnection(cluster.bootstrapServers(), "SASL_PLAINTEXT", "PLAIN", "trailhunt",
                Secret.of("env KAFKA_PASSWORD", password), null, null, Map.of());
    }

    @Test
    void aWrongPasswordStopsTheStartSayingWhatToCheck() {
        assertTimeoutPreemptively(Duration.ofSeconds(60), () ->
                assertThatThrownBy(() -> PreflightAccess.kafka(Duration.ofSeconds(20), as("wrong-password"), List.of("cloudtrail")))
                        .isInstanceOf(SettingsException.class)
                        .hasMessage("inputs[name=t]: Kafka at " + cluster.bootstrapServers() + " (SASL_PLAINTEXT, PLAIN) refused the credentials"
                                + " (Authentication failed: Invalid username or password); check security.username and the password's variable or file")
                        .message().doesNotContain("wrong-password").doesNotContain(PASSWORD));
    }

    /**
     * The real CLI reads a SASL topic with the password from an environment variable, its logging
     * turned up to INFO everywhere (every Kafka client prints its whole configuration there): the
     * finding arrives, and the password is nowhere in what the process wrote.
     */
    @Test
    void theCliReadsWithThePasswordFromTheEnvironmentAndNeverPrintsIt(@TempDir Path dir) throws Exception {
        Properties admin = new Properties();
        admin.putAll(as(PASSWORD).clientProperties());
        try (Admin a = Admin.create(admin)) {
            a.createTopics(List.of(new NewTopic("audit", 1, (short) 1))).all().get();
        }
        Properties producer = new Properties();
        producer.putAll(as(PASSWORD).clientProperties());
        producer.put("key.serializer", ByteArraySerializer.class.getName());
        producer.put("value.serializer", ByteArraySerializer.class.getName());
        byte[] stop = new ObjectMapper().readTree(RealLogs.bytes("stratus-red-team-detonation-logs/aws.defense-evasion.cloudtrail-stop.json"))
                .get(0).toString().getBytes(StandardCharsets.UTF_8);
        try (KafkaProducer<byte[], byte[]> p = new KafkaProducer<>(producer)) {
            p.send(new ProducerRecord<>("audit", stop)).get();
        }
        Path config = dir.resolve("trailhunt.yaml");
        Files.writeString(config, String.join("\n",
                "inputs:",
                "  - name: audit",
                "    type: kafka",
                "    bootstrap-servers: " + cluster.bootstrapServers(),
                "    topics: [audit]",
                "    start-from: earliest",
                "    stop-at-latest: true",
                "    security:",
                "      protocol: SASL_PLAINTEXT",
                "      mechanism: PLAIN",
                "      username: trailhunt",
                "      password-env: TRAILHUNT_TEST_KAFKA_PASSWORD",
                ""));
        Path log4j = dir.resolve("log4j-info.properties");
        Files.writeString(log4j, String.join("\n",
                "rootLogger.level = INFO", "rootLogger.appenderRef.console.ref = Console",
                "appender.console.name = Console", "appender.console.type = CONSOLE", "appender.console.target = SYSTEM_ERR",
                "appender.console.layout.type = PatternLayout", "appender.console.layout.pattern = %-5p %c{1} - %m%n", ""));
        Path out = dir.resolve("findings.jsonl");
        Path err = dir.resolve("stderr.txt");
        List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString()));
        for (String pkg : List.of("java.util", "java.lang", "java.lang.reflect", "java.io", "java.nio", "sun.nio.ch", "java.net", "java.time",
                "java.util.concurrent", "java.util.concurrent.atomic")) {
            command.add("--add-opens=java.base/" + pkg + "=ALL-UNNAMED");
        }
        command.addAll(List.of("-cp", System.getProperty("java.class.path"), "-Dlog4j.configurationFile=" + log4j,
                "io.trailhunt.job.TrailhuntJob", "run", "--config", config.toString(), "--output", out.toString(),
                "--flink-conf", Path.of("..", "flink-conf").toAbsolutePath().normalize().toString()));
        ProcessBuilder b = new ProcessBuilder(command).redirectError(err.toFile()).redirectOutput(dir.resolve("stdout.txt").toFile());
        b.environment().put("TRAILHUNT_TEST_KAFKA_PASSWORD", PASSWORD);
        Process process = b.start();
        try {
            assertThat(process.waitFor(180, TimeUnit.SECONDS)).as("the run ends").isTrue();
        } finally {
            process.destroyForcibly();
        }
        String stderr = Files.readString(err, StandardCharsets.UTF_8);
        assertThat(process.exitValue()).as(stderr).isZero();

        assertThat(Files.readString(out, StandardCharsets.UTF_8)).contains("\"rule_id\":\"log-tampering\"");
        assertThat(stderr).contains("sasl.jaas.config = [hidden]") // the clients did print their configuration
                .doesNotContain(PASSWORD);
        assertThat(Files.readString(dir.resolve("stdout.txt"), StandardCharsets.UTF_8)).doesNotContain(PASSWORD);
        assertThat(Files.readString(out, StandardCharsets.UTF_8)).doesNotContain(PASSWORD);
    }

    /** The right password gets past authentication: what stops the start then is the missing topic. */
    @Test
    void theRightPasswordGetsInAndAMissingTopicIsNamed() {
        assertThatThrownBy(() -> PreflightAccess.kafka(Duration.ofSeconds(20), as(PASSWORD), List.of("cloudtrail")))
                .isInstanceOf(SettingsException.class)
                .hasMessage("inputs[name=t]: a topic of [cloudtrail] does not exist at " + cluster.bootstrapServers()
                        + " (SASL_PLAINTEXT, PLAIN); create it or correct the name");
        PreflightAccess.kafka(Duration.ofSeconds(20), as(PASSWORD), List.of()); // lists the topics: passes
    }
}
