package io.trailhunt.detectors.hours;

import io.trailhunt.detectors.RecordingContext;
import io.trailhunt.events.model.AuditEvent;
import io.trailhunt.events.model.Category;
import io.trailhunt.events.model.Finding;
import io.trailhunt.events.model.Severity;
import io.trailhunt.events.settings.Allowlist;
import org.apache.flink.types.PojoTestUtils;
import org.junit.jupiter.api.Test;

import java.time.DayOfWeek;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.util.Locale;

import static io.trailhunt.events.testing.EventBuilder.BEGINNING;
import static io.trailhunt.events.testing.EventBuilder.aws;
import static org.assertj.core.api.Assertions.assertThat;

class AfterHoursDetectorTest {
    private static final Instant MONDAY = BEGINNING.minus(Duration.ofHours(9)); // 2026-11-02T00:00Z
    private static final String ALICE = "arn:aws:iam::111122223333:user/alice";
    private static final String BOB = "arn:aws:iam::111122223333:user/bob";

    private final AfterHoursDetector detector = new AfterHoursDetector(AfterHoursSettings.defaults());
    private final RecordingContext ctx = new RecordingContext();

    private static AuditEvent call(String principal, Instant at, String service, String action) {
        return aws(service, action).principal(principal).at(at).build();
    }

    /** Three weeks of office work: Monday to Friday, 09:00-17:00 UTC, a call every 20 minutes. */
    private AfterHoursState officeWeeks(String principal, AfterHoursState s) {
        for (int day = 0; day < 21; day++) {
            Instant d = MONDAY.plus(Duration.ofDays(day));
            if (d.atZone(ZoneId.of("UTC")).getDayOfWeek().getValue() > 5) {
                continue;
            }
            for (int m = 9 * 60; m < 17 * 60; m += 20) {
                String action = m % 120 == 0 ? "GetSecretValue" : "DescribeInstances";
                String service = action.equals("GetSecretValue") ? "secretsmanager.amazonaws.com" : "ec2.amazonaws.com";
                s = detector.onEvent(s, call(principal, d.plus(Duration.ofMinutes(m)), service, action), ctx);
            }
        }
        return s;
    }

    /** Three weeks of night shifts: every day 20:00-04:00 UTC. */
    private AfterHoursState nightWeeks(String principal, AfterHoursState s) {
        for (int day = 0; day < 21; day++) {
            Instant d = MONDAY.plus(Duration.ofDays(day));
            for (int m = 20 * 60; m < 28 * 60; m += 20) {
                s = detector.onEvent(s, call(principal, d.plus(Duration.ofMinutes(m)), "ec2.amazonaws.com", "DescribeInstances"), ctx);
            }
        }
        return s;
    }

    private static Instant week4(int hour, int minute) {
        return MONDAY.plus(Duration.ofDays(21)).plus(Duration.ofHours(hour)).plus(Duration.ofMinutes(minute)); // Monday 2026-11-23
    }

    @Test
    void secretsReadAtAnHourTheOfficeWorkerNeverWorksAreReportedWhenTheHourIsOver() {
        AfterHoursState s = officeWeeks(ALICE, null);
        assertThat(ctx.findings).isEmpty();
        for (int m : new int[] {10, 15, 20}) {
            s = detector.onEvent(s, call(ALICE, week4(22, m), "secretsmanager.amazonaws.com", "GetSecretValue"), ctx);
        }
        assertThat(ctx.findings).isEmpty();
        s = ctx.advanceTo(detector, s, week4(23, 0).toEpochMilli());
        assertThat(ctx.findings).hasSize(1);

        Finding f = ctx.findings.get(0);
        double l = 11.0 / 12; // weeks fade by 1 - 1/12; three earlier weeks weigh l + l^2 + l^3 = 2.527
        assertThat(f.ruleId).isEqualTo("after-hours-access");
        assertThat(f.severity).isEqualTo(Severity.MEDIUM);
        assertThat(f.title).isEqualTo("After-hours secret or key read at a rare hour: Mon 22:00-23:00 UTC");
        assertThat(f.subject).isEqualTo("Mon 22:00-23:00");
        assertThat(f.facts).containsEntry("calls", "3").containsEntry("kinds", "secret or key read")
                .containsEntry("local_hour", "2026-11-23T22:00").containsEntry("share_of_earlier_weeks", "0.00")
                .containsEntry("earlier_weeks", String.format(Locale.ROOT, "%.1f", l + l * l + l * l * l))
                .containsEntry("business_hours", "08:00-18:00 Mon,Tue,Wed,Thu,Fri")
                .containsEntry("confidence", "1.00"); // never in that hour: as rare as it gets
        assertThat(f.riskScore).isEqualTo(50);
        assertThat(f.evidence).extracting(e -> e.action).containsExactly("GetSecretValue", "GetSecretValue", "GetSecretValue");
        assertThat(f.explanation).startsWith(ALICE + " made 3 calls (secret or key read) on Monday 2026-11-23 between 22:00 and 23:00 UTC");
        assertThat(s.pendingHour).isEqualTo(Long.MIN_VALUE);
    }

    @Test
    void theNightShiftIsNotReported() {
        AfterHoursState s = nightWeeks(BOB, null);
        s = detector.onEvent(s, call(BOB, week4(22, 10), "secretsmanager.amazonaws.com", "GetSecretValue"), ctx);
        ctx.advanceTo(detector, s, week4(23, 30).toEpochMilli());
        assertThat(ctx.findings).isEmpty();
    }

