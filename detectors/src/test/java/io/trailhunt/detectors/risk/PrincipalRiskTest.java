package io.trailhunt.detectors.risk;

import io.trailhunt.detectors.RecordingContext;
import io.trailhunt.events.model.Cloud;
import io.trailhunt.events.model.Evidence;
import io.trailhunt.events.model.Finding;
import io.trailhunt.events.model.PrincipalType;
import io.trailhunt.events.model.Severity;
import org.apache.flink.types.PojoTestUtils;
import org.junit.jupiter.api.Test;

import java.time.Instant;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

class PrincipalRiskTest {
    private static final long MINUTE = 60_000L;
    private static final long T0 = Instant.parse("2026-11-02T13:00:00Z").toEpochMilli();

    private final PrincipalRisk risk = new PrincipalRisk(RiskSettings.defaults());
    private final RecordingContext ctx = new RecordingContext();

    static Finding finding(String rule, Severity severity, int score, long first, long last, String mitre) {
        Finding f = new Finding();
        f.findingId = rule + "-" + first;
        f.ruleId = rule;
        f.title = rule + " title";
        f.severity = severity;
        f.riskScore = score;
        f.cloud = Cloud.AWS;
        f.account = "111122223333";
        f.principal = "arn:aws:iam::111122223333:user/dave";
        f.principalType = PrincipalType.USER;
        f.firstSeen = first;
        f.lastSeen = last;
        f.subject = "s";
        f.sourceIps.add("175.16.199.20");
        f.mitre.add(mitre);
        Evidence e = new Evidence();
        e.eventId = "e";
        e.eventTime = last;
        f.evidence.add(e);
        return f;
    }

    private RiskState feed(RiskState s, Finding... findings) {
        for (Finding f : findings) {
            s = risk.onFinding(s, f, ctx);
        }
        return s;
    }

    @Test
    void aCampaignIsReportedOnceAnHourAfterItCrossesTheThresholdAsOneStory() {
        Finding tampering = finding("log-tampering", Severity.CRITICAL, 95, T0 + 4 * MINUTE, T0 + 9 * MINUTE, "T1562.008");
        Finding download = finding("bulk-object-download", Severity.MEDIUM, 50, T0 + 25 * MINUTE, T0 + 34 * MINUTE, "T1530");
        Finding spike = finding("volume-spike", Severity.MEDIUM, 50, T0 + 25 * MINUTE, T0 + 44 * MINUTE, "T1530");
        RiskState s = feed(null, tampering, download);
        // 95 halved over 25 minutes with an 8 h half-life, plus 50: 95 * 0.5^(25/480) + 50 = 141.6, under 150
        assertThat(risk.score(s, T0 + 34 * MINUTE)).isCloseTo(95 * Math.pow(0.5, 25.0 / 480) + 50, within(1e-9));
        assertThat(s.reportAt).isEqualTo(Long.MIN_VALUE);
        s = feed(s, spike);
        assertThat(s.reportAt).isEqualTo(T0 + 44 * MINUTE + 60 * MINUTE);

        s = ctx.advanceTo(risk::onTimer, s, T0 + 104 * MINUTE - 1);
        assertThat(ctx.findings).isEmpty();
        s = ctx.advanceTo(risk::onTimer, s, T0 + 104 * MINUTE);
        assertThat(ctx.findings).hasSize(1);
        Finding f = ctx.findings.get(0);
        double expected = 95 * Math.pow(0.5, 95.0 / 480) + 50 * Math.pow(0.5, 70.0 / 480) + 50 * Math.pow(0.5, 60.0 / 480);
        assertThat(f.ruleId).isEqualTo("principal-risk");
        assertThat(f.severity).isEqualTo(Severity.CRITICAL);
        assertThat(f.facts).containsEntry("score", String.format("%.0f", expected)).containsEntry("findings", "3")
                .containsEntry("rules", "log-tampering, bulk-object-download, volume-spike");
        assertThat(f.title).isEqualTo("Risk " + String.format("%.0f", expected) + " from 3 rules: log-tampering, bulk-object-download, volume-spike");
        assertThat(f.riskScore).isEqualTo((int) Math.round(75 * expected / 150));
        assertThat(f.mitre).containsExactly("T1562.008", "T1530");
        assertThat(f.evidence).extracting(e -> e.action).containsExactly("log-tampering", "bulk-object-download", "volume-spike");
        assertThat(f.evidence.get(0).details).containsEntry("finding_id", tampering.findingId).containsEntry("severity", "critical");
        assertThat(f.firstSeen).isEqualTo(T0 + 4 * MINUTE);
        assertThat(f.explanation).contains("In time order: 2026-11-02T13:04:00Z log-tampering (log-tampering title); 2026-11-02T13:25:00Z bulk-object-download");

        // more findings the same day do not report it again
        s = feed(s, finding("novel-activity", Severity.HIGH, 75, T0 + 110 * MINUTE, T0 + 110 * MINUTE, "T1078"));
        s = ctx.advanceTo(risk::onTimer, s, T0 + 10 * 60 * MINUTE);
        assertThat(ctx.findings).hasSize(1);
        // a day after the last finding, nothing is kept
        assertThat(ctx.advanceTo(risk::onTimer, s, T0 + 110 * MINUTE + 24 * 60 * MINUTE)).isNull();
    }

