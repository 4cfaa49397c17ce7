package io.trailhunt.bench.detectors;

import io.trailhunt.events.model.AuditEvent;
import io.trailhunt.events.model.Category;
import io.trailhunt.events.model.Cloud;
import io.trailhunt.events.model.Geo;
import io.trailhunt.events.model.Outcome;
import io.trailhunt.events.model.PrincipalType;

import java.time.Duration;
import java.time.Instant;

/**
 * A synthetic, enriched event stream for many principals over several days, as the keyed
 * detectors see it after GeoIP enrichment: each principal has a home (country, city, ASN and one to
 * three addresses); one in ten travels every other day from the second week on (another country,
 * network and address), one in twenty uses a desktop storage client, one in fifty makes an access
 * key for someone else.
 * Events are in time order: event i is principal i mod P on day i / (P * perDay). Deterministic.
 */
final class Workload {
    static final Instant START = Instant.parse("2026-01-05T00:00:00Z");
    private static final long DAY = Duration.ofDays(1).toMillis();
    private static final String[][] HOMES = {
        {"SE", "Linköping", "58.4167", "15.6167"}, {"US", "Milton", "47.2513", "-122.3149"}, {"GB", "London", "51.5142", "-0.0931"},
        {"DE", "Berlin", "52.52", "13.405"}, {"FR", "Paris", "48.8566", "2.3522"}, {"JP", "Tokyo", "35.6895", "139.6917"},
        {"BR", "São Paulo", "-23.55", "-46.63"}, {"IN", "Bengaluru", "12.97", "77.59"},
    };
    private static final String[] READS = {"DescribeInstances", "ListBuckets", "GetCallerIdentity", "ListRoles"};

    final int principals;
    final int days;
    final int perDay;

    Workload(int principals, int days, int perDay) {
        this.principals = principals;
        this.days = days;
        this.perDay = perDay;
    }

    long size() {
        return (long) principals * days * perDay;
    }

    AuditEvent event(long i) {
        long perDayAll = (long) principals * perDay;
        int day = (int) (i / perDayAll);
        long within = i % perDayAll;
        int p = (int) (within % principals);
        int k = (int) (within / principals);
        AuditEvent e = new AuditEvent();
        e.eventId = "w-" + i;
        e.eventTime = START.toEpochMilli() + day * DAY + within * DAY / perDayAll;
        e.outcome = Outcome.SUCCESS;
        e.principalType = PrincipalType.USER;
        switch (p % 3) {
            case 0:
                e.cloud = Cloud.AWS;
                e.account = "1111222233" + (p % 100 < 10 ? "0" : "") + (p % 100);
                e.principal = "arn:aws:iam::" + e.account + ":user/u" + p;
                break;
            case 1:
                e.cloud = Cloud.GCP;
                e.account = "project-" + (p % 100);
                e.principal = "u" + p + "@example.com";
                break;
            default:
                e.cloud = Cloud.AZURE;
                e.account = "tenant-" + (p % 100);
                e.principal = "u" + p + "@example.onmicrosoft.com";
        }
        boolean away = p % 10 == 0 && day >= 7 && day % 2 == 1;
        String[] home = HOMES[p % HOMES.length];
        String[] place = away ? HOMES[(p / 10 + 3) % HOMES.length] : home;
        Geo g = new Geo();
        g.source = Geo.SOURCE_GEOIP;
        g.countryIso = place[0];
        g.city = place[1];
        g.latitude = Double.parseDouble(place[2]);
        g.longitude = Double.parseDouble(place[3]);
        g.accuracyRadiusKm = 20;
        g.asn = away ? 65000L + (p % 500) : 64512L + (p % 3000);
        g.asOrg = "AS" + g.asn;
        e.geo = g;
        int addresses = 1 + p % 3;
        int which = away ? 7 : (day + k) % addresses;
        // Public addresses unique to the principal: 11.x.y.z, 12.x.y.z, ... by which address it is.
        e.sourceIp = (11 + which) + "." + ((p >>> 16) & 255) + "." + ((p >>> 8) & 255) + "." + (p & 255);
        e.userAgent = "aws-cli/2.15.30 md/awscrt#0.19.19 ua/2.0 os/macos#23.4.0";
        e.region = "us-east-1";
        if (day % 7 == 0 && k == 0) {
            e.category = Category.SIGN_IN;
            e.service = e.cloud == Cloud.AWS ? "signin.amazonaws.com" : e.cloud == Cloud.GCP ? "login.googleapis.com" : "Microsoft.aadiam";
            e.action = e.cloud == Cloud.AWS ? "ConsoleLogin" : "Sign-in activity";
        } else if ((day + k) % 2 == 0) {
            e.category = Category.DATA;
            e.service = e.cloud == Cloud.AWS ? "s3.amazonaws.com" : e.cloud == Cloud.GCP ? "storage.googleapis.com" : "Microsoft.Storage";
            e.action = e.cloud == Cloud.AWS ? "GetObject" : e.cloud == Cloud.GCP ? "storage.objects.get" : "GetBlob";
            e.resources.put("bucket", "data-" + (p % 1000));
            e.resources.put("objectKey", "reports/" + day + "/" + k + ".parquet");
            if (p % 20 == 0 && day % 3 == 0) {
                e.userAgent = "Cyberduck/8.7.1.40770 (Mac OS X/14.0) (x86_64)";
            }
        } else {
            e.category = Category.MANAGEMENT;
            e.service = e.cloud == Cloud.AWS ? "ec2.amazonaws.com" : e.cloud == Cloud.GCP ? "compute.googleapis.com" : "Microsoft.Compute";
            e.action = READS[(day + k) % READS.length];
        }
        if (p % 50 == 0 && e.cloud == Cloud.AWS && day == 9 && k == 0) {
            e.category = Category.MANAGEMENT;
            e.service = "iam.amazonaws.com";
            e.action = "CreateAccessKey";
            e.resources.clear();
            e.resources.put("userName", "svc-" + p);
        }
        return e;
    }
}
