package io.trailhunt.detectors.host;

import io.trailhunt.detectors.Detector;
import io.trailhunt.detectors.DetectorContext;
import io.trailhunt.detectors.tampering.LogTamperingDetector;
import io.trailhunt.detectors.tampering.LogTamperingSettings;
import io.trailhunt.events.model.AuditEvent;
import io.trailhunt.events.model.DeadLetter;
import io.trailhunt.events.model.Finding;
import org.apache.flink.streaming.api.watermark.Watermark;
import org.apache.flink.streaming.runtime.streamrecord.StreamRecord;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.time.Duration;
import java.time.Instant;
import java.util.List;

import static io.trailhunt.events.testing.EventBuilder.aws;
import static org.assertj.core.api.Assertions.assertThat;

/** A rule that throws on an event or a timer becomes a dead letter; the other rules, and the rule itself, go on. */
class RuleFailureIsolationTest {
    private static final AuditEvent LIST = aws("s3.amazonaws.com", "ListBuckets").id("e1").build();
    private static final AuditEvent POLICY = aws("s3.amazonaws.com", "PutBucketPolicy").id("e2").after(Duration.ofMinutes(1)).build();
    private static final AuditEvent ACL = aws("s3.amazonaws.com", "GetBucketAcl").id("e3").after(Duration.ofMinutes(2)).build();
    private static final AuditEvent STOP = aws("cloudtrail.amazonaws.com", "StopLogging").id("e4").after(Duration.ofMinutes(3)).build();
    private static final AuditEvent WHO = aws("sts.amazonaws.com", "GetCallerIdentity").id("e5").after(Duration.ofMinutes(20)).build();

    /** Counts calls (in subject); throws on PutBucketPolicy and at the timer GetBucketAcl asks for; reports its count at GetCallerIdentity. */
    private static final class Fragile extends HostHarness.FindingStateDetector {
        Fragile() {
            super("fragile");
        }

        @Override
        public Finding onEvent(Finding state, AuditEvent e, DetectorContext ctx) {
            if (e.action.equals("PutBucketPolicy")) {
                throw new IllegalStateException("cannot read the policy");
            }
            Finding s = new Finding();
            s.ruleId = "fragile";
            s.subject = String.valueOf(state == null ? 1 : Integer.parseInt(state.subject) + 1);
            if (e.action.equals("GetBucketAcl")) {
                ctx.registerTimer(e.eventTime + Duration.ofMinutes(5).toMillis());
            }
            if (e.action.equals("GetCallerIdentity")) {
                ctx.emit(s);
            }
            return s;
        }

        @Override
        public Finding onTimer(Finding state, long timestamp, DetectorContext ctx) {
            throw new IllegalArgumentException("timer boom");
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"heap", "rocksdb"})
    void theFailuresAreDeadLettersAndEveryRuleGoesOn(String backend) throws Exception {
        List<Detector<?>> detectors = List.of(new Fragile(), new LogTamperingDetector(LogTamperingSettings.defaults()));
        var h = HostHarness.inEventTimeOrder(detectors, backend);
        try (h) {
            h.open();
            for (AuditEvent e : List.of(LIST, POLICY, ACL, STOP, WHO)) {
                h.processElement(new StreamRecord<>(e, e.eventTime));
            }
            h.processWatermark(new Watermark(WHO.eventTime));

            // log-tampering found its story; fragile counted every call but the one it failed on
            assertThat(h.extractOutputValues()).extracting(f -> f.ruleId + "|" + (f.ruleId.equals("fragile") ? f.subject : f.evidence.get(0).eventId))
                    .containsExactly("log-tampering|e4", "fragile|4");
            List<DeadLetter> failures = h.getSideOutput(KeyedDetectorsFunction.RULE_FAILURES).stream().map(StreamRecord::getValue).toList();
            assertThat(failures).hasSize(2);

            DeadLetter onEvent = failures.get(0);
            assertThat(onEvent.reason).isEqualTo("rule fragile failed on this event: java.lang.IllegalStateException: cannot read the policy"
                    + " (the other rules saw it; this rule's state for the principal was not written back; on the heap backend, changes it made in"
                    + " place before the error stay)");
            assertThat(onEvent.origin).isEqualTo(POLICY.origin);
            assertThat(onEvent.eventTime).isEqualTo(POLICY.eventTime);
            assertThat(onEvent.rawPrefix).contains("\"PutBucketPolicy\"").contains("e2");

            DeadLetter onTimer = failures.get(1);
            long due = ACL.eventTime + Duration.ofMinutes(5).toMillis();
            assertThat(onTimer.reason).isEqualTo("rule fragile failed at its timer for " + Instant.ofEpochMilli(due)
                    + ": java.lang.IllegalArgumentException: timer boom (this rule's state for the principal was not written back; on the heap"
                    + " backend, changes it made in place before the error stay)");
            assertThat(onTimer.origin).isEqualTo("rule:fragile@" + ACL.principalKey());
            assertThat(onTimer.rawPrefix).isEqualTo(ACL.principalKey());
            assertThat(onTimer.eventTime).isEqualTo(due);
        }
    }
}
