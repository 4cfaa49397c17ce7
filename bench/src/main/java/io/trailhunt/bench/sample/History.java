package io.trailhunt.bench.sample;

import com.fasterxml.jackson.databind.node.ObjectNode;

import java.time.DayOfWeek;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Random;

/**
 * The fortnight before the sample day (Monday 2026-10-19 to Sunday 2026-11-01), so that the
 * first-seen rules know Acme's people: alice and dave in the Linköping office, bob and erin at home
 * in Milton, frank in Milton and grace in Linköping on Azure, the ETL service account inside its
 * VPC. Light: a sign-in and a few reads per person per working day, two ETL runs a day. Nobody does
 * anything new here, so these days raise nothing; they are what the sample day is compared with.
 *
 * <p>Uses its own random source, so adding it leaves the sample day's own records unchanged.
 */
final class History {
    static final int DAYS = 14;

    private final Random random;
    private final Random extraRandom;
    private final DayFiles files;
    private final CloudTrail ct;
    private final GcpAudit gcp;
    private final AzureLogs az;

    History(Random random, DayFiles files) {
        this.random = random;
        this.extraRandom = new Random(3L); // its own, fixed: drawing a seed from random would move every later record
        this.files = files;
        this.ct = new CloudTrail(random);
        this.gcp = new GcpAudit(random);
        this.az = new AzureLogs(random);
    }

    void write() {
        for (int d = DAYS; d >= 1; d--) {
            Instant day = SampleDay.DAY.minus(Duration.ofDays(d));
            boolean workday = day.atZone(ZoneOffset.UTC).getDayOfWeek().getValue() <= DayOfWeek.FRIDAY.getValue();
            if (workday) {
                awsPerson(day, "alice", Places.OFFICE_SE_1, 7, 15);
                awsPerson(day, "dave", Places.OFFICE_SE_2, 7, 15);
                awsPerson(day, "bob", Places.HOME_US, 16, 23);
                erin(day);
                frank(day);
                grace(day);
            }
            etl(day);
        }
    }

    private static Instant at(Instant day, int hour, Random r) {
        return day.plus(Duration.ofHours(hour)).plusSeconds(r.nextInt(3600));
    }

    /** A console sign-in in the first hour, then three reads across the working day. */
    private void awsPerson(Instant day, String name, String ip, int fromHour, int toHour) {
        ObjectNode who = CloudTrail.iamUser(name);
        Instant login = at(day, fromHour, random);
        emit(ct.call(login, who, "signin.amazonaws.com", "ConsoleLogin", ip, AwsDay.CONSOLE, AwsDay.REGION).consoleLogin(true, true), login);
        for (int i = 0; i < 3; i++) {
            Instant t = at(day, fromHour + 1 + random.nextInt(toHour - fromHour), random);
            String[] r = AwsDay.READS[random.nextInt(AwsDay.READS.length)];
            emit(ct.call(t, who, r[0], r[1], ip, random.nextBoolean() ? AwsDay.CLI : AwsDay.CONSOLE, AwsDay.REGION), t);
        }
    }

    private void emit(CloudTrail.Call c, Instant t) {
        files.cloudTrail(t, AwsDay.REGION, c.node);
    }

    /**
     * Reads from home in the evening, as many as on the sample day and in the same hours (16:00-24:00),
     * so that her ordinary day raises neither after-hours-access nor volume-spike. The extra reads
     * draw from their own random source: the other records stay as they were.
     */
    private void erin(Instant day) {
        for (int i = 0; i < 4; i++) {
            erinReads(day, 16 + random.nextInt(7), random);
        }
        for (int i = 0; i < 110 + extraRandom.nextInt(20); i++) {
            erinReads(day, 16 + extraRandom.nextInt(8), extraRandom);
        }
    }

    private void erinReads(Instant day, int hour, Random r) {
        Instant t = at(day, hour, r);
        String object = "daily/part-" + r.nextInt(500) + ".parquet";
        files.gcp(t, "data_access", gcp.entry(t, "data_access", GcpDay.ERIN, Places.HOME_US_2, GcpDay.CONSOLE_UA,
                "storage.googleapis.com", "storage.objects.get", "projects/_/buckets/acme-analytics-curated/objects/" + object,
                "gcs_bucket", "acme-analytics-curated"));
    }

    /** Two loads a day from inside the VPC. */
    private void etl(Instant day) {
        for (int hour : new int[] {7, 19}) {
            Instant t = day.plus(Duration.ofHours(hour)).plusSeconds(420);
            files.gcp(t, "data_access", gcp.entry(t, "data_access", GcpDay.ETL, "10.128.0.5", GcpDay.ETL_UA, "storage.googleapis.com",
                    "storage.objects.list", "projects/_/buckets/acme-analytics-landing", "gcs_bucket", "acme-analytics-landing"));
        }
    }

    private void frank(Instant day) {
        String upn = "frank@acme.example";
        Instant t = at(day, 16, random);
        files.azure(t, AzureDay.SIGNINS, AzureDay.tenantResource(), az.signIn(t, upn, "Frank Castle", Places.HOME_US, AzureDay.EDGE,
                "Azure Portal", "0", "US", "Washington", "Milton", 47.2513, -122.3149));
        for (int i = 0; i < 2; i++) {
            frankReads(day, 17 + random.nextInt(6), random);
        }
        // As many reads as on the sample day, in the same hours (16:00-24:00), from their own random source.
        for (int i = 0; i < 35 + extraRandom.nextInt(10); i++) {
            frankReads(day, 16 + extraRandom.nextInt(8), extraRandom);
        }
        // and his VM work, as on the sample day
        for (int i = 0; i < 6; i++) {
            Instant at = at(day, 16 + extraRandom.nextInt(8), extraRandom);
            String vm = "/resourceGroups/app-rg/providers/Microsoft.Compute/virtualMachines/app-" + extraRandom.nextInt(4);
            files.azure(at, AzureDay.ACTIVITY, AzureDay.subscriptionResource(), az.activity(at, upn, Places.HOME_US,
                    i % 2 == 0 ? "Microsoft.Compute/virtualMachines/start/action" : "Microsoft.Compute/virtualMachines/restart/action", vm, "Success"));
        }
    }

    private void frankReads(Instant day, int hour, Random r) {
        Instant t = at(day, hour, r);
        files.azure(t, AzureDay.BLOBS, AzureDay.blobResource(), az.blob(t, "acmedata", "models", "v3/shard-" + r.nextInt(64) + ".bin",
                "GetBlob", "frank@acme.example", Places.HOME_US, 50_000 + r.nextInt(10_000), AzureDay.AZCOPY, 200, 4_000_000 + r.nextInt(1_000_000)));
    }

    private void grace(Instant day) {
        String upn = "grace@acme.example";
        Instant t = at(day, 7, random);
        files.azure(t, AzureDay.SIGNINS, AzureDay.tenantResource(), az.signIn(t, upn, "Grace Hopper", Places.OFFICE_SE_1, AzureDay.EDGE,
                "Azure Portal", "0", "SE", "Östergötland", "Linköping", 58.4167, 15.6167));
        Instant a = at(day, 9 + random.nextInt(5), random);
        files.azure(a, AzureDay.ACTIVITY, AzureDay.subscriptionResource(), az.activity(a, upn, Places.OFFICE_SE_1,
                "Microsoft.Storage/storageAccounts/listKeys/action", "/resourceGroups/data-rg/providers/Microsoft.Storage/storageAccounts/acmedata", "Success"));
    }
}
