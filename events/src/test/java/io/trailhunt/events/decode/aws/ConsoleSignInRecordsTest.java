package io.trailhunt.events.decode.aws;

import io.trailhunt.events.decode.DecoderLimits;
import io.trailhunt.events.decode.RecordDecoder;
import io.trailhunt.events.model.AuditEvent;
import io.trailhunt.events.model.Category;
import io.trailhunt.events.model.Decoded;
import io.trailhunt.events.model.Outcome;
import io.trailhunt.events.model.PrincipalType;
import io.trailhunt.events.testing.TestResources;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Console sign-ins of IAM users, failed and successful. Records 1-5 are rows 13-17 of the Azure
 * Sentinel AWSCloudTrail sample export (real-logs/azure-sentinel-sample-data), written back as the
 * CloudTrail records they were read from: the failures carry no userIdentity.arn, only the account,
 * the user name and the principal id; the success carries the arn. The others follow AWS's
 * sign-in event examples: an unknown user name, the China and GovCloud partitions, a user with a path.
 */
class ConsoleSignInRecordsTest {
    static final String FILE = "/handwritten/aws/console-sign-ins.jsonl";
    private static final List<AuditEvent> EVENTS = new ArrayList<>();

    @BeforeAll
    static void decode() {
        RecordDecoder decoder = new RecordDecoder(DecoderLimits.defaults());
        List<String> lines = TestResources.lines(FILE);
        for (int i = 0; i < lines.size(); i++) {
            List<Decoded> out = decoder.decode(lines.get(i).getBytes(StandardCharsets.UTF_8), FILE + ":" + (i + 1));
            assertThat(out).hasSize(1);
            assertThat(out.get(0).isEvent()).as("line %d", i + 1).isTrue();
            EVENTS.add(out.get(0).event);
        }
    }

    /** 1-based, as the file's lines. */
    private static AuditEvent line(int n) {
        return EVENTS.get(n - 1);
    }

    @Test
    void aUsersFailuresWithoutAnArnAndItsSuccessWithOneAreOnePrincipal() {
        String arn = "arn:aws:iam::072643944673:user/sharmamanis";
        assertThat(List.of(line(1), line(2), line(3))).extracting(e -> e.outcome)
                .containsExactly(Outcome.FAILURE, Outcome.FAILURE, Outcome.SUCCESS);
        assertThat(List.of(line(1), line(2), line(3))).allSatisfy(e -> {
            assertThat(e.principal).isEqualTo(arn);
            assertThat(e.principalType).isEqualTo(PrincipalType.USER);
            assertThat(e.category).isEqualTo(Category.SIGN_IN);
            assertThat(e.principalKey()).isEqualTo("aws|072643944673|" + arn);
        });
        assertThat(line(1).errorMessage).isEqualTo("Failed authentication");
        assertThat(line(4).principal).isEqualTo("arn:aws:iam::072643944673:user/CATTeamIDC");
    }

    @Test
    void anUnknownUserNameIsNoUser() {
        AuditEvent e = line(6);
        assertThat(e.principal).isEqualTo(AwsArns.HIDDEN_USER_NAME);
        assertThat(e.principalType).isEqualTo(PrincipalType.UNKNOWN);
        assertThat(e.principalTypeRaw).isEqualTo("IAMUser");
        assertThat(e.outcome).isEqualTo(Outcome.FAILURE);
        assertThat(e.errorMessage).isEqualTo("No username found in supplied account");
    }

    @Test
    void theArnIsBuiltInThePartitionOfTheRegion() {
        assertThat(line(7).principal).isEqualTo("arn:aws-cn:iam::210987654321:user/li.wei");
        assertThat(line(8).principal).isEqualTo("arn:aws-us-gov:iam::345678901234:user/gov.ops");
    }

    @Test
    void aUserWithAPathIsNamedWithoutItWhenTheRecordDoesNotGiveIt() {
        assertThat(line(9).principal).isEqualTo("arn:aws:iam::072643944673:user/bob");
        assertThat(line(10).principal).isEqualTo("arn:aws:iam::072643944673:user/engineering/bob");
        assertThat(AwsArns.withoutPath(line(10).principal)).isEqualTo(line(9).principal);
    }

    @Test
    void everyRecordMatchesTheCrossCheck() {
        List<String> lines = TestResources.lines(FILE);
        for (int i = 0; i < lines.size(); i++) {
            CloudTrailCrossCheck.assertMatchesRaw(EVENTS.get(i), CloudTrailCrossCheck.parse(lines.get(i)));
        }
    }
}
