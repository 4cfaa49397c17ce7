package io.trailhunt.detectors.storageclient;

import io.trailhunt.detectors.RecordingContext;
import io.trailhunt.detectors.common.Timers;
import io.trailhunt.detectors.common.AllowRules;
import io.trailhunt.events.model.AuditEvent;
import io.trailhunt.events.model.Category;
import io.trailhunt.events.model.Finding;
import io.trailhunt.events.model.Severity;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.List;

import static io.trailhunt.events.testing.EventBuilder.BEGINNING;
import static io.trailhunt.events.testing.EventBuilder.aws;
import static io.trailhunt.events.testing.EventBuilder.azure;
import static io.trailhunt.events.testing.EventBuilder.gcp;
import static org.assertj.core.api.Assertions.assertThat;

class UncommonStorageClientDetectorTest {
    static final String S3_BROWSER = "S3 Browser/12.2.9 (https://s3browser.com)";
    static final String CYBERDUCK = "Cyberduck/8.7.1.40770 (Mac OS X/14.0) (x86_64)";

    private final RecordingContext ctx = new RecordingContext();
    private UncommonStorageClientDetector detector = new UncommonStorageClientDetector(UncommonStorageClientSettings.defaults());

    private static AuditEvent s3(String action, Duration after, String ua) {
        return aws("s3.amazonaws.com", action).category(Category.DATA).resource("bucket", "acme-customer-exports").userAgent(ua).after(after).build();
    }

    @Test
    void theFirstUseOfS3BrowserIsReportedOnce() {
        AuditEvent list = s3("ListObjects", Duration.ZERO, S3_BROWSER);
        assertThat(detector.accepts(list)).isTrue();
        UncommonStorageClientState s = detector.onEvent(null, list, ctx);
        s = detector.onEvent(s, s3("GetObject", Duration.ofMinutes(1), S3_BROWSER), ctx);
        s = detector.onEvent(s, s3("GetObject", Duration.ofDays(6), S3_BROWSER), ctx);

        assertThat(ctx.findings).hasSize(1);
        Finding f = ctx.findings.get(0);
        assertThat(f.ruleId).isEqualTo("uncommon-storage-client");
        assertThat(f.severity).isEqualTo(Severity.MEDIUM);
        assertThat(f.mitre).containsExactly("T1530");
        assertThat(f.title).isEqualTo("Desktop storage client S3 Browser used on acme-customer-exports");
        assertThat(f.subject).isEqualTo("S3 Browser");
        assertThat(f.facts).containsEntry("client", "S3 Browser").containsEntry("user_agent", S3_BROWSER)
                .containsEntry("storage", "acme-customer-exports").containsEntry("look_back", "7d").doesNotContainKey("clients_before");
        assertThat(f.explanation).startsWith("arn:aws:iam::111122223333:user/alice used S3 Browser (S3 Browser/12.2.9 (https://s3browser.com))"
                + " for s3.amazonaws.com ListObjects on acme-customer-exports, its first use of this client in 7d.");

        // Unused for more than the look-back: new again. A first use that reads data is high.
        detector.onEvent(s, s3("GetObject", Duration.ofDays(13).plusHours(1), S3_BROWSER), ctx);
        assertThat(ctx.findings).hasSize(2);
        assertThat(ctx.findings.get(1).severity).isEqualTo(Severity.HIGH);
    }

    @Test
    void everyCloudsStorageCounts() {
        AuditEvent blob = azure("Microsoft.Storage", "GetBlob").category(Category.DATA).resource("storageAccount", "acmedata")
                .userAgent(CYBERDUCK).build();
        AuditEvent gcs = gcp("storage.googleapis.com", "storage.objects.list").category(Category.DATA).resource("bucket", "acme-exports")
                .userAgent("rclone/v1.65.0").build();
        UncommonStorageClientState s = detector.onEvent(null, blob, ctx);
        detector.onEvent(null, gcs, ctx);
        assertThat(ctx.findings).extracting(f -> f.cloud.id() + " " + f.subject + " " + f.severity.id())
                .containsExactly("azure Cyberduck high", "gcp rclone medium");
        assertThat(s.clients).containsOnlyKeys("Cyberduck");
    }

    @Test
    void namesMatchAsWordsOnly() {
        StorageClients c = new StorageClients(StorageClients.DEFAULTS);
        assertThat(c.match("[S3 Browser/12.2.9 (https://s3browser.com)]")).isEqualTo("S3 Browser");
        assertThat(c.match("Transmit/5.10.4 (Mac OS X)")).isEqualTo("Transmit");
        assertThat(c.match("MSP360 Backup/7.9")).isEqualTo("MSP360");
        assertThat(c.match("aws-sdk-java/2.20 SuperTransmitter/1.0")).isNull();
        assertThat(c.match("aws-cli/2.15.30 md/awscrt#0.19.19")).isNull();
        assertThat(c.match(null)).isNull();
    }

    @Test
    void otherServicesFailuresAndAllowedUserAgents() {
        AuditEvent iam = aws("iam.amazonaws.com", "CreateAccessKey").userAgent(S3_BROWSER).build();
        assertThat(detector.accepts(iam)).isFalse();
        AuditEvent denied = s3("GetObject", Duration.ZERO, CYBERDUCK);
        denied.outcome = io.trailhunt.events.model.Outcome.FAILURE;
        assertThat(detector.accepts(denied)).isTrue(); // the tool is pointed at the account with these keys
        detector.onEvent(null, denied, ctx);
        assertThat(ctx.findings.get(0).severity).isEqualTo(Severity.MEDIUM);

        detector = new UncommonStorageClientDetector(new UncommonStorageClientSettings(true, Duration.ofDays(7),
                new StorageClients(List.of("rclone", "Cyberduck")), new AllowRules(List.of(), List.of(), List.of(), List.of("rclone/v1.65"))));
        assertThat(detector.accepts(s3("GetObject", Duration.ZERO, S3_BROWSER))).isFalse();
        assertThat(detector.onEvent(null, s3("GetObject", Duration.ZERO, "rclone/v1.65.0"), ctx)).isNull();
        assertThat(ctx.findings).hasSize(1);
    }

    @Test
    void aSecondClientNamesTheFirstAndTheTimerForgetsThem() {
        UncommonStorageClientState s = detector.onEvent(null, s3("GetObject", Duration.ZERO, CYBERDUCK), ctx);
        s = detector.onEvent(s, s3("GetObject", Duration.ofDays(1), S3_BROWSER), ctx);
        assertThat(ctx.findings.get(1).facts).containsEntry("clients_before", "Cyberduck");
        long due = Timers.at(BEGINNING.plus(Duration.ofDays(7)).toEpochMilli());
        assertThat(ctx.timers).containsExactly(due);
        s = ctx.advanceTo(detector, s, due);
        assertThat(s.clients).containsOnlyKeys("S3 Browser");
        assertThat(ctx.advanceTo(detector, s, due + Timers.GRID)).isNull();
    }
}
