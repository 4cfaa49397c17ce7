package io.trailhunt.job.streams;

import org.apache.flink.kinesis.shaded.software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import org.apache.flink.kinesis.shaded.software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import org.apache.flink.kinesis.shaded.software.amazon.awssdk.regions.Region;
import org.apache.flink.kinesis.shaded.software.amazon.awssdk.services.kinesis.KinesisClient;
import org.junit.jupiter.api.Assumptions;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.TimeUnit;

/**
 * A real Kinesis API on loopback: npm's kinesis-local (kinesis-mock), installed into target/ on
 * first use and started as a process (../shared/RECIPES.md). Needs node and npm on the PATH.
 * Without them the Kinesis tests are skipped on a developer's machine, but fail in CI (the
 * environment variable CI set) or with {@code -Dtrailhunt.require-emulators=true}, so a green CI
 * run has always run them.
 */
final class KinesisEmulator implements AutoCloseable {
    static final String VERSION = "0.6.2";
    static final String REGION = "us-east-1";
    static final String ACCOUNT = "000000000000";

    private final Process process;
    private final int port;

    KinesisEmulator() throws Exception {
        Path home = Path.of("target", "kinesis-local").toAbsolutePath();
        Path main = home.resolve("node_modules/kinesis-local/main.js");
        requireNodeAndNpm(System.getenv().getOrDefault("PATH", ""), System.getenv("CI"), System.getProperty("trailhunt.require-emulators"));
        if (!Files.exists(main)) {
            Files.createDirectories(home);
            Process npm = new ProcessBuilder("npm", "install", "--no-audit", "--no-fund", "--prefix", home.toString(), "kinesis-local@" + VERSION)
                    .redirectErrorStream(true).redirectOutput(home.resolve("npm-install.log").toFile()).start();
            if (!npm.waitFor(5, TimeUnit.MINUTES) || npm.exitValue() != 0) {
                throw new IllegalStateException("npm install kinesis-local failed; see " + home.resolve("npm-install.log"));
            }
        }
        // It binds every interface by default; tests bind loopback only.
        Path loopback = main.resolveSibling("main-loopback.js");
        if (!Files.exists(loopback)) {
            String js = Files.readString(main, StandardCharsets.UTF_8);
            if (!js.contains("em(\"0.0.0.0\")")) {
                throw new IllegalStateException("kinesis-local " + VERSION + " no longer binds with em(\"0.0.0.0\"); update the patch");
            }
            Files.writeString(loopback, js.replace("em(\"0.0.0.0\")", "em(\"127.0.0.1\")"), StandardCharsets.UTF_8);
        }
        port = freePort();
        ProcessBuilder pb = new ProcessBuilder("node", loopback.toString()).directory(loopback.getParent().toFile())
                .redirectErrorStream(true).redirectOutput(home.resolve("emulator-" + port + ".log").toFile());
        pb.environment().put("KINESIS_MOCK_PLAIN_PORT", Integer.toString(port));
        pb.environment().put("KINESIS_MOCK_TLS_PORT", Integer.toString(freePort()));
        pb.environment().put("CREATE_STREAM_DURATION", "0ms");
        pb.environment().put("DELETE_STREAM_DURATION", "0ms");
        pb.environment().put("LOG_LEVEL", "WARN");
        process = pb.start();
        awaitPort(Duration.ofSeconds(60));
    }

    String endpoint() {
        return "http://127.0.0.1:" + port;
    }

    static String streamArn(String name) {
        return "arn:aws:kinesis:" + REGION + ":" + ACCOUNT + ":stream/" + name;
    }

    KinesisClient client() {
        return KinesisClient.builder()
                .endpointOverride(URI.create(endpoint()))
                .region(Region.of(REGION))
                .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create("test", "test")))
                .build();
    }

    private void awaitPort(Duration deadline) throws Exception {
        Instant end = Instant.now().plus(deadline);
        while (Instant.now().isBefore(end)) {
            if (!process.isAlive()) {
                throw new IllegalStateException("kinesis-local exited with " + process.exitValue());
            }
            try (Socket s = new Socket()) {
                s.connect(new InetSocketAddress("127.0.0.1", port), 500);
                return;
            } catch (IOException notYet) {
                process.waitFor(200, TimeUnit.MILLISECONDS); // waits on the process, returns early if it dies
            }
        }
        throw new IllegalStateException("kinesis-local did not open port " + port + " within " + deadline.toSeconds() + "s");
    }

    private static int freePort() throws IOException {
        try (ServerSocket s = new ServerSocket(0)) {
            return s.getLocalPort();
        }
    }

    /** Returns when node and npm are on the path; else skips the test, or fails it when CI or the property require it. */
    static void requireNodeAndNpm(String path, String ciVariable, String property) {
        if (onPath("node", path) && onPath("npm", path)) {
            return;
        }
        String why = "the Kinesis tests need node and npm on the PATH to install and run kinesis-local " + VERSION
                + " (e.g. apt-get install nodejs npm); PATH is " + path;
        String required = requiredBy(ciVariable, property);
        if (required != null) {
            throw new IllegalStateException(why + "; they are required here because " + required);
        }
        Assumptions.abort(why);
    }

    /** Why the emulator may not be skipped: CI set (to anything but false), or the property true; null if neither. */
    static String requiredBy(String ciVariable, String property) {
        if (ciVariable != null && !ciVariable.isBlank() && !ciVariable.equalsIgnoreCase("false")) {
            return "the environment variable CI is set";
        }
        if (Boolean.parseBoolean(property)) {
            return "trailhunt.require-emulators=true";
        }
        return null;
    }

    private static boolean onPath(String command, String path) {
        for (String dir : path.split(java.io.File.pathSeparator)) {
            if (!dir.isEmpty() && Files.isExecutable(Path.of(dir, command))) {
                return true;
            }
        }
        return false;
    }

    @Override
    public void close() throws Exception {
        process.destroy();
        if (!process.waitFor(10, TimeUnit.SECONDS)) {
            process.destroyForcibly();
        }
    }
}
