package io.trailhunt.detectors.persistence;

import io.trailhunt.detectors.RecordingContext;
import io.trailhunt.detectors.common.Timers;
import io.trailhunt.detectors.common.AllowRules;
import io.trailhunt.events.model.AuditEvent;
import io.trailhunt.events.model.Finding;
import io.trailhunt.events.model.PrincipalType;
import io.trailhunt.events.model.Severity;
import io.trailhunt.events.settings.Cidr;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.List;

import static io.trailhunt.detectors.TestPlaces.torExitLondon;
import static io.trailhunt.events.testing.EventBuilder.BEGINNING;
import static io.trailhunt.events.testing.EventBuilder.aws;
import static io.trailhunt.events.testing.EventBuilder.azure;
import static io.trailhunt.events.testing.EventBuilder.gcp;
import static org.assertj.core.api.Assertions.assertThat;

class CredentialPersistenceDetectorTest {
    private static final String ETL = "etl-loader@acme-analytics.iam.gserviceaccount.com";
    private static final String KEY = "//iam.googleapis.com/projects/acme-analytics/serviceAccounts/" + ETL + "/keys/3b9f0c2a7d1e4f5a6b7c8d9e0f1a2b3c4d5e6f70";

    private final RecordingContext ctx = new RecordingContext();
    private CredentialPersistenceDetector detector = new CredentialPersistenceDetector(CredentialPersistenceSettings.defaults());

    private static AuditEvent accessKey(Duration after, String forUser) {
        return aws("iam.amazonaws.com", "CreateAccessKey").after(after).resource("userName", forUser).resource("accessKeyId", "AKIAEXAMPLE" + forUser).build();
    }

    private CredentialPersistenceState feed(CredentialPersistenceState s, AuditEvent e) {
        assertThat(detector.accepts(e)).isTrue();
        return detector.onEvent(s, e, ctx);
    }

    private static List<String> summaries(List<Finding> findings) {
        return findings.stream().map(f -> f.subject + " " + f.severity.id()).toList();
    }

    @Test
    void aKeyForAnotherUserIsHighAndForOneselfMediumOncePerLookBack() {
        CredentialPersistenceState s = feed(null, accessKey(Duration.ZERO, "alice"));
        s = feed(s, accessKey(Duration.ofDays(1), "alice"));
        s = feed(s, accessKey(Duration.ofDays(2), "bob"));
        s = feed(s, accessKey(Duration.ofDays(3), "carol"));
        assertThat(summaries(ctx.findings)).containsExactly("aws-access-key:alice medium", "aws-access-key:bob high");
        Finding f = ctx.findings.get(1);
        assertThat(f.ruleId).isEqualTo("credential-persistence");
        assertThat(f.title).isEqualTo("Access key created for bob");
        assertThat(f.mitre).containsExactly("T1098.001");
        assertThat(f.facts).containsEntry("credential", "aws-access-key").containsEntry("target", "bob").containsEntry("for", "other")
                .containsEntry("access_key_id", "AKIAEXAMPLEbob").containsEntry("look_back", "30d");
        assertThat(f.explanation).isEqualTo("arn:aws:iam::111122223333:user/alice created an access key for bob, which it had not done within 30d"
                + " (from 81.2.69.142). A credential made for another identity is a classic way to keep access:"
                + " confirm it was requested, or revoke it and review the caller.");

        // 31 days after the last one for someone else: a habit forgotten.
        feed(s, accessKey(Duration.ofDays(34), "dave"));
        assertThat(ctx.findings).hasSize(3);
    }

    @Test
    void consolePasswordsForOthersAreHigh() {
        feed(null, aws("iam.amazonaws.com", "CreateLoginProfile").resource("userName", "backdoor").build());
        feed(null, aws("iam.amazonaws.com", "UpdateLoginProfile").resource("userName", "bob").build());
        assertThat(summaries(ctx.findings)).containsExactly("aws-login-profile:backdoor high", "aws-login-profile-update:bob high");
        assertThat(ctx.findings.get(0).mitre).containsExactly("T1098");
        assertThat(ctx.findings.get(1).title).isEqualTo("Console password reset created for bob");
    }

    @Test
    void theRootUserAndDesktopClientsRaiseIt() {
        AuditEvent root = aws("iam.amazonaws.com", "CreateAccessKey").principal("arn:aws:iam::111122223333:root").principalType(PrincipalType.ROOT)
                .resource("userName", "Root").build();
        feed(null, root);
        AuditEvent guiVil = accessKey(Duration.ZERO, "svc-backup");
        guiVil.userAgent = "S3 Browser/12.2.9 (https://s3browser.com)";
        feed(null, guiVil);
        assertThat(summaries(ctx.findings)).containsExactly("aws-access-key:Root high", "aws-access-key:svc-backup critical");
        assertThat(ctx.findings.get(1).facts).containsEntry("desktop_client", "S3 Browser");
    }

