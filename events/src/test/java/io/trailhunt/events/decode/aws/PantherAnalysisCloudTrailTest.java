package io.trailhunt.events.decode.aws;

import io.trailhunt.events.model.AuditEvent;
import io.trailhunt.events.model.Category;
import io.trailhunt.events.model.DeadLetter;
import io.trailhunt.events.model.Outcome;
import io.trailhunt.events.model.PrincipalType;
import io.trailhunt.events.testing.RealLogs;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;

import static java.util.Map.entry;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Panther's rule-test events (partial, hand-made and redacted CloudTrail: good for robustness), its
 * compromised-root-credentials and enrichment scenarios, and its S3 server access log tests (a format
 * Trailhunt does not read, so every record must come out as a dead letter). One record per line.
 */
class PantherAnalysisCloudTrailTest {
    private static final String FOLDER = "panther-analysis/";
    private static final String CLOUDTRAIL = FOLDER + "panther_tests_AWS_CloudTrail.events.jsonl";
    private static final String S3_ACCESS = FOLDER + "panther_tests_AWS_S3ServerAccess.events.jsonl";
    private static final String ROOT_ATTACKER = FOLDER + "test_scenarios/compromised-root-creds/attacker_cloudtrail.jsonl";
    private static final String ROOT_VICTIM = FOLDER + "test_scenarios/compromised-root-creds/victim_cloudtrail.jsonl";
    private static final String ENRICH_ATTACKER = FOLDER + "test_scenarios/enrichment-example/attacker_cloudtrail.jsonl";
    private static final String ENRICH_VICTIM = FOLDER + "test_scenarios/enrichment-example/victim_cloudtrail.jsonl";

    private static final String UNRECOGNISED = "not a recognised audit log format: JSON object with fields ";

    /** Lower-cased field names, Panther-only fields, no eventTime, placeholder times, no eventSource. */
    private static final Map<String, Integer> CLOUDTRAIL_REJECTIONS = Map.ofEntries(
            entry(UNRECOGNISED + "[apiversion, awsregion, eventcategory, eventid, eventname, eventsource, eventtime, eventtype, ...]", 1),
            entry(UNRECOGNISED + "[awsregion, eventcategory, eventid, eventname, eventsource, eventtime, eventtype, eventversion, ...]", 1),
            entry(UNRECOGNISED + "[awsregion, eventType, eventcategory, eventid, eventname, eventsource, eventtime, eventversion, ...]", 1),
            entry(UNRECOGNISED + "[awsregion, eventid, eventname, eventsource, eventtime, eventtype, eventversion, p_any_aws_instance_ids, ...]", 5),
            entry(UNRECOGNISED + "[eventName, responseElements, p_event_time, p_log_type, p_row_id]", 1),
            entry(UNRECOGNISED + "[p_any_ip_addresses, p_log_type, p_enrichment]", 2),
            entry(UNRECOGNISED + "[eventType, p_log_type]", 1),
            entry("no event time: field 'eventTime' is missing", 16),
            entry("unparseable event time in 'eventTime': 'redacted'", 1),
            entry("unparseable event time in 'eventTime': '...'", 1),
            entry("no service: field 'eventSource' is missing", 1));

    @Test
    void cloudTrailTestEvents444DecodeAnd31AreDeadLetteredWithTheirReasons() {
        Decodings d = Decodings.ofLines(CLOUDTRAIL);

        assertThat(RealLogs.lines(CLOUDTRAIL)).hasSize(475);
        assertThat(d.events).hasSize(444);
        assertThat(d.deadLetters).hasSize(31);
        assertThat(d.reasons()).isEqualTo(new java.util.TreeMap<>(CLOUDTRAIL_REJECTIONS));
        crossCheck(CLOUDTRAIL, d);
    }

    @Test
    void scenarioFilesDecodeEveryRecord() {
        for (Map.Entry<String, Integer> f : Map.of(ROOT_ATTACKER, 12, ROOT_VICTIM, 4, ENRICH_ATTACKER, 7, ENRICH_VICTIM, 4).entrySet()) {
            Decodings d = Decodings.ofLines(f.getKey());
            assertThat(d.deadLetters).as(f.getKey()).isEmpty();
            assertThat(d.events).as(f.getKey()).hasSize(f.getValue());
            crossCheck(f.getKey(), d);
        }
    }

