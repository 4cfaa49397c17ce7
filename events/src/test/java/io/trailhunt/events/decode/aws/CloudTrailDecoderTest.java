package io.trailhunt.events.decode.aws;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.trailhunt.events.decode.Flattener;
import io.trailhunt.events.decode.RecordRejectedException;
import io.trailhunt.events.model.AuditEvent;
import io.trailhunt.events.model.Category;
import io.trailhunt.events.model.Cloud;
import io.trailhunt.events.model.Outcome;
import io.trailhunt.events.model.PrincipalType;
import io.trailhunt.events.testing.RealLogs;
import org.junit.jupiter.api.Test;

import static java.util.Map.entry;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The CloudTrail rules that the real logs at hand do not exercise. Each test starts from a real
 * record and changes only what the case is about; identity shapes absent from the real logs are
 * copied from the examples of AWS's CloudTrail userIdentity documentation.
 */
class CloudTrailDecoderTest {
    private final CloudTrailDecoder decoder = new CloudTrailDecoder();

    /** Stratus ec2-get-password-data record 0: a denied call by a role session. */
    private static ObjectNode roleSessionRecord() {
        JsonNode all = CloudTrailCrossCheck.parse(RealLogs.bytes("stratus-red-team-detonation-logs/aws.credential-access.ec2-get-password-data.json"));
        return (ObjectNode) all.get(0).deepCopy();
    }

    /** Stratus cloudtrail-stop: StopLogging by an IAM user. */
    private static ObjectNode userRecord() {
        JsonNode all = CloudTrailCrossCheck.parse(RealLogs.bytes("stratus-red-team-detonation-logs/aws.defense-evasion.cloudtrail-stop.json"));
        return (ObjectNode) all.get(0).deepCopy();
    }

    private AuditEvent decode(JsonNode record) throws RecordRejectedException {
        return decoder.decode(record, "test-origin");
    }

    private static ObjectNode identity(ObjectNode record, String json) {
        ObjectNode ui = (ObjectNode) CloudTrailCrossCheck.parse(json);
        record.set("userIdentity", ui);
        return record;
    }

    @Test
    void roleSessionWithASourceIdentityIsKnownByIt() throws Exception {
        ObjectNode r = roleSessionRecord();
        ((ObjectNode) r.get("userIdentity").get("sessionContext")).put("sourceIdentity", "alice@example.com");

        AuditEvent e = decode(r);

        assertThat(e.principal).isEqualTo("alice@example.com");
        assertThat(e.principalType).isEqualTo(PrincipalType.ASSUMED_ROLE);
        assertThat(e.roleArn).isEqualTo("arn:aws:iam::457448411975:role/stratus-red-team-ec2-get-password-data-role");
    }

    @Test
    void sourceIdentityDirectlyInUserIdentityIsReadToo() throws Exception {
        ObjectNode r = roleSessionRecord();
        ((ObjectNode) r.get("userIdentity")).put("sourceIdentity", "bob");

        assertThat(decode(r).principal).isEqualTo("bob");
    }

    @Test
    void roleSessionWithoutSourceIdentityIsItsSessionArn() throws Exception {
        AuditEvent e = decode(roleSessionRecord());

        assertThat(e.principal).isEqualTo("arn:aws:sts::457448411975:assumed-role/stratus-red-team-ec2-get-password-data-role/aws-go-sdk-1722375070115152000");
    }

    @Test
    void anonymousS3CallerIsAnonymous() throws Exception {
        ObjectNode r = identity(userRecord(), "{\"type\":\"AWSAccount\",\"principalId\":\"\",\"accountId\":\"ANONYMOUS_PRINCIPAL\"}");

        AuditEvent e = decode(r);

        assertThat(e.principal).isEqualTo("anonymous");
        assertThat(e.principalType).isEqualTo(PrincipalType.ANONYMOUS);
        assertThat(e.principalTypeRaw).isEqualTo("AWSAccount");
        assertThat(e.account).isEqualTo("143434273843"); // the bucket owner's (recipient) account

        r.remove("recipientAccountId");
        assertThat(decode(r).account).isNull(); // ANONYMOUS_PRINCIPAL is not an account
    }

