package io.trailhunt.job.graph;

import io.trailhunt.events.model.AuditEvent;
import io.trailhunt.events.model.DeadLetter;
import io.trailhunt.events.model.Decoded;
import io.trailhunt.events.settings.Quantities;
import org.apache.flink.api.common.accumulators.LongCounter;
import org.apache.flink.api.common.accumulators.LongMaximum;
import org.apache.flink.api.common.functions.OpenContext;
import org.apache.flink.metrics.Counter;
import org.apache.flink.streaming.api.functions.ProcessFunction;
import org.apache.flink.util.Collector;

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
    /** The inputs' watermark lag, to say what would have kept a late event; null when they differ. */
    private final Duration outOfOrderness;

    private transient LongCounter events;
    private transient LongCounter deadLetters;
    private transient LongCounter lateEvents;
    private transient LongMaximum lateShortfall;
    private transient Counter eventsMetric;
    private transient Counter deadLettersMetric;
    private transient Counter lateEventsMetric;

    public SplitDecoded(Duration allowedLateness, int deadLetterPrefixBytes, Duration outOfOrderness) {
        this.allowedLatenessMillis = allowedLateness.toMillis();
        this.deadLetterPrefixBytes = deadLetterPrefixBytes;
        this.outOfOrderness = outOfOrderness;
    }

    @Override
    public void open(OpenContext openContext) {
        events = getRuntimeContext().getLongCounter(Accumulators.EVENTS);
        deadLetters = getRuntimeContext().getLongCounter(Accumulators.DEAD_LETTERS);
        lateEvents = getRuntimeContext().getLongCounter(Accumulators.LATE_EVENTS);
        lateShortfall = new LongMaximum(0);
        getRuntimeContext().addAccumulator(Accumulators.LATE_SHORTFALL, lateShortfall);
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

    /** Says how late, and the setting value that would have kept it: the dead letter is then actionable. */
    private DeadLetter late(AuditEvent e, long watermark) {
        long behind = watermark - e.eventTime;
        long shortfall = behind - allowedLatenessMillis;
        lateShortfall.add(shortfall);
        String reason = "late event: event time " + Instant.ofEpochMilli(e.eventTime) + " is " + LateAdvice.behind(behind)
                + " behind the watermark " + Instant.ofEpochMilli(watermark) + " (allowed lateness " + Quantities.format(Duration.ofMillis(allowedLatenessMillis))
                + "); " + LateAdvice.keepWith(outOfOrderness, shortfall, behind);
        return EventDeadLetters.of(e, reason, deadLetterPrefixBytes);
    }
}
