package io.trailhunt.detectors.suppress;

import io.trailhunt.events.model.Cloud;
import io.trailhunt.events.model.Evidence;
import io.trailhunt.events.model.Finding;
import io.trailhunt.events.model.Severity;
import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.runtime.checkpoint.OperatorSubtaskState;
import org.apache.flink.streaming.api.operators.KeyedProcessOperator;
import org.apache.flink.streaming.api.watermark.Watermark;
import org.apache.flink.streaming.runtime.streamrecord.StreamRecord;
import org.apache.flink.streaming.util.KeyedOneInputStreamOperatorTestHarness;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.List;
import java.util.Map;

import static io.trailhunt.events.testing.EventBuilder.BEGINNING;
import static org.assertj.core.api.Assertions.assertThat;

class SuppressFindingsFunctionTest {
    private static final long T0 = BEGINNING.toEpochMilli();
    private static final long HOUR = Duration.ofHours(1).toMillis();

    private static Finding finding(String id, String rule, String principal, String subject, long lastSeen) {
        Finding f = new Finding();
        f.findingId = id;
        f.ruleId = rule;
        f.severity = Severity.HIGH;
        f.cloud = Cloud.AWS;
        f.account = "111122223333";
        f.principal = principal;
        f.subject = subject;
        f.firstSeen = lastSeen;
        f.lastSeen = lastSeen;
        Evidence e = new Evidence();
        e.eventId = id;
        e.eventTime = lastSeen;
        f.evidence.add(e);
        return f;
    }

    private static KeyedOneInputStreamOperatorTestHarness<String, Finding, Finding> harness(SuppressionSettings s) throws Exception {
        var h = new KeyedOneInputStreamOperatorTestHarness<>(new KeyedProcessOperator<>(new SuppressFindingsFunction(s)), Suppressor::key, Types.STRING);
        h.getExecutionConfig().disableGenericTypes();
        return h;
    }

    private static void send(KeyedOneInputStreamOperatorTestHarness<String, Finding, Finding> h, Finding f) throws Exception {
        h.processElement(new StreamRecord<>(f, f.lastSeen));
    }

    @Test
    void repeatsWithinTheWindowAreSuppressedPerRulePrincipalAndSubject() throws Exception {
        try (var h = harness(SuppressionSettings.defaults())) {
            h.open();
            send(h, finding("a", "log-tampering", "alice", "trail-stopped:main", T0));
            send(h, finding("b", "log-tampering", "alice", "trail-stopped:main", T0 + HOUR - 1)); // repeat
            send(h, finding("c", "log-tampering", "alice", "trail-deleted:main", T0 + 1)); // other subject
            send(h, finding("d", "log-tampering", "bob", "trail-stopped:main", T0 + 2)); // other principal
            send(h, finding("e", "other-rule", "alice", "trail-stopped:main", T0 + 3)); // other rule
            send(h, finding("f", "log-tampering", "alice", "trail-stopped:main", T0 + HOUR)); // window passed
            // b was folded into a: a's update (count 2) goes out before the next finding
            assertThat(h.extractOutputValues()).extracting(f -> f.findingId + (f.update ? "+" + f.count : ""))
                    .containsExactly("a", "c", "d", "e", "a+2", "f");
        }
    }