    @Test
    void s3ServerAccessLogsAreNotReadAndEveryRecordIsDeadLettered() {
        Decodings d = Decodings.ofLines(S3_ACCESS);

        assertThat(d.events).isEmpty();
        assertThat(d.deadLetters).hasSize(16);
        assertThat(d.reasons()).isEqualTo(new java.util.TreeMap<>(Map.ofEntries(
                entry(UNRECOGNISED + "[authenticationtype, bucket, bucketowner, bytessent, ciphersuite, errorcode, hostheader, hostid, ...]", 1),
                entry(UNRECOGNISED + "[bucket, time, remoteip, requester, requestid, operation, httpstatus, errorcode, ...]", 3),
                entry(UNRECOGNISED + "[remoteip, bucket]", 3),
                entry(UNRECOGNISED + "[bucketowner, bucket, time, remoteip, requester, requestid, operation, key, ...]", 3),
                entry(UNRECOGNISED + "[bucketowner, bucket, time, requester, requestid, operation, key, versionid, ...]", 1),
                entry(UNRECOGNISED + "[authenticationtype, bucket, bucketowner, hostheader, hostid, httpstatus, key, objectsize, ...]", 1),
                entry(UNRECOGNISED + "[bucket, requester]", 1),
                entry(UNRECOGNISED + "[bucket]", 1),
                entry(UNRECOGNISED + "[bucketowner, bucket, time, errorcode, remoteip, requestid, operation, key, ...]", 1),
                entry(UNRECOGNISED + "[authenticationtype, bucket, bucketowner, ciphersuite, httpstatus, key, requesturi, objectsize, ...]", 1))));
        DeadLetter first = d.deadLetter(S3_ACCESS + ":1");
        byte[] line = RealLogs.lines(S3_ACCESS).get(0);
        assertThat(first.rawLength).isEqualTo(line.length);
        assertThat(first.rawPrefix).isEqualTo(new String(line, StandardCharsets.UTF_8));
    }

    // --- hand-written checks of records worth a closer look (line numbers are 1-based) ---

    @Test
    void line55FailedConsoleLoginKeepsAwsMessageAndNamesTheUserAsItsSuccessOnLine54Does() {
        AuditEvent e = Decodings.ofLines(CLOUDTRAIL).event(CLOUDTRAIL + ":55");

        assertThat(e.category).isEqualTo(Category.SIGN_IN);
        assertThat(e.outcome).isEqualTo(Outcome.FAILURE);
        assertThat(e.errorCode).isNull();
        assertThat(e.errorMessage).isEqualTo("Failed authentication");
        // the failure has no arn, only the account and the user name: the ARN is built from them
        assertThat(e.principal).isEqualTo("arn:aws:iam::111122223333:user/anaya");
        AuditEvent success = Decodings.ofLines(CLOUDTRAIL).event(CLOUDTRAIL + ":54");
        assertThat(success.outcome).isEqualTo(Outcome.SUCCESS);
        assertThat(success.principalKey()).isEqualTo(e.principalKey());
        assertThat(e.principalType).isEqualTo(PrincipalType.USER);
        assertThat(e.account).isEqualTo("111122223333");
        assertThat(e.params).containsEntry("additional.MFAUsed", "Yes").containsEntry("response.ConsoleLogin", "Failure");
    }

    @Test
    void line71ConsoleLoginWithoutAResultHasAnUnknownOutcome() {
        AuditEvent e = Decodings.ofLines(CLOUDTRAIL).event(CLOUDTRAIL + ":71");

        assertThat(e.outcome).isEqualTo(Outcome.UNKNOWN);
        assertThat(e.category).isEqualTo(Category.SIGN_IN);
        assertThat(e.principal).isEqualTo("admin");
        assertThat(e.eventId).startsWith("sha256:").hasSize(39);
        assertThat(e.params).isEmpty();
    }

    @Test
    void line81RoleSessionWithNoIdentifyingFieldIsUnknownButKept() {
        AuditEvent e = Decodings.ofLines(CLOUDTRAIL).event(CLOUDTRAIL + ":81");

        assertThat(e.principal).isEqualTo("unknown");
        assertThat(e.principalType).isEqualTo(PrincipalType.ASSUMED_ROLE);
        assertThat(e.roleArn).isNull(); // the session issuer names no arn
        assertThat(e.account).isEqualTo("111111111111111");
        assertThat(e.eventTime).isEqualTo(1_648_574_196_000L); // "2022-03-29 17:16:36.000000000", read as UTC
    }

