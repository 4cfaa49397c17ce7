package io.trailhunt.detectors.suppress;

import io.trailhunt.events.model.Finding;
import org.apache.flink.api.common.functions.OpenContext;
import org.apache.flink.api.common.state.MapState;
import org.apache.flink.api.common.state.MapStateDescriptor;
import org.apache.flink.api.common.state.StateTtlConfig;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.metrics.Counter;
import org.apache.flink.streaming.api.functions.KeyedProcessFunction;
import org.apache.flink.util.Collector;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The one suppression step every finding passes before the sinks, keyed by rule and principal
 * ({@link Suppressor#key}). Remembers, per subject, when a finding was last let through and the
 * finding itself; repeats within the window are folded into it ({@link RepeatFolder}), and when
 * the window closes (an event-time timer) a finding with folded repeats goes out once more as an
 * update with the total count. So a burst is one finding and one update, not a thousand.
 */
public class SuppressFindingsFunction extends KeyedProcessFunction<String, Finding, Finding> {
    private static final long serialVersionUID = 1L;

    private final Suppressor suppressor;
    private transient MapState<String, Long> lastReported;
    /** The finding let through per subject, with the repeats folded into it so far. */
    private transient MapState<String, Finding> kept;
    private transient Counter suppressed;

    public SuppressFindingsFunction(SuppressionSettings settings) {
        this.suppressor = new Suppressor(settings);
    }

    @Override
    public void open(OpenContext openContext) {
        MapStateDescriptor<String, Long> d = new MapStateDescriptor<>("last-reported", Types.STRING, Types.LONG);
        d.enableTimeToLive(StateTtlConfig.newBuilder(suppressor.settings().longestWindow().plus(Duration.ofDays(1))).build());
        lastReported = getRuntimeContext().getMapState(d);
        MapStateDescriptor<String, Finding> k = new MapStateDescriptor<>("reported-findings", Types.STRING, TypeInformation.of(Finding.class));
        k.enableTimeToLive(StateTtlConfig.newBuilder(suppressor.settings().longestWindow().plus(Duration.ofDays(1))).build());
        kept = getRuntimeContext().getMapState(k);
        suppressed = getRuntimeContext().getMetricGroup().counter("suppressedFindings");
    }

    @Override
    public void processElement(Finding f, Context ctx, Collector<Finding> out) throws Exception {
        String subject = Suppressor.subject(f);
        if (f.repeat || suppressor.isRepeat(f, lastReported.get(subject))) {
            // a detector's own repeat is never reported alone: counted into the open finding, or dropped
            suppressed.inc();
            Finding k = kept.get(subject);
            if (k != null) {
                RepeatFolder.fold(k, f);
                kept.put(subject, k);
            }
            return;
        }
        long window = suppressor.windowMillis(f.ruleId);
        if (window > 0) {
            flush(subject, window, out); // a finding after its window: the previous run's update first
            lastReported.put(subject, f.lastSeen);
            kept.put(subject, RepeatFolder.start(f));
            ctx.timerService().registerEventTimeTimer(f.lastSeen + window);
        }
        out.collect(f);
    }

    @Override
    public void onTimer(long timestamp, OnTimerContext ctx, Collector<Finding> out) throws Exception {
        String ruleId = ctx.getCurrentKey().substring(0, ctx.getCurrentKey().indexOf('|'));
        long window = suppressor.windowMillis(ruleId);
        List<String> closed = new ArrayList<>();
        for (Map.Entry<String, Long> e : lastReported.entries()) {
            if (e.getValue() + window <= timestamp) {
                closed.add(e.getKey());
            }
        }
        for (String subject : closed) {
            flush(subject, window, out);
            lastReported.remove(subject);
        }
        if (lastReported.isEmpty()) {
            lastReported.clear(); // drop the key itself, not just its entries
            kept.clear();
        }
    }

    /** Sends the update of the subject's kept finding if repeats were folded into it, and forgets it. */
    private void flush(String subject, long window, Collector<Finding> out) throws Exception {
        Finding k = kept.get(subject);
        if (k == null) {
            return;
        }
        Finding update = RepeatFolder.update(k, window);
        if (update != null) {
            out.collect(update);
        }
        kept.remove(subject);
    }
}