    @Test
    void aBurstIsOneFindingAndOneUpdateWithTheCount() throws Exception {
        try (var h = harness(SuppressionSettings.defaults())) {
            h.open();
            send(h, finding("a", "anonymizing-network", "etl", "tor", T0));
            for (int i = 1; i <= 12; i++) {
                Finding repeat = finding("r" + i, "anonymizing-network", "etl", "tor", T0 + i * 60_000L);
                repeat.sourceIps.add("185.220.101." + i);
                send(h, repeat);
            }
            assertThat(h.extractOutputValues()).extracting(f -> f.findingId).containsExactly("a");
            h.processWatermark(new Watermark(T0 + HOUR - 1));
            assertThat(h.extractOutputValues()).hasSize(1);

            h.processWatermark(new Watermark(T0 + HOUR));
            List<Finding> out = h.extractOutputValues();
            assertThat(out).hasSize(2);
            Finding first = out.get(0);
            Finding update = out.get(1);
            assertThat(first.count).isEqualTo(1);
            assertThat(first.update).isFalse();
            assertThat(update.findingId).isEqualTo("a");
            assertThat(update.update).isTrue();
            assertThat(update.count).isEqualTo(13);
            assertThat(update.firstSeen).isEqualTo(T0);
            assertThat(update.lastSeen).isEqualTo(T0 + 12 * 60_000L);
            assertThat(update.sourceIps).hasSize(12).startsWith("185.220.101.1").endsWith("185.220.101.12");
            assertThat(update.evidence).extracting(e -> e.eventId).hasSize(13).startsWith("a", "r1").endsWith("r12");
            assertThat(update.explanation).endsWith(" Update: the rule concluded this 13 times in all, the last at 2026-11-02T09:12:00Z;"
                    + " the repeats within the 60-minute suppression window were folded into this finding.");
            assertThat(h.numKeyedStateEntries()).isZero();
        }
    }

    @Test
    void aLoneFindingSendsNoUpdateAndEvidenceStaysCapped() throws Exception {
        try (var h = harness(SuppressionSettings.defaults())) {
            h.open();
            send(h, finding("lone", "log-tampering", "alice", "s", T0));
            send(h, finding("a", "bulk-object-download", "bob", "b", T0));
            for (int i = 1; i <= 60; i++) {
                send(h, finding("r" + i, "bulk-object-download", "bob", "b", T0 + i));
            }
            h.processWatermark(new Watermark(T0 + 2 * HOUR));
            List<Finding> out = h.extractOutputValues();
            assertThat(out).extracting(f -> f.findingId + (f.update ? "+" : "")).containsExactly("lone", "a", "a+");
            Finding update = out.get(2);
            assertThat(update.count).isEqualTo(61);
            assertThat(update.evidence).hasSize(Finding.MAX_EVIDENCE);
            assertThat(update.evidence.get(24).eventId).isEqualTo("r24");
            assertThat(update.evidence.get(25).eventId).isEqualTo("r36"); // r25..r35 counted, not kept
            assertThat(update.evidenceOmitted).isEqualTo(11);
        }
    }

    @Test
    void aFindingAfterTheWindowFollowsThePreviousUpdateEvenBeforeTheTimer() throws Exception {
        try (var h = harness(SuppressionSettings.defaults())) {
            h.open();
            send(h, finding("a", "log-tampering", "alice", "s", T0));
            send(h, finding("b", "log-tampering", "alice", "s", T0 + 10));
            send(h, finding("c", "log-tampering", "alice", "s", T0 + HOUR + 1)); // the watermark is still behind
            assertThat(h.extractOutputValues()).extracting(f -> f.findingId + (f.update ? "+" + f.count : ""))
                    .containsExactly("a", "a+2", "c");
        }
    }

    @Test
    void foldedRepeatsSurviveARestore() throws Exception {
        OperatorSubtaskState snapshot;
        try (var h = harness(SuppressionSettings.defaults())) {
            h.open();
            send(h, finding("a", "log-tampering", "alice", "s", T0));
            send(h, finding("b", "log-tampering", "alice", "s", T0 + 10));
            snapshot = h.snapshot(1, 1);
        }
        try (var h = harness(SuppressionSettings.defaults())) {
            h.initializeState(snapshot);
            h.open();
            send(h, finding("c", "log-tampering", "alice", "s", T0 + 20));
            h.processWatermark(new Watermark(T0 + 2 * HOUR));
            assertThat(h.extractOutputValues()).extracting(f -> f.findingId + (f.update ? "+" + f.count : "")).containsExactly("a+3");
        }
    }

