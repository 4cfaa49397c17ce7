package io.trailhunt.bench.sample;

import com.fasterxml.jackson.databind.node.ObjectNode;

import java.time.Instant;
import java.util.Random;

import static io.trailhunt.bench.sample.SampleDay.at;

/**
 * Sample-day records for the rules that compare a principal with its own history (where it calls
 * from, with what, what it creates), woven into the three intrusions and two harmless novelties:
 * <ul>
 *   <li>dave's attacker makes an access key for the service user svc-backup (a foothold that outlives
 *       dave's key) and pulls the rest of the exports with S3 Browser;</li>
 *   <li>the ETL key, through Tor, rotates over twelve more exits while it reads;</li>
 *   <li>bob checks the instances from his phone's hotspot in the morning (a new network, same country);</li>
 *   <li>alice works from home in the evening (a new address, same provider and city).</li>
 * </ul>
 * Uses its own random source, so adding it leaves the sample day's other records unchanged.
 */
final class IdentityStories {
    static final String S3_BROWSER = "S3 Browser/12.2.9 (https://s3browser.com)";


    private final Random random;
    private final DayFiles files;
    private final CloudTrail ct;
    private final GcpAudit gcp;

    IdentityStories(Random random, DayFiles files) {
        this.random = random;
        this.files = files;
        this.ct = new CloudTrail(random);
        this.gcp = new GcpAudit(random);
    }

    void write() {
        daveAttackerKeepsAccessAndUsesS3Browser();
        etlKeyRotatesOverTorExits();
        bobOnHisPhone();
        aliceFromHome();
    }

    private void emit(CloudTrail.Call c, Instant t) {
        files.cloudTrail(t, AwsDay.REGION, c.node);
    }

    private void daveAttackerKeepsAccessAndUsesS3Browser() {
        ObjectNode dave = CloudTrail.iamUser("dave");
        String ip = Places.ATTACKER_CN;
        // Right after granting himself AdministratorAccess: a key for a service user nobody watches.
        Instant t = at("13:08:30");
        CloudTrail.Call key = ct.call(t, dave, "iam.amazonaws.com", "CreateAccessKey", ip, AwsDay.ATTACKER_CLI, AwsDay.REGION).param("userName", "svc-backup");
        ObjectNode ak = key.response().putObject("accessKey");
        ak.put("userName", "svc-backup");
        ak.put("accessKeyId", "AKIAQX3BACKUPEXAMPLE");
        ak.put("status", "Active");
        ak.put("createDate", "Nov 2, 2026 1:08:30 PM");
        emit(key, t);
        // After the CLI copies, the rest of the exports folder is pulled with a desktop client.
        for (int i = 0; i < 12; i++) {
            t = at("13:46:10").plusSeconds(i * 11L + random.nextInt(5));
            String object = "exports/archive/customers-2025-" + String.format("%02d", i + 1) + ".csv.gz";
            emit(ct.call(t, dave, "s3.amazonaws.com", "GetObject", ip, S3_BROWSER, AwsDay.REGION)
                    .data("acme-customer-exports", object, 1_500_000 + random.nextInt(2_000_000)), t);
        }
    }

    private void etlKeyRotatesOverTorExits() {
        for (int i = 0; i < 12; i++) {
            Instant t = at("15:21:00").plusSeconds(i * 40L + random.nextInt(10));
            String object = "exports/2026-09/accounts-" + String.format("%02d", i) + ".csv";
            ObjectNode e = gcp.entry(t, "data_access", GcpDay.ETL, Places.torExit(i), GcpDay.ATTACKER_UA, "storage.googleapis.com",
                    "storage.objects.get", "projects/_/buckets/acme-analytics-exports/objects/" + object, "gcs_bucket", "acme-analytics-exports");
            files.gcp(t, "data_access", GcpAudit.withKey(e, GcpDay.ETL_KEY));
        }
    }

    private void bobOnHisPhone() {
        ObjectNode bob = CloudTrail.iamUser("bob");
        Instant t = at("11:20:14");
        emit(ct.call(t, bob, "ec2.amazonaws.com", "DescribeInstances", Places.MOBILE_US, AwsDay.CLI, AwsDay.REGION), t);
        t = at("11:21:02");
        emit(ct.call(t, bob, "cloudwatch.amazonaws.com", "GetMetricData", Places.MOBILE_US, AwsDay.CLI, AwsDay.REGION), t);
    }

    private void aliceFromHome() {
        ObjectNode alice = CloudTrail.iamUser("alice");
        for (int i = 0; i < 3; i++) {
            Instant t = at("19:40:00").plusSeconds(i * 300L + random.nextInt(60));
            String[] r = AwsDay.READS[random.nextInt(AwsDay.READS.length)];
            emit(ct.call(t, alice, r[0], r[1], Places.HOME_SE, AwsDay.CLI, AwsDay.REGION), t);
        }
    }
}
