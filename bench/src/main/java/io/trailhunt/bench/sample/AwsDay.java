package io.trailhunt.bench.sample;

import com.fasterxml.jackson.databind.node.ObjectNode;

import java.time.Instant;
import java.util.Random;

import static io.trailhunt.bench.sample.SampleDay.at;
import static io.trailhunt.bench.sample.SampleDay.between;

/** The AWS account 111122223333: engineers, CI, an application, and dave's stolen key. */
final class AwsDay {
    static final String REGION = "us-east-1";
    static final String CLI = "aws-cli/2.15.30 md/awscrt#0.19.19 ua/2.0 os/macos#23.4.0 md/arch#arm64 lang/python#3.11.8";
    static final String CONSOLE = "Mozilla/5.0 (Macintosh; Intel Mac OS X 10_15_7) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/17.4 Safari/605.1.15";
    private static final String TERRAFORM = "APN/1.0 HashiCorp/1.0 Terraform/1.9.5 aws-sdk-go-v2/1.30.3 os/linux lang/go#1.22.5";
    private static final String BOTO = "Boto3/1.34.100 md/Botocore#1.34.100 ua/2.0 os/linux#6.5.0 md/arch#x86_64 lang/python#3.12.3 cfg/retry-mode#legacy Botocore/1.34.100";
    static final String ATTACKER_CLI = "aws-cli/2.13.0 Python/3.11.4 Linux/5.15.0-76-generic exe/x86_64.ubuntu.22 prompt/off command/s3.cp";

    /** Everyday reads: (service, call). */
    static final String[][] READS = {
        {"ec2.amazonaws.com", "DescribeInstances"}, {"ec2.amazonaws.com", "DescribeSecurityGroups"}, {"ec2.amazonaws.com", "DescribeVolumes"},
        {"s3.amazonaws.com", "ListBuckets"}, {"s3.amazonaws.com", "GetBucketPolicy"}, {"iam.amazonaws.com", "ListRoles"},
        {"iam.amazonaws.com", "GetUser"}, {"lambda.amazonaws.com", "ListFunctions20150331"}, {"logs.amazonaws.com", "DescribeLogGroups"},
        {"cloudwatch.amazonaws.com", "GetMetricData"}, {"rds.amazonaws.com", "DescribeDBInstances"}, {"sts.amazonaws.com", "GetCallerIdentity"},
    };

    private final Random random;
    private final DayFiles files;
    private final CloudTrail ct;

    AwsDay(Random random, DayFiles files) {
        this.random = random;
        this.files = files;
        this.ct = new CloudTrail(random);
    }

    void write() {
        engineers();
        continuousIntegration();
        application();
        daveIsCompromised();
    }

    private void emit(CloudTrail.Call c, Instant t) {
        files.cloudTrail(t, c.node.get("awsRegion").asText(), c.node);
    }

    private CloudTrail.Call call(Instant t, ObjectNode who, String service, String name, String ip, String ua) {
        return ct.call(t, who, service, name, ip, ua, REGION);
    }

    /** alice and dave work from Linköping, bob from Milton; each signs in to the console and reads. */
    private void engineers() {
        person("alice", Places.OFFICE_SE_1, "07:10:00", "15:50:00", 90);
        person("dave", Places.OFFICE_SE_2, "07:30:00", "15:30:00", 60);
        person("bob", Places.HOME_US, "16:05:00", "23:55:00", 80);
        // bob tries to pause a trail while debugging and is, rightly, refused: a failed attempt alone is no finding.
        Instant t = at("18:12:40");
        emit(call(t, CloudTrail.iamUser("bob"), "cloudtrail.amazonaws.com", "StopLogging", Places.HOME_US, CLI)
                .param("name", "arn:aws:cloudtrail:us-east-1:111122223333:trail/acme-org-trail")
                .failed("AccessDenied", "User: arn:aws:iam::111122223333:user/bob is not authorized to perform: cloudtrail:StopLogging"), t);
    }

    private void person(String name, String ip, String from, String to, int calls) {
        ObjectNode who = CloudTrail.iamUser(name);
        Instant login = at(from);
        emit(call(login, who, "signin.amazonaws.com", "ConsoleLogin", ip, CONSOLE).consoleLogin(true, true), login);
        for (int i = 0; i < calls; i++) {
            Instant t = between(random, from, to);
            String[] r = READS[random.nextInt(READS.length)];
            emit(call(t, who, r[0], r[1], ip, random.nextBoolean() ? CLI : CONSOLE), t);
        }
    }