    @Test
    void aDetectorsRepeatsAreCountedIntoTheOpenFindingAndNeverReportedAlone() throws Exception {
        try (var h = harness(SuppressionSettings.defaults())) {
            h.open();
            Finding orphan = finding("o", "new-source-ip", "alice", "198.51.100.0", T0);
            orphan.repeat = true; // its finding is not open here (a restore from before it, say): dropped
            send(h, orphan);
            send(h, finding("a", "new-source-ip", "alice", "198.51.100.0", T0 + 1));
            for (int i = 1; i <= 3; i++) {
                Finding r = finding("r" + i, "new-source-ip", "alice", "198.51.100.0", T0 + i * 60_000L);
                r.repeat = true;
                send(h, r);
            }
            h.processWatermark(new Watermark(T0 + 2 * HOUR));
            assertThat(h.extractOutputValues()).extracting(f -> f.findingId + (f.update ? "+" + f.count : "")).containsExactly("a", "a+4");
        }
    }

    @Test
    void windowsCoverTheDetectorsQuietPeriodsUnlessSuppressionIsOff() {
        io.trailhunt.detectors.Detector<?> quietForADay = new io.trailhunt.detectors.anonymizer.AnonymizingNetworkDetector(
                io.trailhunt.detectors.anonymizer.AnonymizingNetworkSettings.defaults());
        SuppressionSettings s = new SuppressionSettings(Duration.ofHours(1), Map.of("log-tampering", Duration.ofMinutes(5)))
                .covering(List.of(quietForADay));
        assertThat(s.windowFor("anonymizing-network")).isEqualTo(Duration.ofHours(24));
        assertThat(s.windowFor("log-tampering")).isEqualTo(Duration.ofMinutes(5));
        SuppressionSettings off = new SuppressionSettings(Duration.ofHours(1), Map.of("anonymizing-network", Duration.ZERO))
                .covering(List.of(quietForADay));
        assertThat(off.windowFor("anonymizing-network")).isEqualTo(Duration.ZERO);
    }

    @Test
    void stateIsForgottenAfterTheWindowAndSurvivesARestore() throws Exception {
        OperatorSubtaskState snapshot;
        try (var h = harness(SuppressionSettings.defaults())) {
            h.open();
            send(h, finding("a", "log-tampering", "alice", "s", T0));
            snapshot = h.snapshot(1, 1);
        }
        try (var h = harness(SuppressionSettings.defaults())) {
            h.initializeState(snapshot);
            h.open();
            send(h, finding("b", "log-tampering", "alice", "s", T0 + 10));
            assertThat(h.extractOutputValues()).isEmpty();
            h.processWatermark(new Watermark(T0 + 2 * HOUR));
            assertThat(h.numKeyedStateEntries()).isZero();
        }
    }

    @Test
    void perRuleWindowsOverrideAndZeroTurnsSuppressionOff() throws Exception {
        SuppressionSettings s = new SuppressionSettings(Duration.ofHours(1), Map.of("noisy", Duration.ZERO));
        try (var h = harness(s)) {
            h.open();
            send(h, finding("a", "noisy", "alice", "s", T0));
            send(h, finding("b", "noisy", "alice", "s", T0 + 1));
            assertThat(h.extractOutputValues()).extracting(f -> f.findingId).containsExactly("a", "b");
            assertThat(h.numKeyedStateEntries()).isZero();
        }
    }

    @Test
    void settingsAreReadFromTheConfiguration() {
        var yaml = new com.fasterxml.jackson.databind.ObjectMapper().createObjectNode();
        yaml.put("window", "30m");
        yaml.putObject("per-rule").put("impossible-travel", "2h");
        SuppressionSettings s = SuppressionSettings.from(new io.trailhunt.events.settings.Section("suppression", yaml));
        assertThat(s.windowFor("log-tampering")).isEqualTo(Duration.ofMinutes(30));
        assertThat(s.windowFor("impossible-travel")).isEqualTo(Duration.ofHours(2));
        assertThat(List.of(s.longestWindow())).containsExactly(Duration.ofHours(2));
    }
}