    @Test
    void crossAccountCallerKnownOnlyByItsAccountIsThatAccountsRoot() throws Exception {
        AuditEvent e = decode(identity(userRecord(), "{\"type\":\"AWSAccount\",\"accountId\":\"111122223333\"}"));

        assertThat(e.principal).isEqualTo("arn:aws:iam::111122223333:root");
        assertThat(e.principalType).isEqualTo(PrincipalType.EXTERNAL_ACCOUNT);
        assertThat(e.account).isEqualTo("143434273843");
    }

    @Test
    void samlAndWebIdentityUsersAreFederatedUsersByUserName() throws Exception {
        AuditEvent saml = decode(identity(userRecord(), "{\"type\":\"SAMLUser\",\"principalId\":\"SampleUkh1i4+ExamplexL/jEvs=:SamlExample\","
                + "\"userName\":\"SamlExample\",\"identityProvider\":\"bdGOnTesti4+ExamplexL/jEvs=\"}"));
        assertThat(saml.principal).isEqualTo("SamlExample");
        assertThat(saml.principalType).isEqualTo(PrincipalType.FEDERATED_USER);
        assertThat(saml.principalTypeRaw).isEqualTo("SAMLUser");

        AuditEvent web = decode(identity(userRecord(), "{\"type\":\"WebIdentityUser\",\"principalId\":\"accounts.google.com:application-id.apps.googleusercontent.com:user-id\","
                + "\"identityProvider\":\"accounts.google.com\"}"));
        assertThat(web.principal).isEqualTo("accounts.google.com:application-id.apps.googleusercontent.com:user-id");
        assertThat(web.principalType).isEqualTo(PrincipalType.FEDERATED_USER);
    }

    @Test
    void identityCenterUserIsTheIdentityStoreUser() throws Exception {
        AuditEvent e = decode(identity(userRecord(), "{\"type\":\"IdentityCenterUser\",\"accountId\":\"123456789012\","
                + "\"onBehalfOf\":{\"userId\":\"544894e8-80c1-707f-60e3-3ba6510dfac1\","
                + "\"identityStoreArn\":\"arn:aws:identitystore::123456789012:identitystore/d-9067642ac7\"},"
                + "\"credentialId\":\"EXAMPLEVHULjJdTUdPJfofVa1sufHDoj7aYcOYcxFVllWR_Whr1fEXAMPLE\"}"));

        assertThat(e.principal).isEqualTo("544894e8-80c1-707f-60e3-3ba6510dfac1");
        assertThat(e.principalType).isEqualTo(PrincipalType.USER);
    }

    @Test
    void rootWithoutAnArnIsItsAccountsRootArn() throws Exception {
        AuditEvent e = decode(identity(userRecord(), "{\"type\":\"Root\",\"principalId\":\"111122223333\",\"accountId\":\"111122223333\"}"));

        assertThat(e.principal).isEqualTo("arn:aws:iam::111122223333:root");
        assertThat(e.principalType).isEqualTo(PrincipalType.ROOT);
    }

    @Test
    void unknownTypeAndAnIdentityThatIsNotAnObjectAreUnknown() throws Exception {
        AuditEvent e = decode(identity(userRecord(), "{\"type\":\"Unknown\",\"principalId\":\"x\",\"userName\":\"someone\"}"));
        assertThat(e.principal).isEqualTo("someone");
        assertThat(e.principalType).isEqualTo(PrincipalType.UNKNOWN);

        ObjectNode r = userRecord();
        r.put("userIdentity", "not an object");
        AuditEvent odd = decode(r);
        assertThat(odd.principal).isEqualTo("unknown");
        assertThat(odd.principalType).isEqualTo(PrincipalType.UNKNOWN);
        assertThat(odd.account).isEqualTo("143434273843");
    }

    @Test
    void eventTimeWinsOverTheLogstashTimestampAndIsNeverReplacedByIt() throws Exception {
        ObjectNode r = userRecord();
        r.put("@timestamp", "2030-01-01T00:00:00.000Z");
        assertThat(decode(r).eventTime).isEqualTo(1_722_431_184_000L);

        r.put("eventTime", "yesterday");
        assertThatThrownBy(() -> decode(r)).isInstanceOf(RecordRejectedException.class)
                .hasMessage("unparseable event time in 'eventTime': 'yesterday'");

        r.remove("eventTime");
        r.put("@timestamp", "2020-09-14 00:44:23");
        assertThat(decode(r).eventTime).isEqualTo(1_600_044_263_000L);
        r.put("@timestamp", "soon");
        assertThatThrownBy(() -> decode(r)).hasMessage("unparseable event time in '@timestamp': 'soon'");
        r.remove("@timestamp");
        assertThatThrownBy(() -> decode(r)).hasMessage("no event time: field 'eventTime' is missing");
    }

