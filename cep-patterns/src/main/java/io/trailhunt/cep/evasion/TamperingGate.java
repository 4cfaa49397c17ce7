package io.trailhunt.cep.evasion;

import io.trailhunt.events.model.AuditEvent;
import org.apache.flink.api.common.functions.OpenContext;
import org.apache.flink.api.common.state.MapState;
import org.apache.flink.api.common.state.MapStateDescriptor;
import org.apache.flink.api.common.state.StateTtlConfig;
import org.apache.flink.api.common.state.ValueState;
import org.apache.flink.api.common.state.ValueStateDescriptor;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.metrics.Counter;
import org.apache.flink.streaming.api.functions.KeyedProcessFunction;
import org.apache.flink.util.Collector;

import java.time.Duration;

/**
 * In front of the defense-evasion NFA, on the same key. Data reads are most of all traffic, and
 * every event an NFA receives costs several state writes (on RocksDB, most of the job's cost), so
 * a read goes on only when it is the first read within the window after a tampering of this
 * principal: the story is reported at its first action, so later reads would be buffered for
 * nothing. Tampering, credential and compute events always go on.
 *
 * <p>A read may arrive before the tampering it follows (out of order, within the watermark's
 * bound). A read that no tampering seen so far lets through is therefore held until the
 * watermark passes its time, when every tampering before it has arrived, and decided then: the
 * same reads reach the NFA whatever the arrival order. Only the earliest {@link #MAX_HELD} reads
 * are held (one per second: of reads in one second the NFA takes the first by id), so the state
 * stays small for a principal reading heavily; a read beyond them is dropped and counted. Per
 * principal: {@link GateState} and the held reads, cleared by event-time timers, TTL as a safety net.
 */
public class TamperingGate extends KeyedProcessFunction<String, AuditEvent, AuditEvent> {
    public static final String STATE = "tamperings";
    public static final String HELD = "held-reads";
    public static final int MAX_HELD = 16;
    private static final long serialVersionUID = 1L;

    private final long windowMillis;
    private transient ValueState<GateState> state;
    private transient MapState<Long, AuditEvent> held;
    private transient Counter readsHeldBack;
    private transient Counter readsDropped;
    private transient Counter readsOverHoldLimit;

    public TamperingGate(Duration window) {
        this.windowMillis = window.toMillis();
    }

    @Override
    public void open(OpenContext openContext) {
        StateTtlConfig ttl = StateTtlConfig.newBuilder(Duration.ofMillis(windowMillis).plusDays(1))
                .setUpdateType(StateTtlConfig.UpdateType.OnCreateAndWrite)
                .setStateVisibility(StateTtlConfig.StateVisibility.NeverReturnExpired)
                .build();
        ValueStateDescriptor<GateState> s = new ValueStateDescriptor<>(STATE, TypeInformation.of(GateState.class));
        s.enableTimeToLive(ttl);
        state = getRuntimeContext().getState(s);
        MapStateDescriptor<Long, AuditEvent> h = new MapStateDescriptor<>(HELD, Types.LONG, TypeInformation.of(AuditEvent.class));
        h.enableTimeToLive(ttl);
        held = getRuntimeContext().getMapState(h);
        readsHeldBack = getRuntimeContext().getMetricGroup().counter("readsHeldBack");
        readsDropped = getRuntimeContext().getMetricGroup().counter("readsDropped");
        readsOverHoldLimit = getRuntimeContext().getMetricGroup().counter("readsOverHoldLimit");
    }

    @Override
    public void processElement(AuditEvent e, Context ctx, Collector<AuditEvent> out) throws Exception {
        EvasionSteps.Kind kind = EvasionSteps.kind(e);
        if (kind == EvasionSteps.Kind.DATA_READ) {
            GateState s = orNew(state.value());
            boolean changed;
            if (s.letThrough(e.eventTime, windowMillis)) {
                out.collect(e);
                changed = true;
            } else {
                changed = hold(s, e, ctx);
            }
            if (changed) { // on RocksDB a write per read is much of the gate's cost
                save(s);
            }
            return;
        }
        if (kind == EvasionSteps.Kind.TAMPERING) {
            GateState s = orNew(state.value());
            s.addTampering(e.eventTime);
            save(s);
            ctx.timerService().registerEventTimeTimer(e.eventTime + windowMillis);
        }
        out.collect(e);
    }

    /** Holds the read, or drops it when a held one makes it needless; whether {@code s} changed. */
    private boolean hold(GateState s, AuditEvent e, Context ctx) throws Exception {
        if (s.held >= MAX_HELD && e.eventTime > s.latestHeld) {
            readsOverHoldLimit.inc();
            readsDropped.inc();
            return false;
        }
        AuditEvent same = held.get(e.eventTime);
        if (same != null) {
            if (e.eventId != null && (same.eventId == null || e.eventId.compareTo(same.eventId) < 0)) {
                held.put(e.eventTime, e);
            }
            readsDropped.inc(); // of the two in one second only the first by id can be a first read
            return false;
        }
        held.put(e.eventTime, e);
        ctx.timerService().registerEventTimeTimer(e.eventTime);
        readsHeldBack.inc();
        s.held++;
        if (s.held > MAX_HELD) {
            held.remove(latest());
            s.held--;
            readsOverHoldLimit.inc();
            readsDropped.inc();
        }
        if (s.held == MAX_HELD) {
            s.latestHeld = latest();
        }
        return true;
    }

    private long latest() throws Exception {
        long latest = Long.MIN_VALUE;
        for (Long t : held.keys()) {
            latest = Math.max(latest, t);
        }
        return latest;
    }

    /** A held read's time has passed the watermark: every tampering before it is known. Then windows that closed. */
    @Override
    public void onTimer(long timestamp, OnTimerContext ctx, Collector<AuditEvent> out) throws Exception {
        GateState s = state.value();
        if (s == null) {
            return;
        }
        AuditEvent read = held.get(timestamp);
        if (read != null) {
            held.remove(timestamp);
            s.held--;
            if (s.letThrough(read.eventTime, windowMillis)) {
                out.collect(read);
            } else {
                readsDropped.inc();
            }
        }
        s.forgetBefore(timestamp, windowMillis);
        save(s);
    }

    private static GateState orNew(GateState s) {
        return s != null ? s : new GateState();
    }

    private void save(GateState s) throws Exception {
        if (s.isEmpty()) {
            state.clear();
        } else {
            state.update(s);
        }
    }
}
