package io.trailhunt.detectors.tampering;

import io.trailhunt.detectors.RecordingContext;
import io.trailhunt.events.model.AuditEvent;
import io.trailhunt.events.model.Finding;
import io.trailhunt.events.model.PrincipalType;
import io.trailhunt.events.model.Severity;
import io.trailhunt.detectors.common.AllowRules;
import io.trailhunt.events.settings.Cidr;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.List;

import static io.trailhunt.events.testing.EventBuilder.BEGINNING;
import static io.trailhunt.events.testing.EventBuilder.aws;
import static org.assertj.core.api.Assertions.assertThat;

class LogTamperingDetectorTest {
    private final LogTamperingDetector detector = new LogTamperingDetector(LogTamperingSettings.defaults());
    private final RecordingContext ctx = new RecordingContext();

    private static AuditEvent stop(Duration after) {
        return aws("cloudtrail.amazonaws.com", "StopLogging").after(after).resource("trailName", "main").build();
    }

    @Test
    void aSuccessfulStopIsOneHighFinding() {
        AuditEvent e = stop(Duration.ZERO);
        LogTamperingState state = detector.onEvent(null, e, ctx);

        assertThat(state).isNull();
        assertThat(ctx.findings).hasSize(1);
        Finding f = ctx.findings.get(0);
        assertThat(f.ruleId).isEqualTo("log-tampering");
        assertThat(f.severity).isEqualTo(Severity.HIGH);
        assertThat(f.mitre).containsExactly("T1562.008");
        assertThat(f.principal).isEqualTo("arn:aws:iam::111122223333:user/alice");
        assertThat(f.subject).isEqualTo("trail-stopped:main");
        assertThat(f.facts).containsEntry("failed_attempts", "0").containsEntry("target", "main");
        assertThat(f.evidence).extracting(ev -> ev.eventId).containsExactly(e.eventId);
        assertThat(f.firstSeen).isEqualTo(BEGINNING.toEpochMilli());
        assertThat(f.explanation).startsWith("arn:aws:iam::111122223333:user/alice stopped CloudTrail trail 'main' in us-east-1 from 81.2.69.142.");
    }

    @Test
    void failedAttemptsAloneReportNothingButJoinTheEvidenceOfALaterSuccess() {
        AuditEvent f1 = aws("cloudtrail.amazonaws.com", "StopLogging").after(Duration.ofMinutes(1)).failed("AccessDenied").build();
        AuditEvent f2 = aws("cloudtrail.amazonaws.com", "DeleteTrail").after(Duration.ofMinutes(2)).failed("AccessDenied").build();
        LogTamperingState s = detector.onEvent(null, f1, ctx);
        s = detector.onEvent(s, f2, ctx);
        assertThat(ctx.findings).isEmpty();
        assertThat(s.failedAttempts).hasSize(2);
        assertThat(ctx.timers).containsExactly(f1.eventTime + Duration.ofHours(24).toMillis(), f2.eventTime + Duration.ofHours(24).toMillis());

        AuditEvent ok = stop(Duration.ofMinutes(5));
        s = detector.onEvent(s, ok, ctx);

        assertThat(s).isNull();
        Finding f = ctx.findings.get(0);
        assertThat(f.severity).isEqualTo(Severity.CRITICAL);
        assertThat(f.facts).containsEntry("failed_attempts", "2");
        assertThat(f.evidence).extracting(ev -> ev.eventId).containsExactly(f1.eventId, f2.eventId, ok.eventId);
        assertThat(f.evidence.get(0).details).containsEntry("tampering", "trail-stopped");
        assertThat(f.firstSeen).isEqualTo(f1.eventTime);
        assertThat(f.lastSeen).isEqualTo(ok.eventTime);
        assertThat(f.explanation).contains("It had failed 2 times before succeeding.");
    }

    @Test
    void attemptsOlderThanTheWindowAreForgottenByTheTimer() {
        AuditEvent old = aws("cloudtrail.amazonaws.com", "StopLogging").failed("AccessDenied").build();
        LogTamperingState s = detector.onEvent(null, old, ctx);
        s = ctx.advanceTo(detector, s, old.eventTime + Duration.ofHours(24).toMillis());
        assertThat(s).isNull();

        detector.onEvent(s, stop(Duration.ofHours(25)), ctx);
        assertThat(ctx.findings.get(0).facts).containsEntry("failed_attempts", "0");
        assertThat(ctx.findings.get(0).severity).isEqualTo(Severity.HIGH);
    }

    @Test
    void attemptsOutsideTheWindowAreLeftOutEvenBeforeTheTimerFires() {
        AuditEvent old = aws("cloudtrail.amazonaws.com", "StopLogging").failed("AccessDenied").build();
        LogTamperingState s = detector.onEvent(null, old, ctx);
        detector.onEvent(s, stop(Duration.ofHours(30)), ctx);
        assertThat(ctx.findings.get(0).evidence).hasSize(1);
    }

    @Test
    void rootRaisesSeverity() {
        AuditEvent e = aws("cloudtrail.amazonaws.com", "DeleteTrail").principal("arn:aws:iam::111122223333:root").principalType(PrincipalType.ROOT).build();
        detector.onEvent(null, e, ctx);
        assertThat(ctx.findings.get(0).severity).isEqualTo(Severity.CRITICAL);
    }

    @Test
    void allowlistedPrincipalsAndNetworksAreNotReported() {
        LogTamperingDetector allowing = new LogTamperingDetector(new LogTamperingSettings(true, Duration.ofHours(24),
                new AllowRules(List.of("arn:aws:iam::*:role/terraform*"), List.of(Cidr.parse("10.0.0.0/8")), List.of(), List.of())));
        allowing.onEvent(null, aws("cloudtrail.amazonaws.com", "StopLogging").principal("arn:aws:iam::111122223333:role/terraform-ci").build(), ctx);
        allowing.onEvent(null, aws("cloudtrail.amazonaws.com", "StopLogging").ip("10.1.2.3").build(), ctx);
        assertThat(ctx.findings).isEmpty();
        allowing.onEvent(null, aws("cloudtrail.amazonaws.com", "StopLogging").ip("81.2.69.142").build(), ctx);
        assertThat(ctx.findings).hasSize(1);
    }

    @Test
    void findingIdsAreDeterministic() {
        AuditEvent e = stop(Duration.ZERO);
        detector.onEvent(null, e, ctx);
        detector.onEvent(null, e, ctx);
        assertThat(ctx.findings.get(0).findingId).isEqualTo(ctx.findings.get(1).findingId).matches("[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}");
    }
}
