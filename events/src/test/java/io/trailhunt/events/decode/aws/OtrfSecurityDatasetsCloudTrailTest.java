package io.trailhunt.events.decode.aws;

import io.trailhunt.events.model.AuditEvent;
import io.trailhunt.events.model.Category;
import io.trailhunt.events.model.PrincipalType;
import io.trailhunt.events.testing.RealLogs;
import org.junit.jupiter.api.Test;

import java.util.List;

import static java.util.Map.entry;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * OTRF's SSRF-to-instance-credentials-to-S3 exfiltration dataset: CloudTrail shipped through
 * Logstash, so the time is in {@code @timestamp} (there is no eventTime). One event per line.
 */
class OtrfSecurityDatasetsCloudTrailTest {
    private static final String FILE = "otrf-security-datasets/ec2_proxy_s3_exfiltration_2020-09-14011940.json";
    private static final String ROLE_SESSION = "arn:aws:sts::123456789123:assumed-role/MordorNginxStack-BankingWAFRole-9S3E0UAE1MM0/i-0317f6c6b66ae9c40";

    @Test
    void all103EventsDecodeAndMatchTheirRawRecords() {
        Decodings d = Decodings.ofLines(FILE);
        List<byte[]> lines = RealLogs.lines(FILE);

        assertThat(lines).hasSize(103);
        assertThat(d.deadLetters).isEmpty();
        assertThat(d.events).hasSize(103);
        for (int i = 0; i < lines.size(); i++) {
            assertThat(d.events.get(i).origin).isEqualTo(FILE + ":" + (i + 1));
            CloudTrailCrossCheck.assertMatchesRaw(d.events.get(i), CloudTrailCrossCheck.parse(lines.get(i)));
        }
        assertThat(d.events).extracting(e -> e.principalType).containsOnly(
                PrincipalType.USER, PrincipalType.CLOUD_SERVICE, PrincipalType.ASSUMED_ROLE);
        assertThat(d.events).filteredOn(e -> e.principalType == PrincipalType.ASSUMED_ROLE).hasSize(11);
        assertThat(d.events).filteredOn(e -> e.category == Category.DATA).hasSize(9);
    }

    @Test
    void line1TimeIsReadFromTheLogstashTimestamp() {
        AuditEvent e = Decodings.ofLines(FILE).events.get(0);

        assertThat(e.eventTime).isEqualTo(1_600_044_263_000L); // "@timestamp":"2020-09-14T00:44:23.000Z"
        assertThat(e.action).isEqualTo("DescribeInstanceTypes");
        assertThat(e.principal).isEqualTo("arn:aws:iam::123456789123:user/pedro");
        assertThat(e.readOnly).isNull(); // this eventVersion 1.05 record has no readOnly
        assertThat(e.params).containsEntry("DescribeInstanceTypesRequest.MaxResults", "100");
    }

    @Test
    void line40InstanceProfileCredentialsAreIssuedToTheEc2Service() {
        AuditEvent e = Decodings.ofLines(FILE).events.get(39);

        assertThat(e.action).isEqualTo("AssumeRole");
        assertThat(e.principal).isEqualTo("ec2.amazonaws.com");
        assertThat(e.principalType).isEqualTo(PrincipalType.CLOUD_SERVICE);
        assertThat(e.principalTypeRaw).isEqualTo("AWSService");
        assertThat(e.sourceIp).isEqualTo("ec2.amazonaws.com");
        assertThat(e.account).isEqualTo("123456789123");
    }

    @Test
    void line80StolenRoleCredentialsDownloadAnObject() {
        AuditEvent e = Decodings.ofLines(FILE).events.get(79);

        assertThat(e.action).isEqualTo("GetObject");
        assertThat(e.principal).isEqualTo(ROLE_SESSION);
        assertThat(e.principalType).isEqualTo(PrincipalType.ASSUMED_ROLE);
        assertThat(e.roleArn).isEqualTo("arn:aws:iam::123456789123:role/MordorNginxStack-BankingWAFRole-9S3E0UAE1MM0");
        assertThat(e.category).isEqualTo(Category.DATA);
        assertThat(e.readOnly).isTrue();
        assertThat(e.resources).containsExactly(entry("bucket", "mordors3stack-s3bucket-llp2yingx64a"), entry("objectKey", "ring.txt"));
        assertThat(e.params).containsEntry("bucketName", "mordors3stack-s3bucket-llp2yingx64a")
                .containsEntry("key", "ring.txt")
                .containsKey("additional.bytesTransferredOut");
    }
}
