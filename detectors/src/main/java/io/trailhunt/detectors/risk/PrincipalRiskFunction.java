package io.trailhunt.detectors.risk;

import io.trailhunt.detectors.DetectorContext;
import io.trailhunt.events.model.Finding;
import org.apache.flink.api.common.functions.OpenContext;
import org.apache.flink.api.common.state.StateTtlConfig;
import org.apache.flink.api.common.state.ValueState;
import org.apache.flink.api.common.state.ValueStateDescriptor;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.metrics.Counter;
import org.apache.flink.streaming.api.functions.KeyedProcessFunction;
import org.apache.flink.util.Collector;

/**
 * Hosts {@link PrincipalRisk} over the reported findings, keyed by {@link RiskKey}: one value
 * state per principal ({@code risk-state}), cleared by event-time timers, with TTL as a safety net.
 */
public class PrincipalRiskFunction extends KeyedProcessFunction<String, Finding, Finding> {
    private static final long serialVersionUID = 1L;
    public static final String STATE_NAME = "risk-state";

    private final PrincipalRisk risk;
    private transient ValueState<RiskState> state;
    private transient Counter reported;

    public PrincipalRiskFunction(RiskSettings settings) {
        this.risk = new PrincipalRisk(settings);
    }

    @Override
    public void open(OpenContext openContext) {
        ValueStateDescriptor<RiskState> d = new ValueStateDescriptor<>(STATE_NAME, TypeInformation.of(RiskState.class));
        d.enableTimeToLive(StateTtlConfig.newBuilder(risk.settings().window().plus(risk.settings().reportDelay()).plusDays(1)).build());
        state = getRuntimeContext().getState(d);
        reported = getRuntimeContext().getMetricGroup().addGroup("rule", PrincipalRisk.RULE_ID).counter("findings");
    }

    @Override
    public void processElement(Finding f, Context ctx, Collector<Finding> out) throws Exception {
        store(risk.onFinding(state.value(), f, context(ctx, out)));
    }

    @Override
    public void onTimer(long timestamp, OnTimerContext ctx, Collector<Finding> out) throws Exception {
        RiskState s = state.value();
        if (s != null) {
            store(risk.onTimer(s, timestamp, context(ctx, out)));
        }
    }

    private void store(RiskState s) throws Exception {
        if (s == null) {
            state.clear();
        } else {
            state.update(s);
        }
    }

    private DetectorContext context(Context ctx, Collector<Finding> out) {
        return new DetectorContext() {
            @Override
            public void emit(Finding finding) {
                reported.inc();
                out.collect(finding);
            }

            @Override
            public void registerTimer(long eventTime) {
                ctx.timerService().registerEventTimeTimer(eventTime);
            }

            @Override
            public long currentWatermark() {
                return ctx.timerService().currentWatermark();
            }
        };
    }
}
