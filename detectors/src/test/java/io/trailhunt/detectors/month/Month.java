package io.trailhunt.detectors.month;

import io.trailhunt.events.model.AuditEvent;
import io.trailhunt.events.model.Category;
import io.trailhunt.events.model.PrincipalType;
import io.trailhunt.events.testing.EventBuilder;

import java.time.DayOfWeek;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Random;

import static io.trailhunt.events.testing.EventBuilder.aws;
import static io.trailhunt.events.testing.EventBuilder.gcp;

/**
 * A month of ordinary work at a small company, generated deterministically: four principals with
 * their habits, each from its own network and client.
 * <ul>
 *   <li>alice, an engineer: Monday to Friday 08:30-17:00 UTC, about 12 reads an hour (EC2, S3,
 *       IAM, Lambda, CloudWatch), two or three secrets a day, from the office (SE, AS29518) with
 *       the CLI on her Mac or the console;</li>
 *   <li>olof, on call every night 20:00-04:00 UTC, weekends included, from home (US, AS209),
 *       reading and now and then fetching a secret;</li>
 *   <li>the ETL service account (GCP): each hour one listing and six object reads of its landing
 *       bucket from inside the VPC, around the clock;</li>
 *   <li>the report reader (an EC2 role): one S3 object every three to five minutes, around the clock.</li>
 * </ul>
 */
final class Month {
    static final Instant START = Instant.parse("2026-10-03T00:00:00Z"); // a Saturday; 30 days to Monday 2 November
    static final Instant END = Instant.parse("2026-11-02T00:00:00Z");
    static final String ALICE = "arn:aws:iam::111122223333:user/alice";
    static final String OLOF = "arn:aws:iam::111122223333:user/olof";
    static final String ETL = "etl@acme-analytics.iam.gserviceaccount.com";
    static final String READER = "arn:aws:sts::111122223333:assumed-role/report-reader/i-0a1b2c3d";
    static final String MAC_CLI = "aws-cli/2.15.30 md/awscrt#0.19.19 ua/2.0 os/macos#23.4.0 md/arch#arm64 lang/python#3.11.8";
    static final String CONSOLE = "Mozilla/5.0 (Macintosh; Intel Mac OS X 10_15_7) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/17.4 Safari/605.1.15";
    static final String OLOF_CLI = "aws-cli/2.15.30 md/awscrt#0.19.19 ua/2.0 os/windows#10 md/arch#x86_64";
    static final String BOTO = "Boto3/1.34.100 md/Botocore#1.34.100 ua/2.0 os/linux#6.5.0 md/arch#x86_64 lang/python#3.12.3";
    static final String GCLOUD = "gcloud-python/3.21.0 gl-python/3.11.9 grpc/1.62.1 gax/2.18.0,gzip(gfe)";
    static final String[][] READS = {
        {"ec2.amazonaws.com", "DescribeInstances"}, {"ec2.amazonaws.com", "DescribeSecurityGroups"}, {"ec2.amazonaws.com", "DescribeVolumes"},
        {"s3.amazonaws.com", "ListBuckets"}, {"s3.amazonaws.com", "GetBucketPolicy"}, {"iam.amazonaws.com", "ListRoles"},
        {"iam.amazonaws.com", "GetUser"}, {"lambda.amazonaws.com", "ListFunctions20150331"}, {"logs.amazonaws.com", "DescribeLogGroups"},
        {"cloudwatch.amazonaws.com", "GetMetricData"},
    };

    private final Random random = new Random(20261003L);
    private final List<AuditEvent> events = new ArrayList<>();

    static List<AuditEvent> generate() {
        Month m = new Month();
        for (Instant day = START; day.isBefore(END); day = day.plus(Duration.ofDays(1))) {
            m.day(day);
        }
        m.events.sort(Comparator.comparingLong(e -> e.eventTime));
        return m.events;
    }