    @Test
    void line110CrossAccountCallerAndStringBooleans() {
        AuditEvent e = Decodings.ofLines(CLOUDTRAIL).event(CLOUDTRAIL + ":110");

        assertThat(e.principal).isEqualTo("111122223333:SAMPLE_PRINCIPAL_ID:lambda-name");
        assertThat(e.principalType).isEqualTo(PrincipalType.EXTERNAL_ACCOUNT);
        assertThat(e.principalTypeRaw).isEqualTo("AWSAccount");
        assertThat(e.readOnly).isTrue(); // "True"
        assertThat(e.params).containsExactly(
                entry("durationSeconds", "900"),
                entry("roleArn", "arn:aws:iam::111122223333:role/SampleRole"),
                entry("roleSessionName", "SampleSession"));
        assertThat(e.resources).isEmpty();
    }

    @Test
    void line90EventWithoutUserIdentityIsKeptAttributedToUnknown() {
        AuditEvent e = Decodings.ofLines(CLOUDTRAIL).event(CLOUDTRAIL + ":90");

        assertThat(e.principal).isEqualTo("unknown");
        assertThat(e.principalType).isEqualTo(PrincipalType.UNKNOWN);
        assertThat(e.principalTypeRaw).isNull();
        assertThat(e.account).isNull();
        assertThat(e.sourceIp).isNull();
        assertThat(e.action).isEqualTo("Authenticate");
        assertThat(e.eventId).isEqualTo("8cb05708-9764-4774-a048-59a4c8e1684d");
    }

    @Test
    void line459ServiceCallerIsTheService() {
        AuditEvent e = Decodings.ofLines(CLOUDTRAIL).event(CLOUDTRAIL + ":459");

        assertThat(e.principal).isEqualTo("lambda.amazonaws.com");
        assertThat(e.principalType).isEqualTo(PrincipalType.CLOUD_SERVICE);
        assertThat(e.sourceIp).isEqualTo("lambda.amazonaws.com");
        assertThat(e.account).isEqualTo("123456789123");
    }

    @Test
    void categoriesFromEventCategoryAndFromTheManagementEventFlag() {
        Decodings d = Decodings.ofLines(CLOUDTRAIL);

        AuditEvent vpce = d.event(CLOUDTRAIL + ":444");
        assertThat(vpce.category).isEqualTo(Category.OTHER); // NetworkActivity
        assertThat(vpce.outcome).isEqualTo(Outcome.FAILURE);
        assertThat(vpce.errorCode).isEqualTo("VpceAccessDenied");
        assertThat(vpce.principal).isEqualTo("111111111111:AROAEXAMPLE:session-name");
        assertThat(vpce.account).isEqualTo("222222222222");
        assertThat(vpce.resources).containsExactly(entry("bucket", "example-bucket"), entry("objectKey", "sensitive-file.txt"));

        AuditEvent put = d.event(CLOUDTRAIL + ":371"); // managementEvent false, no eventCategory
        assertThat(put.category).isEqualTo(Category.DATA);
        assertThat(put.resources).containsExactly(
                entry("bucket", "production-data"), entry("objectKey", "documents/financial/HOW_TO_DECRYPT_FILES.txt"));
        assertThat(put.params).containsEntry("additional.bytesTransferredIn", "2048").containsEntry("additional.SSEApplied", "SSE_S3");

        AuditEvent region = d.event(CLOUDTRAIL + ":39"); // managementEvent false, but not an S3 data call
        assertThat(region.category).isEqualTo(Category.MANAGEMENT);
        assertThat(region.resources).isEmpty();

        AuditEvent dynamo = d.event(CLOUDTRAIL + ":413");
        assertThat(dynamo.category).isEqualTo(Category.DATA);
        assertThat(dynamo.eventTime).isEqualTo(1_673_280_081_000L); // "2023-01-09 16:01:21"
    }

    @Test
    void line332FailedPasswordUpdateReadsTheResultNamedAfterTheEvent() {
        AuditEvent e = Decodings.ofLines(CLOUDTRAIL).event(CLOUDTRAIL + ":332");

        assertThat(e.outcome).isEqualTo(Outcome.FAILURE);
        assertThat(e.category).isEqualTo(Category.SIGN_IN);
        assertThat(e.principal).isEqualTo("arn:aws:iam::123456789012:root");
        assertThat(e.principalType).isEqualTo(PrincipalType.ROOT);
    }