    @Test
    void aRecordWithoutEventNameOrEventSourceIsRejected() {
        ObjectNode noName = userRecord();
        noName.remove("eventName");
        assertThatThrownBy(() -> decode(noName)).isInstanceOf(RecordRejectedException.class)
                .hasMessage("no action: field 'eventName' is missing");

        ObjectNode noSource = userRecord();
        noSource.put("eventSource", "");
        assertThatThrownBy(() -> decode(noSource)).hasMessage("no service: field 'eventSource' is missing");
    }

    @Test
    void readOnlyAsBooleanOrString() throws Exception {
        ObjectNode r = userRecord();
        r.put("readOnly", "true");
        assertThat(decode(r).readOnly).isTrue();
        r.put("readOnly", "false");
        assertThat(decode(r).readOnly).isFalse();
        r.remove("readOnly");
        assertThat(decode(r).readOnly).isNull();
    }

    @Test
    void sourceAddressLosesItsPort() throws Exception {
        ObjectNode r = userRecord();
        r.put("sourceIPAddress", "86.245.153.234:50412");
        assertThat(decode(r).sourceIp).isEqualTo("86.245.153.234");
        r.put("sourceIPAddress", "[2a01:cb00:1:2::3]:50412");
        assertThat(decode(r).sourceIp).isEqualTo("2a01:cb00:1:2::3");
        r.put("sourceIPAddress", "AWS Internal");
        assertThat(decode(r).sourceIp).isEqualTo("AWS Internal");
    }

    @Test
    void errorCodeMakesAnySignInAFailure() throws Exception {
        JsonNode all = CloudTrailCrossCheck.parse(RealLogs.bytes("stratus-red-team-detonation-logs/aws.initial-access.console-login-without-mfa.json"));
        ObjectNode r = (ObjectNode) all.get(0).deepCopy();
        r.put("errorCode", "AccessDenied");

        AuditEvent e = decode(r);

        assertThat(e.outcome).isEqualTo(Outcome.FAILURE);
        assertThat(e.errorCode).isEqualTo("AccessDenied");
        assertThat(e.category).isEqualTo(Category.SIGN_IN);
    }

    @Test
    void insightEventNamesTheApiInItsDetailsAndIsOther() throws Exception {
        // The Insight record shape of AWS's CloudTrail documentation.
        JsonNode r = CloudTrailCrossCheck.parse("{\"eventVersion\":\"1.08\",\"eventTime\":\"2020-07-21T20:56:00Z\",\"awsRegion\":\"us-east-1\","
                + "\"eventID\":\"a9edc959-9488-4790-be0f-05d60e56b547\",\"eventType\":\"AwsCloudTrailInsight\",\"recipientAccountId\":\"123456789012\","
                + "\"sharedEventID\":\"12edc982-3348-4794-83d3-a3db26525049\",\"insightDetails\":{\"state\":\"Start\",\"eventSource\":\"ssm.amazonaws.com\","
                + "\"eventName\":\"UpdateInstanceAssociationStatus\",\"insightType\":\"ApiCallRateInsight\",\"insightContext\":{\"statistics\":"
                + "{\"baseline\":{\"average\":0.0000882145},\"insight\":{\"average\":0.6},\"insightDuration\":5,\"baselineDuration\":11336}}},"
                + "\"eventCategory\":\"Insight\"}");

        AuditEvent e = decode(r);

        assertThat(e.category).isEqualTo(Category.OTHER);
        assertThat(e.action).isEqualTo("UpdateInstanceAssociationStatus");
        assertThat(e.service).isEqualTo("ssm.amazonaws.com");
        assertThat(e.outcome).isEqualTo(Outcome.UNKNOWN);
        assertThat(e.principal).isEqualTo("unknown");
        assertThat(e.account).isEqualTo("123456789012");
        assertThat(e.cloud).isEqualTo(Cloud.AWS);
    }

