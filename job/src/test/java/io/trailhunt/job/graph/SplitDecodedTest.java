package io.trailhunt.job.graph;

import io.trailhunt.events.model.AuditEvent;
import io.trailhunt.events.model.DeadLetter;
import io.trailhunt.events.model.Decoded;
import org.apache.flink.streaming.api.operators.ProcessOperator;
import org.apache.flink.streaming.api.watermark.Watermark;
import org.apache.flink.streaming.runtime.streamrecord.StreamRecord;
import org.apache.flink.streaming.util.OneInputStreamOperatorTestHarness;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.List;

import static io.trailhunt.events.testing.EventBuilder.BEGINNING;
import static io.trailhunt.events.testing.EventBuilder.aws;
import static org.assertj.core.api.Assertions.assertThat;

/** Events pass, dead letters and events behind the watermark go to their side outputs, with a reason. */
class SplitDecodedTest {
    private static final long T0 = BEGINNING.toEpochMilli();

    private static OneInputStreamOperatorTestHarness<Decoded, AuditEvent> harness(Duration allowedLateness) throws Exception {
        var h = new OneInputStreamOperatorTestHarness<>(new ProcessOperator<>(new SplitDecoded(allowedLateness, 1024, Duration.ofMinutes(15))));
        h.getExecutionConfig().disableGenericTypes();
        h.open();
        return h;
    }

    @Test
    void lateEventsAndDeadLettersAreSetAsideWithTheirReason() throws Exception {
        try (var h = harness(Duration.ZERO)) {
            AuditEvent onTime = aws("s3.amazonaws.com", "ListBuckets").after(Duration.ofMinutes(30)).build();
            AuditEvent late = aws("s3.amazonaws.com", "GetObject").after(Duration.ofMinutes(5)).build();
            DeadLetter bad = new DeadLetter("not JSON: x", "f:1", "x", 1, null);

            h.processElement(new StreamRecord<>(Decoded.of(onTime), onTime.eventTime));
            h.processElement(new StreamRecord<>(Decoded.of(bad)));
            h.processWatermark(new Watermark(T0 + Duration.ofMinutes(10).toMillis()));
            h.processElement(new StreamRecord<>(Decoded.of(late), late.eventTime));

            assertThat(h.extractOutputValues()).containsExactly(onTime);
            assertThat(h.getSideOutput(Tags.DEAD_LETTERS)).extracting(StreamRecord::getValue).containsExactly(bad);
            List<DeadLetter> lates = h.getSideOutput(Tags.LATE_EVENTS).stream().map(StreamRecord::getValue).toList();
            assertThat(lates).hasSize(1);
            assertThat(lates.get(0).reason).isEqualTo("late event: event time 2026-11-02T09:05:00Z is 5m behind the watermark "
                    + "2026-11-02T09:10:00Z (allowed lateness 0s); max-out-of-orderness: 20m (now 15m) would have kept it (event-time.max-out-of-orderness,"
                    + " or the input's inputs[].max-out-of-orderness where set), or event-time.allowed-lateness: 5m");
            assertThat(lates.get(0).eventTime).isEqualTo(late.eventTime);
            assertThat(lates.get(0).rawPrefix).contains("\"action\":\"GetObject\"").contains("\"event_id\":\"" + late.eventId + "\"");
        }
    }

    @Test
    void allowedLatenessKeepsEventsWithinIt() throws Exception {
        try (var h = harness(Duration.ofMinutes(10))) {
            AuditEvent behind = aws("s3.amazonaws.com", "GetObject").after(Duration.ofMinutes(5)).build();
            h.processWatermark(new Watermark(T0 + Duration.ofMinutes(10).toMillis()));
            h.processElement(new StreamRecord<>(Decoded.of(behind), behind.eventTime));
            assertThat(h.extractOutputValues()).containsExactly(behind);
            assertThat(h.getSideOutput(Tags.LATE_EVENTS)).isNull();
        }
    }

    @Test
    void anEventAYearLateSaysWhichLagWouldHaveKeptIt() throws Exception {
        try (var h = harness(Duration.ofHours(1))) {
            AuditEvent old = aws("s3.amazonaws.com", "GetObject").after(Duration.ofDays(-400).plusSeconds(7)).build();
            h.processWatermark(new Watermark(T0));
            h.processElement(new StreamRecord<>(Decoded.of(old), old.eventTime));

            assertThat(h.extractOutputValues()).isEmpty();
            // 400 days less 7 seconds behind, 1h of it allowed: a lag of 15m + 399d 22h 59m 53s, in whole days 400d.
            assertThat(h.getSideOutput(Tags.LATE_EVENTS)).extracting(r -> r.getValue().reason).containsExactly(
                    "late event: event time 2025-09-28T09:00:07Z is 399d23h59m53s behind the watermark 2026-11-02T09:00:00Z (allowed lateness 1h);"
                            + " max-out-of-orderness: 400d (now 15m) would have kept it (event-time.max-out-of-orderness, or the input's"
                            + " inputs[].max-out-of-orderness where set)");
        }
    }
}
