package io.trailhunt.job.cli;

import io.trailhunt.events.settings.SettingsException;
import io.trailhunt.job.config.AwsConnection;
import io.trailhunt.job.config.KafkaConnection;
import io.trailhunt.job.config.Secret;
import org.apache.kafka.common.errors.SaslAuthenticationException;
import org.apache.kafka.common.errors.TopicAuthorizationException;
import org.junit.jupiter.api.Test;

import java.net.InetAddress;
import java.net.ServerSocket;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

/** What the Kafka pre-flight tells the operator when the brokers refuse the job, per mechanism. */
class PreflightTest {
    private static final Preflight PREFLIGHT = new Preflight(Duration.ofSeconds(10));
    private static final String MSK = "b-1.audit.abc123.c2.kafka.us-east-1.amazonaws.com:9098";

    private static KafkaConnection iam() {
        return new KafkaConnection(MSK, "SASL_SSL", "AWS_MSK_IAM", null, null, null, null, Map.of());
    }

    private static KafkaConnection scram() {
        return new KafkaConnection("kafka-1:9093", "SASL_SSL", "SCRAM-SHA-512", "trailhunt", Secret.of("pw", "pw"), null, null, Map.of());
    }

    @Test
    void anMskIamAuthenticationFailurePointsAtTheAwsCredentialsAndTheIamPolicy() {
        String m = PREFLIGHT.kafkaProblem(iam(), List.of("cloudtrail"),
                new SaslAuthenticationException("[e3f1] Access denied"));
        assertThat(m).isEqualTo("Kafka at " + MSK + " (SASL_SSL, AWS_MSK_IAM) refused the credentials ([e3f1] Access denied); check the AWS"
                + " credentials the job runs with (standard AWS provider chain: environment, profile, pod or instance role) and that their"
                + " IAM policy allows kafka-cluster:Connect on the cluster");
        assertThat(m).doesNotContain("password");
    }

    @Test
    void anMskIamAuthorizationFailureNamesTheIamActions() {
        String m = PREFLIGHT.kafkaProblem(iam(), List.of("cloudtrail"), new TopicAuthorizationException(Set.of("cloudtrail")));
        assertThat(m).isEqualTo("Kafka at " + MSK + " (SASL_SSL, AWS_MSK_IAM) does not let this IAM identity describe [cloudtrail];"
                + " allow kafka-cluster:DescribeTopic and kafka-cluster:ReadData (inputs, with kafka-cluster:AlterGroup and"
                + " kafka-cluster:DescribeGroup) or kafka-cluster:WriteData (outputs, with kafka-cluster:WriteDataIdempotently, kafka-cluster:DescribeTransactionalId"
                + " and kafka-cluster:AlterTransactionalId for exactly-once) in its IAM policy");
    }

    /**
     * The endpoint accepts connections (the kernel's backlog) but never answers, as a black-holed
     * VPC endpoint would: the check gives up after its timeout, not the SDK's minutes, and says what
     * to check.
     */
    @Test
    void aKinesisEndpointThatNeverAnswersStopsTheStartWithinTheTimeout() throws Exception {
        try (ServerSocket silent = new ServerSocket(0, 50, InetAddress.getLoopbackAddress())) {
            checkStopsWithin("http://127.0.0.1:" + silent.getLocalPort());
        }
    }

    /** Nothing listens on the endpoint. */
    @Test
    void aRefusedKinesisEndpointStopsTheStart() throws Exception {
        int closedPort;
        try (ServerSocket s = new ServerSocket(0)) {
            closedPort = s.getLocalPort();
        }
        checkStopsWithin("http://127.0.0.1:" + closedPort);
    }

    private static void checkStopsWithin(String endpoint) {
        AwsConnection aws = new AwsConnection("eu-west-1", endpoint, Secret.of("env AWS_KEY", "AKIAEXAMPLEKEYID"),
                Secret.of("env AWS_SECRET", "wJalrXUtnFEMIK7MDENGbPxRfiCYEXAMPLEKEY"));
        String arn = "arn:aws:kinesis:eu-west-1:111122223333:stream/cloudtrail";
        // a 2 s timeout; the bound leaves room for the SDK's own attempt timeout and a slow machine
        SettingsException e = assertTimeoutPreemptively(Duration.ofSeconds(15), () -> assertThrows(SettingsException.class,
                () -> new Preflight(Duration.ofSeconds(2)).kinesis("inputs[name=ct]", arn, aws)));
        assertThat(e.getMessage()).startsWith("inputs[name=ct]: cannot describe Kinesis stream " + arn + " in eu-west-1 via " + endpoint + ": ")
                .endsWith("; check stream-arn, region, endpoint and the credentials (standard AWS provider chain unless given)")
                .doesNotContain("AKIAEXAMPLEKEYID").doesNotContain("wJalrXUtnFEMIK7MDENGbPxRfiCYEXAMPLEKEY");
    }

    @Test
    void aScramFailurePointsAtTheUsernameAndPassword() {
        assertThat(PREFLIGHT.kafkaProblem(scram(), List.of("cloudtrail"), new SaslAuthenticationException("Authentication failed during authentication due to invalid credentials with SASL mechanism SCRAM-SHA-512")))
                .isEqualTo("Kafka at kafka-1:9093 (SASL_SSL, SCRAM-SHA-512) refused the credentials (Authentication failed during authentication"
                        + " due to invalid credentials with SASL mechanism SCRAM-SHA-512); check security.username and the password's variable or file");
        assertThat(PREFLIGHT.kafkaProblem(scram(), List.of("cloudtrail"), new TopicAuthorizationException(Set.of("cloudtrail"))))
                .isEqualTo("Kafka at kafka-1:9093 (SASL_SSL, SCRAM-SHA-512) does not let this user describe [cloudtrail]; grant it Describe and Read (or Write)");
    }
}
