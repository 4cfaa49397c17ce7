package io.trailhunt.detectors.suppress;

import io.trailhunt.events.model.Finding;
import org.apache.flink.api.common.functions.OpenContext;
import org.apache.flink.api.common.state.MapState;
import org.apache.flink.api.common.state.MapStateDescriptor;
import org.apache.flink.api.common.state.StateTtlConfig;
import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.metrics.Counter;
import org.apache.flink.streaming.api.functions.KeyedProcessFunction;
import org.apache.flink.util.Collector;

import java.time.Duration;
import java.util.Iterator;
import java.util.Map;

/**
 * The one suppression step every finding passes before the sinks, keyed by rule and principal
 * ({@link Suppressor#key}). Remembers, per subject, when a finding was last let through, and
 * forgets it by an event-time timer once the window has passed.
 */
public class SuppressFindingsFunction extends KeyedProcessFunction<String, Finding, Finding> {
    private static final long serialVersionUID = 1L;

    private final Suppressor suppressor;
    private transient MapState<String, Long> lastReported;
    private transient Counter suppressed;

    public SuppressFindingsFunction(SuppressionSettings settings) {
        this.suppressor = new Suppressor(settings);
    }

    @Override
    public void open(OpenContext openContext) {
        MapStateDescriptor<String, Long> d = new MapStateDescriptor<>("last-reported", Types.STRING, Types.LONG);
        d.enableTimeToLive(StateTtlConfig.newBuilder(suppressor.settings().longestWindow().plus(Duration.ofDays(1))).build());
        lastReported = getRuntimeContext().getMapState(d);
        suppressed = getRuntimeContext().getMetricGroup().counter("suppressedFindings");
    }

    @Override
    public void processElement(Finding f, Context ctx, Collector<Finding> out) throws Exception {
        String subject = Suppressor.subject(f);
        if (suppressor.isRepeat(f, lastReported.get(subject))) {
            suppressed.inc();
            return;
        }
        out.collect(f);
        long window = suppressor.windowMillis(f.ruleId);
        if (window > 0) {
            lastReported.put(subject, f.lastSeen);
            ctx.timerService().registerEventTimeTimer(f.lastSeen + window);
        }
    }

    @Override
    public void onTimer(long timestamp, OnTimerContext ctx, Collector<Finding> out) throws Exception {
        String ruleId = ctx.getCurrentKey().substring(0, ctx.getCurrentKey().indexOf('|'));
        long window = suppressor.windowMillis(ruleId);
        Iterator<Map.Entry<String, Long>> it = lastReported.iterator();
        while (it.hasNext()) {
            if (it.next().getValue() + window <= timestamp) {
                it.remove();
            }
        }
        if (lastReported.isEmpty()) {
            lastReported.clear(); // drop the key itself, not just its entries
        }
    }
}
