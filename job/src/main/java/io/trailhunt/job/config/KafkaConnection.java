package io.trailhunt.job.config;

import io.trailhunt.events.settings.Section;
import io.trailhunt.events.settings.SettingsException;

import java.io.Serializable;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Properties;

/**
 * How to reach a Kafka cluster: bootstrap servers and security, for inputs and outputs alike.
 * Covers plain Kafka, SASL/SCRAM, SASL/PLAIN over TLS (Azure Event Hubs' Kafka endpoint, username
 * {@code $ConnectionString}, password the connection string) and AWS MSK IAM.
 */
public record KafkaConnection(
        String bootstrapServers, String protocol, String mechanism, String username, Secret password,
        String truststoreFile, Secret truststorePassword, Map<String, String> properties) implements Serializable {

    private static final String[] PROTOCOLS = {"PLAINTEXT", "SSL", "SASL_PLAINTEXT", "SASL_SSL"};
    private static final String[] MECHANISMS = {"PLAIN", "SCRAM-SHA-256", "SCRAM-SHA-512", "AWS_MSK_IAM"};

    public static KafkaConnection from(Section s, Map<String, String> env) {
        String bootstrap = s.requiredString("bootstrap-servers", "list the brokers, e.g. broker-1:9092,broker-2:9092");
        Section sec = s.section("security");
        String mechanism = sec.choice("mechanism", null, MECHANISMS);
        String defaultProtocol = mechanism == null ? "PLAINTEXT" : "SASL_SSL";
        String protocol = sec.choice("protocol", defaultProtocol, PROTOCOLS);
        if (mechanism != null && !protocol.startsWith("SASL")) {
            throw new SettingsException(sec.key("protocol"), "mechanism " + mechanism + " needs protocol SASL_SSL (or SASL_PLAINTEXT on a trusted network)");
        }
        String username = sec.string("username", null);
        boolean needsPassword = mechanism != null && !mechanism.equals("AWS_MSK_IAM");
        Secret password = Secret.read(sec, "password", needsPassword, env);
        if (needsPassword && username == null) {
            throw new SettingsException(sec.key("username"), "is required for " + mechanism + " (for Azure Event Hubs it is $ConnectionString)");
        }
        String truststore = sec.string("truststore-file", null);
        Secret truststorePassword = Secret.read(sec, "truststore-password", false, env);
        Map<String, String> extra = new LinkedHashMap<>();
        Section props = s.section("properties");
        for (String k : props.keys()) {
            String lower = k.toLowerCase(Locale.ROOT);
            if (lower.contains("password") || lower.contains("jaas") || lower.contains("secret")) {
                throw new SettingsException(props.key(k), "secrets are never written in the configuration: use security.password-env or security.password-file");
            }
            extra.put(k, props.string(k, null));
        }
        return new KafkaConnection(bootstrap, protocol, mechanism, username, password, truststore, truststorePassword, Map.copyOf(extra));
    }

    /** The client properties: bootstrap, security, then the extra properties. */
    public Properties clientProperties() {
        Properties p = new Properties();
        p.setProperty("bootstrap.servers", bootstrapServers);
        p.setProperty("security.protocol", protocol);
        if (mechanism != null) {
            p.setProperty("sasl.mechanism", mechanism);
            if (mechanism.equals("AWS_MSK_IAM")) {
                p.setProperty("sasl.jaas.config", "software.amazon.msk.auth.iam.IAMLoginModule required;");
                p.setProperty("sasl.client.callback.handler.class", "software.amazon.msk.auth.iam.IAMClientCallbackHandler");
            } else {
                String module = mechanism.equals("PLAIN")
                        ? "org.apache.kafka.common.security.plain.PlainLoginModule"
                        : "org.apache.kafka.common.security.scram.ScramLoginModule";
                p.setProperty("sasl.jaas.config", module + " required username=\"" + escape(username) + "\" password=\"" + escape(password.value()) + "\";");
            }
        }
        if (truststoreFile != null) {
            p.setProperty("ssl.truststore.location", truststoreFile);
            if (truststorePassword != null) {
                p.setProperty("ssl.truststore.password", truststorePassword.value());
            }
        }
        properties.forEach(p::setProperty);
        return p;
    }

    private static String escape(String s) {
        return s.replace("\\", "\\\\").replace("\"", "\\\"");
    }

    public String describe() {
        return bootstrapServers + " (" + protocol + (mechanism == null ? "" : ", " + mechanism) + ")";
    }

    @Override
    public String toString() {
        return "KafkaConnection{" + describe() + "}";
    }
}
