package io.trailhunt.job.config;

import io.trailhunt.events.settings.Section;
import io.trailhunt.events.settings.SettingsException;

import java.io.Serializable;
import java.util.Map;
import java.util.Properties;

/**
 * Region, credentials and endpoint for the Kinesis client. Credentials come from the standard AWS
 * provider chain (environment, profile, web identity, instance or pod role) unless given as
 * environment variables or files; the endpoint override serves VPC endpoints and emulators.
 */
public record AwsConnection(String region, String endpoint, Secret accessKeyId, Secret secretAccessKey) implements Serializable {

    public static AwsConnection from(Section s, String defaultRegion, Map<String, String> env) {
        String region = s.string("region", defaultRegion);
        if (region == null) {
            throw new SettingsException(s.key("region"), "is required: the stream's AWS region, e.g. us-east-1");
        }
        Section creds = s.section("credentials");
        Secret keyId = Secret.read(creds, "access-key-id", false, env);
        Secret secret = Secret.read(creds, "secret-access-key", keyId != null, env);
        if (keyId == null && secret != null) {
            throw new SettingsException(creds.key("access-key-id-env"), "is required with secret-access-key");
        }
        return new AwsConnection(region, s.string("endpoint", null), keyId, secret);
    }

    /** Properties in the keys the Flink AWS connectors read. */
    public Properties clientProperties() {
        Properties p = new Properties();
        p.setProperty("aws.region", region);
        if (endpoint != null) {
            p.setProperty("aws.endpoint", endpoint);
        }
        if (accessKeyId != null) {
            p.setProperty("aws.credentials.provider", "BASIC");
            p.setProperty("aws.credentials.provider.basic.accesskeyid", accessKeyId.value());
            p.setProperty("aws.credentials.provider.basic.secretkey", secretAccessKey.value());
        } else {
            p.setProperty("aws.credentials.provider", "AUTO");
        }
        if (endpoint != null && endpoint.startsWith("http://")) {
            p.setProperty("aws.http.protocol.version", "HTTP1_1"); // emulators speak HTTP/1.1 without TLS
        }
        return p;
    }

    public String describe() {
        return region + (endpoint == null ? "" : " via " + endpoint);
    }
}
