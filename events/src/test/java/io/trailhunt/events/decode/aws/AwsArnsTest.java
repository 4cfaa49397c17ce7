package io.trailhunt.events.decode.aws;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import static org.assertj.core.api.Assertions.assertThat;

class AwsArnsTest {
    @ParameterizedTest
    @CsvSource({"us-east-1,aws", "eu-central-1,aws", ",aws", "cn-north-1,aws-cn", "cn-northwest-1,aws-cn", "us-gov-west-1,aws-us-gov",
            "us-iso-east-1,aws-iso", "us-isob-east-1,aws-iso-b", "eu-isoe-west-1,aws-iso-e", "us-isof-south-1,aws-iso-f"})
    void theRegionTellsThePartition(String region, String partition) {
        assertThat(AwsArns.partition(region)).isEqualTo(partition);
    }

    @Test
    void arnsAreBuiltFromTheirParts() {
        assertThat(AwsArns.iamUser("aws-cn", "210987654321", "li.wei")).isEqualTo("arn:aws-cn:iam::210987654321:user/li.wei");
        assertThat(AwsArns.root("aws", "111122223333")).isEqualTo("arn:aws:iam::111122223333:root");
    }

    @Test
    void onlyAnIamUsersPathIsDropped() {
        assertThat(AwsArns.withoutPath("arn:aws:iam::111122223333:user/division/eng/bob")).isEqualTo("arn:aws:iam::111122223333:user/bob");
        assertThat(AwsArns.withoutPath("arn:aws:iam::111122223333:user/bob")).isEqualTo("arn:aws:iam::111122223333:user/bob");
        assertThat(AwsArns.withoutPath("arn:aws:sts::111122223333:assumed-role/admin/bob")).isEqualTo("arn:aws:sts::111122223333:assumed-role/admin/bob");
        assertThat(AwsArns.withoutPath("arn:aws:iam::111122223333:role/service/deployer")).isEqualTo("arn:aws:iam::111122223333:role/service/deployer");
        assertThat(AwsArns.withoutPath("grace@acme.example")).isEqualTo("grace@acme.example");
        assertThat(AwsArns.withoutPath(null)).isNull();
    }
}
