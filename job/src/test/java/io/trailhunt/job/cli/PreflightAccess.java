package io.trailhunt.job.cli;

import io.trailhunt.job.config.AwsConnection;
import io.trailhunt.job.config.KafkaConnection;

import java.time.Duration;
import java.util.List;
import java.util.Map;

/** Lets tests in other packages run one Kafka or Kinesis pre-flight check. */
public final class PreflightAccess {
    private PreflightAccess() {}

    public static void kafka(Duration timeout, String bootstrap, List<String> topics) {
        KafkaConnection c = new KafkaConnection(bootstrap, "PLAINTEXT", null, null, null, null, null, Map.of());
        new Preflight(timeout).kafka("inputs[name=t]", c, topics);
    }

    public static void kafka(Duration timeout, KafkaConnection c, List<String> topics) {
        new Preflight(timeout).kafka("inputs[name=t]", c, topics);
    }

    public static void kinesis(Duration timeout, String streamArn, AwsConnection aws) {
        new Preflight(timeout).kinesis("inputs[name=t]", streamArn, aws);
    }
}
