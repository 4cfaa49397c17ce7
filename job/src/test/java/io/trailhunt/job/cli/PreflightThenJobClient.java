package io.trailhunt.job.cli;

import io.trailhunt.events.settings.SettingsException;
import io.trailhunt.job.config.KafkaConnection;
import org.apache.kafka.clients.admin.Admin;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * Run in a JVM of its own by {@link PreflightLoggingITCase}, with the CLI's log4j configuration:
 * the pre-flight check against an unreachable broker, then another admin client (as the job's
 * Kafka clients are) against the same address.
 */
public final class PreflightThenJobClient {
    private PreflightThenJobClient() {}

    public static void main(String[] args) throws Exception {
        String broker = args[0];
        KafkaConnection c = new KafkaConnection(broker, "PLAINTEXT", null, null, null, null, null, Map.of());
        try {
            new Preflight(Duration.ofSeconds(3)).kafka("inputs[name=audit]", c, List.of("audit-logs"));
            System.err.println("pre-flight passed");
        } catch (SettingsException e) {
            System.err.println("trailhunt: " + e.getMessage());
        }
        var p = c.clientProperties();
        p.setProperty("client.id", "job-client");
        p.setProperty("default.api.timeout.ms", "2000");
        p.setProperty("request.timeout.ms", "2000");
        try (Admin admin = Admin.create(p)) {
            admin.listTopics().names().get(3, TimeUnit.SECONDS);
        } catch (Exception expected) {
            System.err.println("job client failed: " + expected.getClass().getSimpleName());
        }
    }
}