    @Test
    void gcpServiceAccountKeys() {
        AuditEvent byUser = gcp("iam.googleapis.com", "google.iam.admin.v1.CreateServiceAccountKey").principal("erin@acme.example")
                .param("request.name", "projects/acme-analytics/serviceAccounts/" + ETL).resource("serviceAccount", "114885146936855121342").build();
        AuditEvent bySelf = gcp("iam.googleapis.com", "google.iam.admin.v1.CreateServiceAccountKey").principal(ETL)
                .param("request.name", "projects/-/serviceAccounts/" + ETL).build();
        feed(null, byUser);
        feed(null, bySelf);
        assertThat(summaries(ctx.findings)).containsExactly("gcp-service-account-key:" + ETL + " medium", "gcp-service-account-key:" + ETL + " high");
        AuditEvent denied = gcp("iam.googleapis.com", "google.iam.admin.v1.CreateServiceAccountKey").principal(ETL).failed("PERMISSION_DENIED").build();
        assertThat(detector.accepts(denied)).isFalse();
    }

    @Test
    void azureServicePrincipalAndApplicationCredentials() {
        AuditEvent sp = azure("Microsoft.aadiam", "Add service principal credentials").resource("app", "Production API Service")
                .param("targetResources.0.id", "sp-app-456").build();
        // Entra writes an en dash and, in some exports, a trailing space.
        AuditEvent app = azure("Microsoft.aadiam", "Update application \u2013 Certificates and secrets management ").resource("app", "payroll-sync").build();
        AuditEvent notACredential = azure("Microsoft.aadiam", "Add service principal").resource("app", "New Automation Service").build();
        feed(null, sp);
        feed(null, app);
        assertThat(detector.onEvent(null, notACredential, ctx)).isNull();
        assertThat(summaries(ctx.findings)).containsExactly("azure-service-principal-credential:Production API Service high",
                "azure-application-credential:payroll-sync high");
        assertThat(ctx.findings.get(1).title).isEqualTo("Application secret or certificate created for payroll-sync");
    }

    @Test
    void aServiceAccountKeyUsedFromOutsideTheTrustedNetworks() {
        AuditEvent fromTor = gcp("storage.googleapis.com", "storage.objects.get").principal(ETL).ip("81.2.69.142").param("serviceAccountKeyName", KEY).build();
        fromTor.geo = torExitLondon();
        CredentialPersistenceState s = feed(null, fromTor);
        AuditEvent again = gcp("storage.googleapis.com", "storage.objects.get").principal(ETL).ip("81.2.69.143").param("serviceAccountKeyName", KEY)
                .after(Duration.ofMinutes(5)).build();
        s = feed(s, again);
        assertThat(ctx.findings).hasSize(1);
        Finding f = ctx.findings.get(0);
        assertThat(f.severity).isEqualTo(Severity.HIGH);
        assertThat(f.mitre).containsExactly("T1078.004");
        assertThat(f.subject).isEqualTo("key-use:3b9f0c2a7d1e4f5a6b7c8d9e0f1a2b3c4d5e6f70");
        assertThat(f.title).isEqualTo("Service-account key used from outside: 81.2.69.142");
        assertThat(f.facts).containsEntry("key", KEY).containsEntry("network", "tor-exit").containsEntry("place", "London, GB");
        assertThat(s.keyUse).containsOnlyKeys(KEY);
        long due = Timers.at(BEGINNING.plus(Duration.ofHours(24)).toEpochMilli());
        assertThat(ctx.timers).containsExactly(due);
        assertThat(ctx.advanceTo(detector, s, due)).isNull();

        AuditEvent inside = gcp("storage.googleapis.com", "storage.objects.get").principal(ETL).ip("10.128.0.5").param("serviceAccountKeyName", KEY).build();
        assertThat(detector.accepts(inside)).isFalse();
        detector = new CredentialPersistenceDetector(new CredentialPersistenceSettings(true, Duration.ofDays(30), true,
                new AllowRules(List.of(), List.of(Cidr.parse("214.78.120.0/22")), List.of(), List.of()), Duration.ofHours(24), AllowRules.none()));
        AuditEvent ci = gcp("storage.googleapis.com", "storage.objects.get").principal(ETL).ip("214.78.120.10").param("serviceAccountKeyName", KEY).build();
        assertThat(detector.accepts(ci)).isFalse();
        AuditEvent plain = gcp("storage.googleapis.com", "storage.objects.get").principal(ETL).ip("198.51.100.4").param("serviceAccountKeyName", KEY).build();
        detector.onEvent(null, plain, ctx);
        assertThat(ctx.findings.get(1).severity).isEqualTo(Severity.MEDIUM);
    }
}
