package io.trailhunt.bench.sample;

import com.fasterxml.jackson.databind.node.ObjectNode;

import java.time.Instant;
import java.util.Random;

import static io.trailhunt.bench.sample.SampleDay.at;
import static io.trailhunt.bench.sample.SampleDay.between;

/** The GCP project acme-analytics: an analyst, the ETL service account, and that account's stolen key. */
final class GcpDay {
    static final String ETL = "etl-loader@acme-analytics.iam.gserviceaccount.com";
    static final String ERIN = "erin@acme.example";
    static final String CONSOLE_UA = "Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/124.0.0.0 Safari/537.36,gzip(gfe)";
    static final String ETL_UA = "gcloud-python/3.21.0 gl-python/3.11.9 grpc/1.62.1 gax/2.18.0,gzip(gfe)";
    static final String ATTACKER_UA = "google-cloud-sdk gcloud/476.0.0 command/gcloud.storage.cp invocation-id/8d1c0e7b environment/None,gzip(gfe)";
    /** The key file copied from the CI log: every call made with it names it. */
    static final String ETL_KEY = "//iam.googleapis.com/projects/acme-analytics/serviceAccounts/" + ETL + "/keys/3b9f0c2a7d1e4f5a6b7c8d9e0f1a2b3c4d5e6f70";

    private final Random random;
    private final DayFiles files;
    private final GcpAudit gcp;

    GcpDay(Random random, DayFiles files) {
        this.random = random;
        this.files = files;
        this.gcp = new GcpAudit(random);
    }

    void write() {
        analyst();
        etl();
        stolenServiceAccountKey();
    }

    private void read(Instant t, String who, String ip, String ua, String bucket, String object) {
        files.gcp(t, "data_access", readEntry(t, who, ip, ua, bucket, object));
    }

    private ObjectNode readEntry(Instant t, String who, String ip, String ua, String bucket, String object) {
        String resource = "projects/_/buckets/" + bucket + (object == null ? "" : "/objects/" + object);
        return gcp.entry(t, "data_access", who, ip, ua, "storage.googleapis.com",
                object == null ? "storage.objects.list" : "storage.objects.get", resource, "gcs_bucket", bucket);
    }

    /** A read made with the stolen key file. */
    private void readWithKey(Instant t, String ip, String bucket, String object) {
        files.gcp(t, "data_access", GcpAudit.withKey(readEntry(t, ETL, ip, ATTACKER_UA, bucket, object), ETL_KEY));
    }

    /** erin analyses from Milton in her working day (16:00-00:00 UTC). */
    private void analyst() {
        for (int i = 0; i < 120; i++) {
            Instant t = between(random, "16:10:00", "23:50:00");
            read(t, ERIN, Places.HOME_US_2, CONSOLE_UA, "acme-analytics-curated", random.nextInt(5) == 0 ? null : "daily/part-" + random.nextInt(500) + ".parquet");
        }
        Instant t = at("16:45:10");
        files.gcp(t, "activity", gcp.entry(t, "activity", ERIN, Places.HOME_US_2, CONSOLE_UA, "bigquery.googleapis.com",
                "google.cloud.bigquery.v2.TableService.InsertTable", "projects/acme-analytics/datasets/scratch/tables/erin_tmp", "bigquery_dataset", null));
    }

    /** The ETL service account loads files hourly from inside the VPC. */
    private void etl() {
        for (int h = 0; h < 24; h++) {
            Instant t = at(String.format("%02d:07:00", h));
            read(t, ETL, "10.128.0.5", ETL_UA, "acme-analytics-landing", null);
            for (int i = 0; i < 6; i++) {
                read(t.plusSeconds(5 + i * 3L), ETL, "10.128.0.5", ETL_UA, "acme-analytics-landing", "inbound/" + h + "/batch-" + i + ".json");
            }
        }
        // One entry of the 09:00 file was cut short when the exporting writer was restarted.
        Instant t = at("09:31:02");
        ObjectNode e = gcp.entry(t, "data_access", ETL, "10.128.0.5", ETL_UA, "storage.googleapis.com", "storage.objects.get",
                "projects/_/buckets/acme-analytics-landing/objects/inbound/9/batch-9.json", "gcs_bucket", "acme-analytics-landing");
        String line = e.toString();
        files.gcpRaw(t, "data_access", line.substring(0, line.length() / 2));
    }

    /** The ETL key, copied from a CI log, is used through a Tor exit: recon, bulk reads, then the audit sink goes. */
    private void stolenServiceAccountKey() {
        String ip = Places.ATTACKER_TOR;
        Instant t = at("15:10:04");
        readWithKey(t, ip, "acme-analytics-exports", null);
        for (int i = 0; i < 60; i++) {
            t = at("15:11:00").plusSeconds(i * 9L + random.nextInt(5));
            readWithKey(t, ip, "acme-analytics-exports", "exports/2026-10/accounts-" + String.format("%02d", i) + ".csv");
        }
        t = at("15:24:30");
        ObjectNode denied = GcpAudit.denied(GcpAudit.withKey(gcp.entry(t, "activity", ETL, ip, ATTACKER_UA, "iam.googleapis.com",
                "google.iam.admin.v1.CreateServiceAccountKey", "projects/-/serviceAccounts/" + ETL, "service_account", null), ETL_KEY));
        files.gcp(t, "activity", denied);
        t = at("15:32:18");
        files.gcp(t, "activity", GcpAudit.withKey(gcp.entry(t, "activity", ETL, ip, ATTACKER_UA, "logging.googleapis.com",
                "google.logging.v2.ConfigServiceV2.DeleteSink", "projects/acme-analytics/sinks/audit-to-bigquery", "logging_sink", null), ETL_KEY));
    }
}
