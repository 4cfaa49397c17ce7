package io.trailhunt.job.cli;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * With the CLI's logging (flink-conf/log4j-cli.properties), an unreachable broker gives one clear
 * line from the pre-flight check, not a warning per retry of its admin client; other Kafka
 * clients, as the job's, still log theirs.
 */
class PreflightLoggingITCase {
    @TempDir
    Path dir;

    @Test
    void thePreflightChecksRetriesAreNotLoggedButAJobClientsWarningsAre() throws Exception {
        Path log4j = Path.of("..", "flink-conf", "log4j-cli.properties").toAbsolutePath().normalize();
        assertThat(log4j).exists();
        int closedPort;
        try (ServerSocket s = new ServerSocket(0)) {
            closedPort = s.getLocalPort(); // nothing listens there once the socket is closed
        }
        Path err = dir.resolve("stderr.txt");
        Process p = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-cp", System.getProperty("java.class.path"),
                "-Dlog4j.configurationFile=" + log4j,
                PreflightThenJobClient.class.getName(), "127.0.0.1:" + closedPort)
                .redirectErrorStream(false).redirectError(err.toFile()).redirectOutput(dir.resolve("stdout.txt").toFile()).start();
        assertThat(p.waitFor(60, TimeUnit.SECONDS)).as("the check and the client end within their timeouts").isTrue();

        List<String> lines = Files.readAllLines(err, StandardCharsets.UTF_8);
        assertThat(lines).as(String.join("\n", lines))
                .contains("trailhunt: inputs[name=audit]: cannot reach Kafka at 127.0.0.1:" + closedPort
                        + " (PLAINTEXT) within 3s; check bootstrap-servers, the network and security.protocol")
                .noneMatch(l -> l.contains(Preflight.KAFKA_CLIENT_ID))
                .anyMatch(l -> l.contains("WARN  NetworkClient - [AdminClient clientId=job-client] Connection to node -1"))
                .contains("job client failed: ExecutionException");
    }
}
