package io.trailhunt.job.graph;

import io.trailhunt.events.model.Decoded;
import org.apache.flink.api.common.eventtime.Watermark;
import org.apache.flink.api.common.eventtime.WatermarkGenerator;
import org.apache.flink.api.common.eventtime.WatermarkOutput;
import org.apache.flink.api.common.eventtime.WatermarkStrategy;

import java.time.Duration;

/**
 * Event time from the event's own time, bounded out-of-orderness, and idleness; applied at the
 * source so every split (file, partition, shard) has its own watermark. Dead letters carry no
 * time and do not move the watermark.
 */
public final class DecodedWatermarks implements WatermarkGenerator<Decoded> {
    private final long outOfOrdernessMillis;
    private long maxTimestamp;

    DecodedWatermarks(long outOfOrdernessMillis) {
        this.outOfOrdernessMillis = outOfOrdernessMillis;
        this.maxTimestamp = Long.MIN_VALUE + outOfOrdernessMillis + 1;
    }

    public static WatermarkStrategy<Decoded> strategy(Duration maxOutOfOrderness, Duration idleness) {
        long bound = maxOutOfOrderness.toMillis();
        return WatermarkStrategy.<Decoded>forGenerator(ctx -> new DecodedWatermarks(bound))
                .withTimestampAssigner((d, previous) -> d.event != null ? d.event.eventTime : previous)
                .withIdleness(idleness);
    }

    @Override
    public void onEvent(Decoded d, long eventTimestamp, WatermarkOutput output) {
        if (d.event != null) {
            maxTimestamp = Math.max(maxTimestamp, d.event.eventTime);
        }
    }

    @Override
    public void onPeriodicEmit(WatermarkOutput output) {
        output.emitWatermark(new Watermark(maxTimestamp - outOfOrdernessMillis - 1));
    }
}
