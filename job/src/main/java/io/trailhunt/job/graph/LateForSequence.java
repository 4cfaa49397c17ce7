package io.trailhunt.job.graph;

import io.trailhunt.events.decode.RawPrefix;
import io.trailhunt.events.json.AuditEventJson;
import io.trailhunt.events.model.AuditEvent;
import io.trailhunt.events.model.DeadLetter;
import org.apache.flink.api.common.accumulators.LongCounter;
import org.apache.flink.api.common.functions.OpenContext;
import org.apache.flink.api.common.functions.RichMapFunction;
import org.apache.flink.metrics.Counter;

import java.nio.charset.StandardCharsets;
import java.time.Instant;

/**
 * An event a sequence rule's NFA got behind its own watermark (after a shuffle the watermark is
 * the slowest input's, so an event on time at the split can be late here): a dead letter that
 * keeps the normalized event, so it can be replayed. The other rules did see it.
 */
public class LateForSequence extends RichMapFunction<AuditEvent, DeadLetter> {
    private static final long serialVersionUID = 1L;

    private final String pattern;
    private final int deadLetterPrefixBytes;
    private transient LongCounter late;
    private transient Counter lateMetric;

    public LateForSequence(String pattern, int deadLetterPrefixBytes) {
        this.pattern = pattern;
        this.deadLetterPrefixBytes = deadLetterPrefixBytes;
    }

    @Override
    public void open(OpenContext openContext) {
        late = getRuntimeContext().getLongCounter(Accumulators.LATE_FOR_SEQUENCES);
        lateMetric = getRuntimeContext().getMetricGroup().counter("lateForSequences");
    }

    @Override
    public DeadLetter map(AuditEvent e) {
        late.add(1);
        lateMetric.inc();
        byte[] json = AuditEventJson.toJson(e).getBytes(StandardCharsets.UTF_8);
        String reason = "late for sequence rule " + pattern + ": event time " + Instant.ofEpochMilli(e.eventTime)
                + " was behind the rule's watermark (the other rules saw it; raise event-time.max-out-of-orderness to keep such events)";
        return new DeadLetter(reason, e.origin, RawPrefix.of(json, Math.max(deadLetterPrefixBytes, 4096)), json.length, e.eventTime);
    }
}
