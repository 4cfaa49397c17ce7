package io.trailhunt.job.graph;

import io.trailhunt.events.decode.RawPrefix;
import io.trailhunt.events.json.AuditEventJson;
import io.trailhunt.events.model.AuditEvent;
import io.trailhunt.events.model.DeadLetter;
import io.trailhunt.events.model.Decoded;
import org.apache.flink.api.common.accumulators.LongCounter;
import org.apache.flink.api.common.functions.OpenContext;
import org.apache.flink.metrics.Counter;
import org.apache.flink.streaming.api.functions.ProcessFunction;
import org.apache.flink.util.Collector;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;

/**
 * Right after the sources: events go on, dead letters and late events go to their side outputs.
 * Counted both as metrics (for a running job) and accumulators (for the end-of-run summary).
 */
public class SplitDecoded extends ProcessFunction<Decoded, AuditEvent> {
    private static final long serialVersionUID = 1L;

    private final long allowedLatenessMillis;
    private final int deadLetterPrefixBytes;

    private transient LongCounter events;
    private transient LongCounter deadLetters;
    private transient LongCounter lateEvents;
    private transient Counter eventsMetric;
    private transient Counter deadLettersMetric;
    private transient Counter lateEventsMetric;

    public SplitDecoded(Duration allowedLateness, int deadLetterPrefixBytes) {
        this.allowedLatenessMillis = allowedLateness.toMillis();
        this.deadLetterPrefixBytes = deadLetterPrefixBytes;
    }

    @Override
    public void open(OpenContext openContext) {
        events = getRuntimeContext().getLongCounter(Accumulators.EVENTS);
        deadLetters = getRuntimeContext().getLongCounter(Accumulators.DEAD_LETTERS);
        lateEvents = getRuntimeContext().getLongCounter(Accumulators.LATE_EVENTS);
        eventsMetric = getRuntimeContext().getMetricGroup().counter("decodedEvents");
        deadLettersMetric = getRuntimeContext().getMetricGroup().counter("deadLetters");
        lateEventsMetric = getRuntimeContext().getMetricGroup().counter("lateEvents");
    }

    @Override
    public void processElement(Decoded d, Context ctx, Collector<AuditEvent> out) {
        if (d.event == null) {
            deadLetters.add(1);
            deadLettersMetric.inc();
            ctx.output(Tags.DEAD_LETTERS, d.deadLetter);
            return;
        }
        long watermark = ctx.timerService().currentWatermark();
        if (watermark != Long.MIN_VALUE && d.event.eventTime < watermark - allowedLatenessMillis) {
            lateEvents.add(1);
            lateEventsMetric.inc();
            ctx.output(Tags.LATE_EVENTS, late(d.event, watermark));
            return;
        }
        events.add(1);
        eventsMetric.inc();
        out.collect(d.event);
    }

    /** A late event keeps its normalized JSON as the raw prefix, so it can be replayed. */
    private DeadLetter late(AuditEvent e, long watermark) {
        byte[] json = AuditEventJson.toJson(e).getBytes(StandardCharsets.UTF_8);
        String reason = "late event: event time " + Instant.ofEpochMilli(e.eventTime) + " is "
                + Duration.ofMillis(watermark - e.eventTime).toSeconds() + "s behind the watermark "
                + Instant.ofEpochMilli(watermark) + " (raise event-time.max-out-of-orderness or event-time.allowed-lateness to keep such events)";
        return new DeadLetter(reason, e.origin, RawPrefix.of(json, Math.max(deadLetterPrefixBytes, 4096)), json.length, e.eventTime);
    }
}
