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
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

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
 * same reads reach the NFA whatever the arrival order. One read is held per minute, the earliest
 * (by time, then id), so a principal reading heavily keeps at most one per minute of the lag; a
 * tampering that arrives late within a minute of reads gets that minute's first read after it only
 * when it is that minute's earliest, else the next minute's. At most {@link #MAX_HELD} minutes are
 * held (above the two hours' lag of a replay), the earliest; a read beyond them is dropped and
 * counted. Per principal: {@link GateState}, which lists the held minutes, and the held reads (keyed by minute), cleared by
 * event-time timers at each read's own time, TTL as a safety net.
 */
public class TamperingGate extends KeyedProcessFunction<String, AuditEvent, AuditEvent> {
    public static final String STATE = "tamperings";
    public static final String HELD = "held-reads";
    public static final int MAX_HELD = 128;
    static final long MINUTE = 60_000L;
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
            boolean changed = migrate(s);
            if (s.letThrough(e.eventTime, windowMillis)) {
                out.collect(e);
                changed = true;
            } else {
                changed |= hold(s, e, ctx);
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
        long minute = Math.floorDiv(e.eventTime, MINUTE);
        if (minute == s.lastHeldMinute && e.eventTime > s.lastHeldTime) {
            readsDropped.inc(); // in order within the newest held minute: no state touched
            return false;
        }
        if (s.holds(minute)) {
            AuditEvent same = held.get(minute);
            if (same != null) {
                readsDropped.inc(); // of two in one minute only the earlier can be a first read
                if (!earlier(e, same)) {
                    return false;
                }
                held.put(minute, e);
                if (e.eventTime != same.eventTime) {
                    ctx.timerService().registerEventTimeTimer(e.eventTime); // the replaced read's timer then finds another read: ignored
                }
                if (minute == s.lastHeldMinute) {
                    s.lastHeldTime = e.eventTime;
                }
                return true; // written too, so its TTL does not run out before the held read's
            }
            forget(s, minute); // its read expired (TTL) before its timer: held anew below
        }
        if (s.heldMinutes.length >= MAX_HELD && minute > s.latestHeldMinute()) {
            readsOverHoldLimit.inc();
            readsDropped.inc();
            return false;
        }
        held.put(minute, e);
        ctx.timerService().registerEventTimeTimer(e.eventTime);
        readsHeldBack.inc();
        s.addHeld(minute);
        if (s.lastHeldMinute == Long.MIN_VALUE || minute >= s.lastHeldMinute) {
            s.lastHeldMinute = minute;
            s.lastHeldTime = e.eventTime;
        }
        if (s.heldMinutes.length > MAX_HELD) { // a read arriving out of order, earlier than the latest held: that one goes
            long latest = s.latestHeldMinute();
            held.remove(latest);
            forget(s, latest);
            readsOverHoldLimit.inc();
            readsDropped.inc();
        }
        return true;
    }

    private static void forget(GateState s, long minute) {
        s.forgetHeld(minute);
        if (minute == s.lastHeldMinute) {
            s.lastHeldMinute = Long.MIN_VALUE;
        }
    }

    private static boolean earlier(AuditEvent a, AuditEvent b) {
        if (a.eventTime != b.eventTime) {
            return a.eventTime < b.eventTime;
        }
        return a.eventId != null && (b.eventId == null || a.eventId.compareTo(b.eventId) < 0);
    }

    /**
     * Reads held by an earlier version, keyed by their own time or by minute but not listed (its
     * count then differs from the list): moved under their minute, the earliest of each, and listed,
     * once. Their timers, at each read's own time, still come. Whether {@code s} changed.
     */
    private boolean migrate(GateState s) throws Exception {
        if (s.held == s.heldMinutes.length) {
            return false;
        }
        TreeMap<Long, AuditEvent> byMinute = new TreeMap<>();
        List<Long> keys = new ArrayList<>();
        for (Map.Entry<Long, AuditEvent> entry : held.entries()) {
            keys.add(entry.getKey());
            AuditEvent read = entry.getValue();
            long minute = Math.floorDiv(read.eventTime, MINUTE);
            AuditEvent same = byMinute.get(minute);
            if (same == null || earlier(read, same)) {
                byMinute.put(minute, read);
            }
        }
        for (Long key : keys) {
            held.remove(key);
        }
        s.heldMinutes = new long[0];
        s.held = 0;
        s.lastHeldMinute = Long.MIN_VALUE;
        for (Map.Entry<Long, AuditEvent> entry : byMinute.entrySet()) {
            if (s.heldMinutes.length == MAX_HELD) {
                readsOverHoldLimit.inc();
                readsDropped.inc();
                continue;
            }
            held.put(entry.getKey(), entry.getValue());
            s.addHeld(entry.getKey());
        }
        return true;
    }

    /** A held read's time has passed the watermark: every tampering before it is known. Then windows that closed. */
    @Override
    public void onTimer(long timestamp, OnTimerContext ctx, Collector<AuditEvent> out) throws Exception {
        GateState s = state.value();
        if (s == null) {
            return;
        }
        migrate(s);
        long minute = Math.floorDiv(timestamp, MINUTE);
        // Every earlier timer of this key has fired: a minute before this one still listed lost its timer.
        while (s.heldMinutes.length > 0 && s.heldMinutes[0] < minute) {
            long lost = s.heldMinutes[0];
            held.remove(lost);
            forget(s, lost);
            readsDropped.inc();
        }
        if (s.holds(minute)) {
            AuditEvent read = held.get(minute);
            if (read == null) {
                forget(s, minute); // its read expired (TTL) before this timer
            } else if (read.eventTime == timestamp) {
                held.remove(minute);
                forget(s, minute);
                if (s.letThrough(read.eventTime, windowMillis)) {
                    out.collect(read);
                } else {
                    readsDropped.inc();
                }
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
