package io.trailhunt.cep.evasion;

import io.trailhunt.events.model.AuditEvent;
import org.apache.flink.api.common.functions.OpenContext;
import org.apache.flink.api.common.state.StateTtlConfig;
import org.apache.flink.api.common.state.ValueState;
import org.apache.flink.api.common.state.ValueStateDescriptor;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.metrics.Counter;
import org.apache.flink.streaming.api.functions.KeyedProcessFunction;
import org.apache.flink.util.Collector;

import java.time.Duration;

/**
 * In front of the defense-evasion NFA, on the same key. Data reads are most of all traffic, and
 * every event an NFA receives costs several state writes (on RocksDB, most of the job's cost), so
 * a read goes on only if it falls within the window after a tampering this principal has already
 * been seen to make, and only the first such read: the story is reported at its first action, so
 * later reads would be buffered for nothing. One small value per principal with a tampering,
 * cleared by an event-time timer when the window has passed, TTL as a safety net. Tampering,
 * credential and compute events always go on, so those steps match in any arrival order; a read
 * that arrives before the tampering event it follows is not matched.
 */
public class TamperingGate extends KeyedProcessFunction<String, AuditEvent, AuditEvent> {
    public static final String STATE = "last-tampering";
    private static final long serialVersionUID = 1L;

    private final long windowMillis;
    private transient ValueState<GateState> state;
    private transient Counter readsHeld;

    public TamperingGate(Duration window) {
        this.windowMillis = window.toMillis();
    }

    @Override
    public void open(OpenContext openContext) {
        ValueStateDescriptor<GateState> d = new ValueStateDescriptor<>(STATE, TypeInformation.of(GateState.class));
        d.enableTimeToLive(StateTtlConfig.newBuilder(Duration.ofMillis(windowMillis).plusDays(1))
                .setUpdateType(StateTtlConfig.UpdateType.OnCreateAndWrite)
                .setStateVisibility(StateTtlConfig.StateVisibility.NeverReturnExpired)
                .build());
        state = getRuntimeContext().getState(d);
        readsHeld = getRuntimeContext().getMetricGroup().counter("readsHeldBack");
    }

    @Override
    public void processElement(AuditEvent e, Context ctx, Collector<AuditEvent> out) throws Exception {
        EvasionSteps.Kind kind = EvasionSteps.kind(e);
        if (kind == EvasionSteps.Kind.DATA_READ) {
            GateState s = state.value();
            if (s != null && !s.readPassed && e.eventTime >= s.tampering && e.eventTime <= s.tampering + windowMillis) {
                s.readPassed = true;
                state.update(s);
                out.collect(e);
            } else {
                readsHeld.inc();
            }
            return;
        }
        if (kind == EvasionSteps.Kind.TAMPERING) {
            GateState s = state.value();
            if (s == null || e.eventTime > s.tampering) {
                GateState next = new GateState();
                next.tampering = e.eventTime;
                state.update(next);
                ctx.timerService().registerEventTimeTimer(e.eventTime + windowMillis);
            }
        }
        out.collect(e);
    }

    @Override
    public void onTimer(long timestamp, OnTimerContext ctx, Collector<AuditEvent> out) throws Exception {
        GateState s = state.value();
        if (s != null && s.tampering + windowMillis <= timestamp) {
            state.clear();
        }
    }
}