    /** Terraform plans every 20 minutes from the CI runners; one apply rotates the trail's KMS key (benign). */
    private void continuousIntegration() {
        ObjectNode ci = CloudTrail.assumedRole("ci-deployer", "gha-run-4711");
        for (Instant t = at("00:05:00"); t.isBefore(at("23:59:00")); t = t.plusSeconds(1200)) {
            for (int i = 0; i < 4; i++) {
                String[] r = READS[random.nextInt(READS.length)];
                Instant ti = t.plusSeconds(i * 7L);
                emit(call(ti, ci, r[0], r[1], Places.CI_RUNNER, TERRAFORM), ti);
            }
        }
        Instant t = at("10:41:13");
        emit(call(t, ci, "cloudtrail.amazonaws.com", "UpdateTrail", Places.CI_RUNNER, TERRAFORM)
                .param("name", "acme-org-trail").param("kmsKeyId", "arn:aws:kms:us-east-1:111122223333:key/0f1e2d3c-4b5a-6978-8a9b-0c1d2e3f4a5b"), t);
    }

    /** The reporting service reads objects through a VPC endpoint all day. */
    private void application() {
        ObjectNode app = CloudTrail.assumedRole("report-reader", "i-0a1b2c3d4e5f60718");
        for (Instant t = at("00:01:00"); t.isBefore(at("23:59:00")); t = t.plusSeconds(180 + random.nextInt(120))) {
            String key = "reports/2026/11/" + String.format("%05d", random.nextInt(50_000)) + ".parquet";
            emit(call(t, app, "s3.amazonaws.com", "GetObject", Places.VPC_PRIVATE, BOTO).data("acme-reports", key, 20_000 + random.nextInt(400_000)), t);
        }
    }

    /** dave's access key, leaked in a public repository, is used from Changchun in the afternoon. */
    private void daveIsCompromised() {
        ObjectNode dave = CloudTrail.iamUser("dave");
        String ip = Places.ATTACKER_CN;
        String trail = "arn:aws:cloudtrail:us-east-1:111122223333:trail/acme-org-trail";
        Instant t = at("13:02:11");
        emit(call(t, dave, "sts.amazonaws.com", "GetCallerIdentity", ip, ATTACKER_CLI), t);
        t = at("13:02:40");
        emit(call(t, dave, "s3.amazonaws.com", "ListBuckets", ip, ATTACKER_CLI), t);
        t = at("13:03:05");
        emit(call(t, dave, "cloudtrail.amazonaws.com", "DescribeTrails", ip, ATTACKER_CLI), t);
        t = at("13:04:30");
        emit(call(t, dave, "cloudtrail.amazonaws.com", "StopLogging", ip, ATTACKER_CLI).param("name", trail)
                .failed("AccessDenied", "User: arn:aws:iam::111122223333:user/dave is not authorized to perform: cloudtrail:StopLogging on resource: " + trail), t);
        t = at("13:05:02");
        emit(call(t, dave, "cloudtrail.amazonaws.com", "DeleteTrail", ip, ATTACKER_CLI).param("name", trail)
                .failed("AccessDenied", "User: arn:aws:iam::111122223333:user/dave is not authorized to perform: cloudtrail:DeleteTrail on resource: " + trail), t);
        t = at("13:07:45");
        CloudTrail.Call attach = call(t, dave, "iam.amazonaws.com", "AttachUserPolicy", ip, ATTACKER_CLI)
                .param("userName", "dave").param("policyArn", "arn:aws:iam::aws:policy/AdministratorAccess");
        emit(attach, t);
        t = at("13:09:12");
        emit(call(t, dave, "cloudtrail.amazonaws.com", "StopLogging", ip, ATTACKER_CLI).param("name", trail), t);

        t = at("13:15:20");
        CloudTrail.Call snap = call(t, dave, "ec2.amazonaws.com", "CreateSnapshot", ip, ATTACKER_CLI)
                .param("volumeId", "vol-0c0ffee0c0ffee001").param("description", "backup");
        snap.response().put("snapshotId", "snap-0a1b2c3d4e5f67890").put("volumeId", "vol-0c0ffee0c0ffee001").put("status", "pending");
        emit(snap, t);
        t = at("13:21:48");
        CloudTrail.Call share = call(t, dave, "ec2.amazonaws.com", "ModifySnapshotAttribute", ip, ATTACKER_CLI)
                .param("snapshotId", "snap-0a1b2c3d4e5f67890").param("attributeType", "CREATE_VOLUME_PERMISSION");
        share.request().putObject("createVolumePermission").putObject("add").putArray("items").addObject().put("userId", "999988887777");
        share.response().put("_return", true);
        emit(share, t);

        for (int i = 0; i < 140; i++) {
            t = at("13:25:00").plusSeconds(i * 4L + random.nextInt(3));
            String key = "exports/customers-" + String.format("%03d", i) + ".csv.gz";
            emit(call(t, dave, "s3.amazonaws.com", "GetObject", ip, ATTACKER_CLI).data("acme-customer-exports", key, 2_000_000 + random.nextInt(3_000_000)), t);
        }
        t = at("13:44:51");
        emit(call(t, dave, "ec2.amazonaws.com", "DeleteSnapshot", ip, ATTACKER_CLI).param("snapshotId", "snap-0a1b2c3d4e5f67890"), t);
    }
}