    @Test
    void deadLettersKeepTheLineAndSayWhy() {
        Decodings d = Decodings.ofLines(CLOUDTRAIL);
        List<byte[]> lines = RealLogs.lines(CLOUDTRAIL);

        DeadLetter lowerCase = d.deadLetter(CLOUDTRAIL + ":32");
        assertThat(lowerCase.reason).startsWith(UNRECOGNISED + "[apiversion, awsregion,");
        assertThat(lowerCase.rawPrefix).isEqualTo(new String(lines.get(31), StandardCharsets.UTF_8));
        assertThat(lowerCase.rawLength).isEqualTo(lines.get(31).length);
        assertThat(lowerCase.eventTime).isNull();

        assertThat(d.deadLetter(CLOUDTRAIL + ":35").reason).isEqualTo("no event time: field 'eventTime' is missing");
        // Panther's own p_event_time is not the event's time and is not used.
        assertThat(d.deadLetter(CLOUDTRAIL + ":78").reason).isEqualTo("no event time: field 'eventTime' is missing");
        assertThat(d.deadLetter(CLOUDTRAIL + ":328").reason).isEqualTo("unparseable event time in 'eventTime': 'redacted'");
        assertThat(d.deadLetter(CLOUDTRAIL + ":461").reason).isEqualTo("unparseable event time in 'eventTime': '...'");
        assertThat(d.deadLetter(CLOUDTRAIL + ":463").reason).isEqualTo("no service: field 'eventSource' is missing");
    }

    @Test
    void compromisedRootTimelineFromTheAttackersAddress() {
        Decodings d = Decodings.ofLines(ROOT_ATTACKER);

        assertThat(d.events).extracting(e -> e.action + ":" + e.outcome).containsExactly(
                "ConsoleLogin:FAILURE", "ConsoleLogin:FAILURE", "ConsoleLogin:FAILURE", "ConsoleLogin:SUCCESS",
                "StopLogging:FAILURE", "CreateAccessKey:SUCCESS", "CreateUser:SUCCESS",
                "AttachUserPolicy:SUCCESS", "AttachUserPolicy:SUCCESS", "AttachUserPolicy:SUCCESS",
                "CreateAccessKey:SUCCESS", "RunInstances:SUCCESS");
        assertThat(d.events).extracting(e -> e.sourceIp).containsOnly("92.55.146.245");
        assertThat(d.events.subList(0, 11)).extracting(e -> e.principal).containsOnly("arn:aws:iam::493859302102:root");
        assertThat(d.events.subList(0, 11)).extracting(e -> e.principalType).containsOnly(PrincipalType.ROOT);

        AuditEvent stop = d.events.get(4);
        assertThat(stop.errorCode).isEqualTo("NotOrganizationMasterAccountException");
        assertThat(stop.errorMessage).isEqualTo("Cannot stop trail, not master trail.");
        assertThat(stop.resources).containsExactly(entry("trailName", "acme-cloudtrail-us-east-1"));

        // Root creating a key for itself names no user in the request; the response names the owner.
        assertThat(d.events.get(5).resources).containsExactly(entry("userName", "Root"), entry("accessKeyId", "AKIA5ZZZK44445XXFFVB"));
        assertThat(d.events.get(10).resources).containsExactly(entry("userName", "tracy_stone"), entry("accessKeyId", "AKIASWJJJ66ZZZII4IYY"));

        AuditEvent run = d.events.get(11);
        assertThat(run.principal).isEqualTo("arn:aws:iam::493859302102:user/tracy_stone");
        assertThat(run.resources).containsExactly(entry("imageId", "ami-085925f297f89fce1"), entry("instanceId", "i-05261ffb46217cdc3"));
        assertThat(run.params).hasSize(23).containsEntry("instanceType", "p2.8xlarge");
    }

    @Test
    void victimSignInWithABillingConsoleRecordMarkedAsSignIn() {
        Decodings d = Decodings.ofLines(ENRICH_VICTIM);

        AuditEvent billing = d.events.get(1);
        assertThat(billing.service).isEqualTo("billingconsole.amazonaws.com");
        assertThat(billing.category).isEqualTo(Category.SIGN_IN); // eventType AwsConsoleSignIn, as recorded
        assertThat(billing.outcome).isEqualTo(Outcome.UNKNOWN); // responseElements {} says nothing
        assertThat(billing.params).hasSize(12).containsEntry("map.city", "San Francisco");
        assertThat(d.events).extracting(e -> e.sourceIp).containsOnly("136.24.229.58");
    }

    private static void crossCheck(String path, Decodings d) {
        List<byte[]> lines = RealLogs.lines(path);
        for (AuditEvent e : d.events) {
            int line = Integer.parseInt(e.origin.substring(path.length() + 1));
            CloudTrailCrossCheck.assertMatchesRaw(e, CloudTrailCrossCheck.parse(lines.get(line - 1)));
        }
    }
}