    @Test
    void oneRuleAloneIsNotACampaignAndRiskFindingsNeverCount() {
        RiskState s = feed(null,
                finding("volume-spike", Severity.MEDIUM, 50, T0, T0, "T1530"),
                finding("volume-spike", Severity.MEDIUM, 50, T0 + 60 * MINUTE, T0 + 60 * MINUTE, "T1530"),
                finding("volume-spike", Severity.MEDIUM, 50, T0 + 120 * MINUTE, T0 + 120 * MINUTE, "T1530"),
                finding("volume-spike", Severity.MEDIUM, 50, T0 + 180 * MINUTE, T0 + 180 * MINUTE, "T1530"),
                finding("principal-risk", Severity.CRITICAL, 100, T0 + 181 * MINUTE, T0 + 181 * MINUTE, "T1078"));
        ctx.advanceTo(risk::onTimer, s, T0 + 6 * 60 * MINUTE);
        assertThat(ctx.findings).isEmpty();
        assertThat(s.contributions).extracting(c -> c.ruleId).containsOnly("volume-spike");
    }

    @Test
    void aFindingFromADayLaterArrivingBeforeTheReportIsDueDoesNotPushTheCampaignOut() {
        RiskState s = feed(null,
                finding("log-tampering", Severity.CRITICAL, 95, T0 + 4 * MINUTE, T0 + 9 * MINUTE, "T1562.008"),
                finding("bulk-object-download", Severity.MEDIUM, 50, T0 + 25 * MINUTE, T0 + 34 * MINUTE, "T1530"),
                finding("volume-spike", Severity.MEDIUM, 50, T0 + 25 * MINUTE, T0 + 44 * MINUTE, "T1530"));
        assertThat(s.reportAt).isEqualTo(T0 + 104 * MINUTE);
        // another reader is a day ahead: its finding reaches the operator before the watermark reaches the report
        s = feed(s, finding("new-country", Severity.LOW, 30, T0 + 30 * 60 * MINUTE, T0 + 30 * 60 * MINUTE, "T1078"));

        s = ctx.advanceTo(risk::onTimer, s, T0 + 104 * MINUTE);
        assertThat(ctx.findings).hasSize(1);
        assertThat(ctx.findings.get(0).evidence).extracting(e -> e.action)
                .containsExactly("log-tampering", "bulk-object-download", "volume-spike");
        s = ctx.advanceTo(risk::onTimer, s, T0 + 31 * 60 * MINUTE);
        assertThat(ctx.findings).hasSize(1);
        assertThat(s.contributions).extracting(c -> c.ruleId).containsExactly("new-country");
    }

    @Test
    void oldFindingsHaveLeftTheWindow() {
        RiskState s = feed(null, finding("log-tampering", Severity.CRITICAL, 95, T0, T0, "T1562.008"),
                finding("bulk-object-download", Severity.HIGH, 75, T0 + 25 * 60 * MINUTE, T0 + 25 * 60 * MINUTE, "T1530"));
        assertThat(s.contributions).hasSize(1);
        assertThat(s.reportAt).isEqualTo(Long.MIN_VALUE);
    }

    @Test
    void stateIsAPojo() {
        PojoTestUtils.assertSerializedAsPojoWithoutKryo(RiskState.class);
        assertThat(RiskKey.of(finding("x", Severity.LOW, 1, T0, T0, "T"))).isEqualTo("aws|111122223333|arn:aws:iam::111122223333:user/dave");
        Finding anon = finding("bucket-enumeration", Severity.MEDIUM, 50, T0, T0, "T1619");
        anon.principal = "anonymous";
        anon.principalType = PrincipalType.ANONYMOUS;
        assertThat(RiskKey.of(anon)).isEqualTo("aws|111122223333|anonymous|175.16.199.20");
    }
}