    @Test
    void businessHoursOrdinaryCallsAndShortHistoriesAreNotReported() {
        AfterHoursState s = officeWeeks(ALICE, null);
        s = detector.onEvent(s, call(ALICE, week4(7, 10), "ec2.amazonaws.com", "TerminateInstances"), ctx); // not a guarded service
        s = detector.onEvent(s, call(ALICE, week4(23, 10), "ec2.amazonaws.com", "DescribeInstances"), ctx); // not sensitive
        s = detector.onEvent(s, call(ALICE, week4(12, 10), "secretsmanager.amazonaws.com", "GetSecretValue"), ctx); // business hours
        ctx.advanceTo(detector, s, week4(23, 59).toEpochMilli());
        assertThat(ctx.findings).isEmpty();

        RecordingContext fresh = new RecordingContext();
        AfterHoursState young = null;
        for (int day = 0; day < 10; day++) { // ten days only: less than min-history
            young = detector.onEvent(young, call(BOB, MONDAY.plus(Duration.ofDays(day)).plus(Duration.ofHours(10)), "ec2.amazonaws.com", "DescribeInstances"), fresh);
        }
        young = detector.onEvent(young, call(BOB, MONDAY.plus(Duration.ofDays(10)).plus(Duration.ofHours(23)), "kms.amazonaws.com", "Decrypt"), fresh);
        fresh.advanceTo(detector, young, MONDAY.plus(Duration.ofDays(11)).toEpochMilli());
        assertThat(fresh.findings).isEmpty();
    }

    @Test
    void thePrincipalsOwnZoneDecides() {
        // alice works 09:00-17:00 in Stockholm, which is 08:00-16:00 UTC in November
        AfterHoursSettings stockholm = new AfterHoursSettings(true, BusinessHours.DEFAULT,
                new PrincipalZones(ZoneId.of("UTC")).with("*:user/alice", ZoneId.of("Europe/Stockholm")),
                AfterHoursSettings.DEFAULT_MIN_HISTORY, 20, 0.2, 12, AfterHoursSettings.DEFAULT_FORGET_AFTER, Allowlist.none());
        AfterHoursDetector d = new AfterHoursDetector(stockholm);
        AfterHoursState s = null;
        for (int day = 0; day < 21; day++) {
            Instant base = MONDAY.plus(Duration.ofDays(day));
            if (base.atZone(ZoneId.of("UTC")).getDayOfWeek().getValue() <= 5) {
                for (int h = 8; h < 16; h++) {
                    s = d.onEvent(s, call(ALICE, base.plus(Duration.ofHours(h)).plus(Duration.ofMinutes(5)), "ec2.amazonaws.com", "DescribeInstances"), ctx);
                }
            }
        }
        // 17:30 UTC is 18:30 in Stockholm: after hours there, though within 08-18 UTC
        s = d.onEvent(s, aws("s3.amazonaws.com", "GetObject").principal(ALICE).at(week4(17, 30)).category(Category.DATA).build(), ctx);
        ctx.advanceTo(d, s, week4(19, 0).toEpochMilli());
        assertThat(ctx.findings).hasSize(1);
        assertThat(ctx.findings.get(0).facts).containsEntry("time_zone", "Europe/Stockholm").containsEntry("local_hour", "2026-11-23T18:00")
                .containsEntry("kinds", "data access");
        assertThat(ctx.findings.get(0).severity).isEqualTo(Severity.LOW);
    }

    @Test
    void aLateTimerIsNotWaitedFor() {
        AfterHoursState s = officeWeeks(ALICE, null);
        s = detector.onEvent(s, call(ALICE, week4(2, 5), "iam.amazonaws.com", "CreateAccessKey"), ctx);
        // the next event, hours later, closes the pending hour though no timer has fired
        s = detector.onEvent(s, call(ALICE, week4(9, 5), "ec2.amazonaws.com", "DescribeInstances"), ctx);
        assertThat(ctx.findings).hasSize(1);
        assertThat(ctx.findings.get(0).facts).containsEntry("kinds", "sensitive change").containsEntry("hour_of_week", "Mon 02:00-03:00");
    }

    @Test
    void quietEventsAreNotWrittenBackAndTheStateIsForgottenAfterAMonthOfSilence() {
        AfterHoursState s = officeWeeks(ALICE, null);
        int before = ctx.unchangedCalls;
        s = detector.onEvent(s, call(ALICE, MONDAY.plus(Duration.ofDays(18)).plus(Duration.ofHours(10)).plus(Duration.ofMinutes(7)),
                "ec2.amazonaws.com", "DescribeInstances"), ctx); // Friday of week 3, an hour already marked
        assertThat(ctx.unchangedCalls).isEqualTo(before + 1);
        assertThat(ctx.advanceTo(detector, s, s.forgetAt - 1)).isNotNull();
        assertThat(ctx.advanceTo(detector, s, s.forgetAt)).isNull();
        assertThat(s.forgetAt).isEqualTo(Instant.parse("2026-12-26T00:00:00Z").toEpochMilli()); // Friday 20 Nov 16:40 + 35 days, rounded up to the day
    }

    @Test
    void stateIsAPojo() {
        PojoTestUtils.assertSerializedAsPojoWithoutKryo(AfterHoursState.class);
        assertThat(DayOfWeek.MONDAY.getValue()).isEqualTo(1);
    }
}