    @Test
    void resourcesCreatedByTheCallComeFromTheResponse() throws Exception {
        ObjectNode snapshot = userRecord();
        snapshot.put("eventSource", "ec2.amazonaws.com");
        snapshot.put("eventName", "CreateSnapshot");
        snapshot.set("requestParameters", CloudTrailCrossCheck.parse("{\"volumeId\":\"vol-0a1b2c3d4e5f60718\"}"));
        snapshot.set("responseElements", CloudTrailCrossCheck.parse("{\"snapshotId\":\"snap-0123456789abcdef0\",\"volumeId\":\"vol-0a1b2c3d4e5f60718\",\"status\":\"pending\"}"));
        assertThat(decode(snapshot).resources).containsExactly(entry("snapshotId", "snap-0123456789abcdef0"));

        snapshot.put("eventName", "CopySnapshot");
        snapshot.set("requestParameters", CloudTrailCrossCheck.parse("{\"sourceSnapshotId\":\"snap-0aaaaaaaaaaaaaaaa\",\"sourceRegion\":\"us-east-1\"}"));
        assertThat(decode(snapshot).resources).containsExactly(entry("snapshotId", "snap-0123456789abcdef0"));

        snapshot.put("eventName", "DescribeSnapshots"); // a response id of any other call is not the call's target
        assertThat(decode(snapshot).resources).isEmpty();

        ObjectNode image = userRecord();
        image.put("eventSource", "ec2.amazonaws.com");
        image.put("eventName", "CreateImage");
        image.set("requestParameters", CloudTrailCrossCheck.parse("{\"instanceId\":\"i-0381a3817f72a949d\",\"name\":\"backup\"}"));
        image.set("responseElements", CloudTrailCrossCheck.parse("{\"imageId\":\"ami-0abcdef1234567890\"}"));
        assertThat(decode(image).resources).containsExactly(entry("imageId", "ami-0abcdef1234567890"), entry("instanceId", "i-0381a3817f72a949d"));
    }

    @Test
    void keyActedOnAndRdsClusterSnapshot() throws Exception {
        ObjectNode key = userRecord();
        key.put("eventSource", "iam.amazonaws.com");
        key.put("eventName", "DeleteAccessKey");
        key.set("requestParameters", CloudTrailCrossCheck.parse("{\"userName\":\"bob\",\"accessKeyId\":\"AKIAIOSFODNN7EXAMPLE\"}"));
        assertThat(decode(key).resources).containsExactly(entry("userName", "bob"), entry("accessKeyId", "AKIAIOSFODNN7EXAMPLE"));

        ObjectNode rds = userRecord();
        rds.put("eventSource", "rds.amazonaws.com");
        rds.put("eventName", "ModifyDBClusterSnapshotAttribute");
        rds.set("requestParameters", CloudTrailCrossCheck.parse("{\"dBClusterSnapshotIdentifier\":\"cluster-snap\",\"attributeName\":\"restore\",\"valuesToAdd\":[\"all\"]}"));
        assertThat(decode(rds).resources).containsExactly(entry("snapshotId", "cluster-snap"));
    }

    @Test
    void trailNameOnlyForCloudTrailsOwnCalls() throws Exception {
        ObjectNode r = userRecord();
        r.put("eventSource", "ssm.amazonaws.com");
        r.put("eventName", "GetParameter");
        assertThat(decode(r).resources).isEmpty();
        assertThat(decode(r).params).containsExactly(entry("name", "stratus-red-team-ct-stop-trail-buykxbqejv"));
    }

    @Test
    void paramsAreBoundedWithRequestParametersFirst() throws Exception {
        ObjectNode r = userRecord();
        ObjectNode req = r.putObject("requestParameters");
        for (int i = 0; i < 60; i++) {
            req.put("p" + i, i);
        }
        r.putObject("additionalEventData").put("MFAUsed", "No");

        AuditEvent e = decode(r);

        assertThat(e.params).hasSize(Flattener.DEFAULT_MAX_ENTRIES).containsEntry("p0", "0").containsEntry("p47", "47")
                .doesNotContainKey("p48").doesNotContainKey("additional.MFAUsed");
    }

    @Test
    void recordWithoutEventIdGetsAStableContentId() throws Exception {
        ObjectNode r = userRecord();
        r.remove("eventID");

        String first = decode(r).eventId;
        assertThat(first).startsWith("sha256:").isEqualTo(decode(r.deepCopy()).eventId);
        r.put("sourceIPAddress", "198.51.100.1");
        assertThat(decode(r).eventId).isNotEqualTo(first);
    }

    @Test
    void originIsCopied() throws Exception {
        assertThat(decoder.decode(userRecord(), "s3://bucket/key.json.gz#Records[3]").origin).isEqualTo("s3://bucket/key.json.gz#Records[3]");
    }
}