    /** An ordinary Monday until 21:59: the day of the burst. */
    static List<AuditEvent> mondayUntilTheBurst() {
        Month m = new Month();
        m.day(END);
        m.events.removeIf(e -> e.eventTime >= END.plus(Duration.ofHours(22)).toEpochMilli());
        m.events.sort(Comparator.comparingLong(e -> e.eventTime));
        return m.events;
    }

    private void day(Instant day) {
        DayOfWeek dow = day.atZone(ZoneOffset.UTC).getDayOfWeek();
        if (dow != DayOfWeek.SATURDAY && dow != DayOfWeek.SUNDAY) {
            alice(day);
        }
        olof(day);
        etl(day);
        reader(day);
    }

    private Instant between(Instant day, double fromHour, double toHour) {
        long from = (long) (fromHour * 3_600_000);
        long span = (long) ((toHour - fromHour) * 3_600_000);
        return day.plusMillis(from + (long) (random.nextDouble() * span));
    }

    private void alice(Instant day) {
        int calls = 95 + random.nextInt(15);
        for (int i = 0; i < calls; i++) {
            String[] r = READS[random.nextInt(READS.length)];
            events.add(office(aws(r[0], r[1]), between(day, 8.5, 17)).userAgent(random.nextBoolean() ? MAC_CLI : CONSOLE).build());
        }
        for (int i = 0; i < 2 + random.nextInt(2); i++) {
            events.add(office(aws("secretsmanager.amazonaws.com", "GetSecretValue"), between(day, 9, 16.5)).userAgent(MAC_CLI).build());
        }
    }

    private static EventBuilder office(EventBuilder b, Instant at) {
        return b.principal(ALICE).at(at).ip("89.160.20.115").geo("SE", "Linköping", 58.41, 15.62, 29518);
    }

    private void olof(Instant day) {
        for (int i = 0; i < 60 + random.nextInt(10); i++) {
            String[] r = READS[random.nextInt(READS.length)];
            events.add(home(aws(r[0], r[1]), between(day, 20, 28)).build());
        }
        events.add(home(aws("secretsmanager.amazonaws.com", "GetSecretValue"), between(day, 21, 27)).build());
    }

    private static EventBuilder home(EventBuilder b, Instant at) {
        return b.principal(OLOF).at(at).ip("216.160.83.58").geo("US", "Milton", 47.25, -122.31, 209).userAgent(OLOF_CLI);
    }

    private void etl(Instant day) {
        for (int h = 0; h < 24; h++) {
            Instant t = day.plus(Duration.ofHours(h)).plus(Duration.ofMinutes(7));
            events.add(gcp("storage.googleapis.com", "storage.objects.list").principal(ETL).principalType(PrincipalType.SERVICE_ACCOUNT)
                    .account("acme-analytics").category(Category.DATA).resource("bucket", "acme-landing").ip("10.128.0.5").userAgent(GCLOUD).at(t).build());
            for (int i = 0; i < 6; i++) {
                events.add(gcp("storage.googleapis.com", "storage.objects.get").principal(ETL).principalType(PrincipalType.SERVICE_ACCOUNT)
                        .account("acme-analytics").category(Category.DATA).resource("bucket", "acme-landing")
                        .resource("objectKey", "inbound/" + h + "/batch-" + i + ".json").ip("10.128.0.5").userAgent(GCLOUD)
                        .at(t.plusSeconds(5 + 3L * i)).build());
            }
        }
    }

    private void reader(Instant day) {
        for (Instant t = day.plusSeconds(random.nextInt(120)); t.isBefore(day.plus(Duration.ofDays(1))); t = t.plusSeconds(180 + random.nextInt(120))) {
            events.add(aws("s3.amazonaws.com", "GetObject").principal(READER).principalType(PrincipalType.ASSUMED_ROLE).category(Category.DATA)
                    .resource("bucket", "acme-reports").resource("objectKey", "reports/" + random.nextInt(50_000) + ".parquet")
                    .param("additional.bytesTransferredOut", Integer.toString(20_000 + random.nextInt(400_000)))
                    .ip("10.0.12.34").userAgent(BOTO).at(t).build());
        }
    }
}
