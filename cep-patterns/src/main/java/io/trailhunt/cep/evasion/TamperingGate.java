package io.trailhunt.cep.evasion;

import io.trailhunt.events.model.AuditEvent;
import org.apache.flink.api.common.functions.OpenContext;
import org.apache.flink.api.common.state.StateTtlConfig;
import org.apache.flink.api.common.state.ValueState;
import org.apache.flink.api.common.state.ValueStateDescriptor;
import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.metrics.Counter;
import org.apache.flink.streaming.api.functions.KeyedProcessFunction;
import org.apache.flink.util.Collector;

import java.time.Duration;

/**
 * In front of the defense-evasion NFA, on the same key: data reads are most of all traffic, and
 * buffering each in the NFA's state is what makes CEP slow on RocksDB, so a read goes on only
 * within the window after a tampering event this principal has already been seen to make. One
 * value per principal (the time of its latest tampering), cleared by an event-time timer when the
 * window has passed, with TTL as a safety net. Tampering, credential and compute events always go
 * on, so those steps match in any arrival order; a read that arrives before the tampering event it
 * follows is not matched.
 */
public class TamperingGate extends KeyedProcessFunction<String, AuditEvent, AuditEvent> {
    public static final String STATE = "last-tampering";
    private static final long serialVersionUID = 1L;

    private final long windowMillis;
    private transient ValueState<Long> lastTampering;
    private transient Counter readsDropped;

    public TamperingGate(Duration window) {
        this.windowMillis = window.toMillis();
    }

    @Override
    public void open(OpenContext openContext) {
        ValueStateDescriptor<Long> d = new ValueStateDescriptor<>(STATE, Types.LONG);
        d.enableTimeToLive(StateTtlConfig.newBuilder(Duration.ofMillis(windowMillis).plusDays(1))
                .setUpdateType(StateTtlConfig.UpdateType.OnCreateAndWrite)
                .setStateVisibility(StateTtlConfig.StateVisibility.NeverReturnExpired)
                .build());
        lastTampering = getRuntimeContext().getState(d);
        readsDropped = getRuntimeContext().getMetricGroup().counter("readsBeforeAnyTampering");
    }

    @Override
    public void processElement(AuditEvent e, Context ctx, Collector<AuditEvent> out) throws Exception {
        EvasionSteps.Kind kind = EvasionSteps.kind(e);
        if (kind == EvasionSteps.Kind.TAMPERING) {
            Long last = lastTampering.value();
            if (last == null || e.eventTime > last) {
                lastTampering.update(e.eventTime);
                ctx.timerService().registerEventTimeTimer(e.eventTime + windowMillis);
            }
            out.collect(e);
        } else if (kind == EvasionSteps.Kind.DATA_READ) {
            Long last = lastTampering.value();
            if (last != null && e.eventTime >= last && e.eventTime <= last + windowMillis) {
                out.collect(e);
            } else {
                readsDropped.inc();
            }
        } else {
            out.collect(e);
        }
    }

    @Override
    public void onTimer(long timestamp, OnTimerContext ctx, Collector<AuditEvent> out) throws Exception {
        Long last = lastTampering.value();
        if (last != null && last + windowMillis <= timestamp) {
            lastTampering.clear();
        }
    }
}
