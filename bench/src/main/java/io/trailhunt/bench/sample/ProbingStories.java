package io.trailhunt.bench.sample;

import com.fasterxml.jackson.databind.node.ObjectNode;

import java.time.Instant;
import java.util.List;
import java.util.Random;

import static io.trailhunt.bench.sample.SampleDay.at;

/**
 * Storage probing for bucket-enumeration: at 14:31 dave's attacker comes back through the access
 * key he made for svc-backup at 13:08 (the foothold that outlives dave's key), lists the account's
 * buckets and tries each one: the backup user may read only acme-db-backups, so ten of the eleven
 * refuse it. It then downloads six database dumps from the one that answered (under a gigabyte,
 * so not a bulk download). svc-backup has no history, so the rules that compare a principal with
 * its past stay quiet about it. Written after every other record, with its own random source, so
 * the records before it stay byte for byte the same.
 */
final class ProbingStories {
    static final String BACKUP_KEY = "AKIAQX3BACKUPEXAMPLE";
    private static final String CLI = "aws-cli/2.13.0 Python/3.11.4 Linux/5.15.0-76-generic exe/x86_64.ubuntu.22 prompt/off command/s3api.list-objects-v2";
    /** ListBuckets' answer, in its order; svc-backup's policy reaches only acme-db-backups. */
    static final List<String> BUCKETS = List.of("acme-ci-artifacts", "acme-cloudtrail-logs", "acme-customer-exports", "acme-data-lake",
            "acme-db-backups", "acme-finance-archive", "acme-hr-documents", "acme-payroll", "acme-reports", "acme-terraform-state",
            "acme-web-assets");
    static final String READABLE = "acme-db-backups";
    private static final String[] DUMPS = {"customers", "orders", "invoices", "payments", "users", "audit"};

    private final Random random;
    private final DayFiles files;
    private final CloudTrail ct;

    ProbingStories(Random random, DayFiles files) {
        this.random = random;
        this.files = files;
        this.ct = new CloudTrail(random);
    }

    void write() {
        ObjectNode backup = CloudTrail.iamUser("svc-backup");
        backup.put("accessKeyId", BACKUP_KEY);
        String ip = Places.ATTACKER_CN;
        Instant t = at("14:31:02");
        emit(ct.call(t, backup, "sts.amazonaws.com", "GetCallerIdentity", ip, CLI, AwsDay.REGION), t);
        t = at("14:31:15");
        emit(ct.call(t, backup, "s3.amazonaws.com", "ListBuckets", ip, CLI, AwsDay.REGION), t);
        for (int i = 0; i < BUCKETS.size(); i++) {
            String bucket = BUCKETS.get(i);
            t = at("14:31:40").plusSeconds(i * 9L);
            CloudTrail.Call list = ct.call(t, backup, "s3.amazonaws.com", "ListObjects", ip, CLI, AwsDay.REGION).bucketData(bucket);
            if (!bucket.equals(READABLE)) {
                list.failed("AccessDenied", "User: arn:aws:iam::" + CloudTrail.ACCOUNT + ":user/svc-backup is not authorized to perform: "
                        + "s3:ListBucket on resource: \"arn:aws:s3:::" + bucket + "\" because no identity-based policy allows the s3:ListBucket action");
            }
            emit(list, t);
        }
        for (int i = 0; i < DUMPS.length; i++) {
            t = at("14:34:10").plusSeconds(i * 40L + random.nextInt(10));
            String key = "postgres/prod/2026-11-01/" + DUMPS[i] + ".dump.gz";
            emit(ct.call(t, backup, "s3.amazonaws.com", "GetObject", ip, CLI, AwsDay.REGION)
                    .data(READABLE, key, 120_000_000 + random.nextInt(50_000_000)), t);
        }
    }

    private void emit(CloudTrail.Call c, Instant t) {
        files.cloudTrail(t, AwsDay.REGION, c.node);
    }
}
