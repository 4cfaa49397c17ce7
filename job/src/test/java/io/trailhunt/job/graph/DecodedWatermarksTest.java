package io.trailhunt.job.graph;

import io.trailhunt.events.model.AuditEvent;
import io.trailhunt.events.model.Decoded;
import org.apache.flink.api.common.eventtime.Watermark;
import org.apache.flink.api.common.eventtime.WatermarkGenerator;
import org.apache.flink.api.common.eventtime.WatermarkGeneratorSupplier;
import org.apache.flink.api.common.eventtime.WatermarkOutput;
import org.apache.flink.api.common.eventtime.WatermarkOutputMultiplexer;
import org.apache.flink.api.common.eventtime.WatermarkStrategy;
import org.apache.flink.metrics.MetricGroup;
import org.apache.flink.metrics.groups.UnregisteredMetricsGroup;
import org.apache.flink.util.clock.ManualClock;
import org.apache.flink.util.clock.RelativeClock;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import static io.trailhunt.events.testing.EventBuilder.BEGINNING;
import static io.trailhunt.events.testing.EventBuilder.aws;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * The source's watermarks, split by split as the source operator combines them (Flink's
 * multiplexer: the slowest active split wins): a split that goes quiet for the idleness stops
 * holding the others back. Processing time is a manual clock, event time the events' own.
 */
class DecodedWatermarksTest {
    private static final long T0 = BEGINNING.toEpochMilli();
    private static final Duration LAG = Duration.ofMinutes(15);
    private static final Duration IDLENESS = Duration.ofMinutes(1);

    private final ManualClock clock = new ManualClock();
    private final List<Long> combined = new ArrayList<>();
    private final WatermarkOutputMultiplexer splits = new WatermarkOutputMultiplexer(new WatermarkOutput() {
        @Override
        public void emitWatermark(Watermark watermark) {
            combined.add(watermark.getTimestamp());
        }

        @Override
        public void markIdle() {}

        @Override
        public void markActive() {}
    });

    private WatermarkGenerator<Decoded> split(String id) {
        splits.registerNewOutput(id, w -> {});
        return DecodedWatermarks.strategy(LAG, IDLENESS).createWatermarkGenerator(new WatermarkGeneratorSupplier.Context() {
            @Override
            public MetricGroup getMetricGroup() {
                return new UnregisteredMetricsGroup();
            }

            @Override
            public RelativeClock getInputActivityClock() {
                return clock;
            }
        });
    }

    private static void event(WatermarkGenerator<Decoded> split, WatermarkOutput out, Duration after) {
        AuditEvent e = aws("s3.amazonaws.com", "ListBuckets").after(after).build();
        split.onEvent(Decoded.of(e), e.eventTime, out);
    }

    private void emit(WatermarkGenerator<Decoded> a, WatermarkGenerator<Decoded> b) {
        a.onPeriodicEmit(splits.getDeferredOutput("a"));
        b.onPeriodicEmit(splits.getDeferredOutput("b"));
        splits.onPeriodicEmit();
    }

    @Test
    void aQuietSplitStopsHoldingTheWatermarkBackAfterTheIdleness() {
        WatermarkGenerator<Decoded> a = split("a");
        WatermarkGenerator<Decoded> b = split("b");
        event(a, splits.getDeferredOutput("a"), Duration.ZERO);
        event(b, splits.getDeferredOutput("b"), Duration.ofHours(1));
        emit(a, b);
        long lagged = LAG.toMillis() + 1;
        assertThat(combined).containsExactly(T0 - lagged); // the slower split holds it

        // b goes on, a says nothing: its quiet time starts at the first emit without its events
        clock.advanceTime(Duration.ofSeconds(30));
        event(b, splits.getDeferredOutput("b"), Duration.ofHours(2));
        emit(a, b);
        clock.advanceTime(Duration.ofSeconds(59));
        event(b, splits.getDeferredOutput("b"), Duration.ofHours(2));
        emit(a, b);
        assertThat(combined).containsExactly(T0 - lagged); // quiet for 59 s: still held

        // quiet for longer than the idleness: the watermark follows b alone
        clock.advanceTime(Duration.ofSeconds(2));
        event(b, splits.getDeferredOutput("b"), Duration.ofHours(3));
        emit(a, b);
        assertThat(combined).containsExactly(T0 - lagged, T0 + Duration.ofHours(3).toMillis() - lagged);
    }

    @Test
    void deadLettersCarryNoTimeAndDoNotMoveTheWatermark() {
        WatermarkGenerator<Decoded> a = WatermarkStrategy.<Decoded>forGenerator(ctx -> new DecodedWatermarks(LAG.toMillis())).createWatermarkGenerator(null);
        List<Long> out = new ArrayList<>();
        WatermarkOutput collect = new WatermarkOutput() {
            @Override
            public void emitWatermark(Watermark w) {
                out.add(w.getTimestamp());
            }

            @Override
            public void markIdle() {}

            @Override
            public void markActive() {}
        };
        event(a, collect, Duration.ZERO);
        a.onEvent(Decoded.of(new io.trailhunt.events.model.DeadLetter("not JSON: x", "f:2", "x", 1, null)), Long.MIN_VALUE, collect);
        a.onPeriodicEmit(collect);
        assertThat(out).containsExactly(T0 - LAG.toMillis() - 1);
    }
}
