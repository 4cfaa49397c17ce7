package io.trailhunt.job.config;

import io.trailhunt.events.settings.Section;
import io.trailhunt.events.settings.SettingsException;

import java.io.Serializable;
import java.util.Map;

/** A Kinesis stream as an output; records are partitioned by principal. */
public record KinesisOutputSettings(String streamArn, AwsConnection aws) implements Serializable {

    public static KinesisOutputSettings from(Section s, Map<String, String> env) {
        String arn = s.requiredString("stream-arn", "the stream's ARN, e.g. arn:aws:kinesis:us-east-1:111122223333:stream/trailhunt-findings");
        String[] parts = arn.split(":");
        if (parts.length < 6 || !parts[2].equals("kinesis") || !parts[5].startsWith("stream/")) {
            throw new SettingsException(s.key("stream-arn"), "'" + arn + "' is not a Kinesis stream ARN (arn:aws:kinesis:<region>:<account>:stream/<name>)");
        }
        return new KinesisOutputSettings(arn, AwsConnection.from(s, parts[3], env));
    }
}
