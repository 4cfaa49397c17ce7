package io.trailhunt.job.cli;

import io.trailhunt.events.settings.SettingsException;
import io.trailhunt.job.config.AwsConnection;
import io.trailhunt.job.config.InputSettings;
import io.trailhunt.job.config.KafkaConnection;
import io.trailhunt.job.config.KafkaInputSettings;
import io.trailhunt.job.config.KinesisInputSettings;
import io.trailhunt.job.config.OutputSettings;
import io.trailhunt.job.config.TrailhuntConfig;
import org.apache.flink.kinesis.shaded.software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import org.apache.flink.kinesis.shaded.software.amazon.awssdk.auth.credentials.DefaultCredentialsProvider;
import org.apache.flink.kinesis.shaded.software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import org.apache.flink.kinesis.shaded.software.amazon.awssdk.core.exception.SdkException;
import org.apache.flink.kinesis.shaded.software.amazon.awssdk.regions.Region;
import org.apache.flink.kinesis.shaded.software.amazon.awssdk.services.kinesis.KinesisClient;
import org.apache.flink.kinesis.shaded.software.amazon.awssdk.services.kinesis.KinesisClientBuilder;
import org.apache.flink.kinesis.shaded.software.amazon.awssdk.services.kinesis.model.DescribeStreamSummaryRequest;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.common.errors.AuthenticationException;
import org.apache.kafka.common.errors.AuthorizationException;
import org.apache.kafka.common.errors.UnknownTopicOrPartitionException;

import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * Checks before the job starts that every stream it names can be reached with the credentials
 * given, so a wrong address or password ends the run within seconds with a message that says so,
 * instead of a job that restarts forever. Messages name the input or output and never the secret.
 */
public final class Preflight {
    /**
     * The admin client's client.id: flink-conf/log4j-cli.properties drops that client's logging,
     * a warning per retry of an unreachable broker, because the check says what is wrong itself.
     */
    public static final String KAFKA_CLIENT_ID = "trailhunt-preflight";

    private final Duration timeout;

    public Preflight(Duration timeout) {
        this.timeout = timeout;
    }

    public void check(TrailhuntConfig config) {
        for (InputSettings in : config.inputs()) {
            String key = "inputs[name=" + in.name() + "]";
            if (in instanceof KafkaInputSettings k) {
                kafka(key, k.connection(), k.topics());
            } else if (in instanceof KinesisInputSettings k) {
                kinesis(key, k.streamArn(), k.aws());
            }
        }
        output("outputs.findings", config.findings());
        output("outputs.dead-letters", config.deadLetters());
        if (config.scores() != null) {
            output("outputs.scores", config.scores());
        }
    }

    private void output(String key, OutputSettings out) {
        if (out.kafka() != null) {
            kafka(key, out.kafka().connection(), List.of(out.kafka().topic()));
        } else if (out.kinesis() != null) {
            kinesis(key, out.kinesis().streamArn(), out.kinesis().aws());
        }
    }

    void kafka(String key, KafkaConnection connection, List<String> topics) {
        Properties p = connection.clientProperties();
        p.setProperty("client.id", KAFKA_CLIENT_ID);
        int ms = (int) timeout.toMillis();
        p.setProperty("request.timeout.ms", Integer.toString(ms));
        p.setProperty("default.api.timeout.ms", Integer.toString(ms));
        p.setProperty("socket.connection.setup.timeout.max.ms", Integer.toString(ms));
        p.setProperty("reconnect.backoff.max.ms", "1000");
        try (Admin admin = Admin.create(p)) {
            if (topics.isEmpty()) {
                admin.listTopics().names().get(ms, TimeUnit.MILLISECONDS);
            } else {
                admin.describeTopics(topics).allTopicNames().get(ms, TimeUnit.MILLISECONDS);
            }
        } catch (TimeoutException e) {
            throw new SettingsException(key, unreachable(connection));
        } catch (ExecutionException e) {
            throw new SettingsException(key, kafkaProblem(connection, topics, e.getCause()));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new SettingsException(key, "interrupted while checking Kafka at " + connection.describe());
        } catch (org.apache.kafka.common.KafkaException e) {
            throw new SettingsException(key, "cannot connect to Kafka at " + connection.describe() + ": " + e.getMessage());
        }
    }

    // The admin client's own timeout and ours race; both mean the same to the operator.
    private String unreachable(KafkaConnection c) {
        return "cannot reach Kafka at " + c.describe() + " within " + timeout.toSeconds()
                + "s; check bootstrap-servers, the network and security.protocol";
    }

    String kafkaProblem(KafkaConnection c, List<String> topics, Throwable cause) {
        boolean iam = "AWS_MSK_IAM".equals(c.mechanism());
        if (cause instanceof AuthenticationException) {
            return "Kafka at " + c.describe() + " refused the credentials (" + cause.getMessage() + "); "
                    + (iam ? "check the AWS credentials the job runs with (standard AWS provider chain: environment, profile, pod or instance role)"
                            + " and that their IAM policy allows kafka-cluster:Connect on the cluster"
                            : "check security.username and the password's variable or file");
        }
        if (cause instanceof AuthorizationException) {
            return "Kafka at " + c.describe() + " does not let this " + (iam ? "IAM identity" : "user") + " describe " + topics + "; "
                    + (iam ? "allow kafka-cluster:DescribeTopic and kafka-cluster:ReadData (inputs, with kafka-cluster:AlterGroup and"
                            + " kafka-cluster:DescribeGroup) or kafka-cluster:WriteData (outputs, with kafka-cluster:WriteDataIdempotently, kafka-cluster:DescribeTransactionalId"
                            + " and kafka-cluster:AlterTransactionalId for exactly-once) in its IAM policy"
                            : "grant it Describe and Read (or Write)");
        }
        if (cause instanceof UnknownTopicOrPartitionException) {
            return "a topic of " + topics + " does not exist at " + c.describe() + "; create it or correct the name";
        }
        if (cause instanceof org.apache.kafka.common.errors.TimeoutException) {
            return unreachable(c);
        }
        return "Kafka at " + c.describe() + " answered: " + cause;
    }

    void kinesis(String key, String streamArn, AwsConnection aws) {
        KinesisClientBuilder b = KinesisClient.builder()
                .region(Region.of(aws.region()))
                .overrideConfiguration(o -> o.apiCallTimeout(timeout).apiCallAttemptTimeout(timeout));
        if (aws.endpoint() != null) {
            b.endpointOverride(URI.create(aws.endpoint()));
        }
        b.credentialsProvider(aws.accessKeyId() != null
                ? StaticCredentialsProvider.create(AwsBasicCredentials.create(aws.accessKeyId().value(), aws.secretAccessKey().value()))
                : DefaultCredentialsProvider.create());
        try (KinesisClient client = b.build()) {
            client.describeStreamSummary(DescribeStreamSummaryRequest.builder().streamARN(streamArn).build());
        } catch (SdkException e) {
            List<String> hints = new ArrayList<>();
            hints.add("check stream-arn, region" + (aws.endpoint() == null ? "" : ", endpoint") + " and the credentials (standard AWS provider chain unless given)");
            throw new SettingsException(key, "cannot describe Kinesis stream " + streamArn + " in " + aws.describe() + ": "
                    + firstLine(e.getMessage()) + "; " + String.join("; ", hints));
        }
    }

    private static String firstLine(String s) {
        if (s == null) {
            return "";
        }
        int nl = s.indexOf('\n');
        return nl < 0 ? s : s.substring(0, nl);
    }
}
