package io.trailhunt.detectors.host;

import io.trailhunt.detectors.Detector;
import io.trailhunt.detectors.DetectorContext;
import io.trailhunt.detectors.SharedModelDetector;
import io.trailhunt.detectors.scores.ScoredObservation;
import io.trailhunt.events.model.AuditEvent;
import io.trailhunt.events.model.DeadLetter;
import io.trailhunt.events.model.Finding;
import org.apache.flink.api.common.accumulators.LongCounter;
import org.apache.flink.api.common.functions.OpenContext;
import org.apache.flink.api.common.state.ListState;
import org.apache.flink.api.common.state.ListStateDescriptor;
import org.apache.flink.api.common.state.StateTtlConfig;
import org.apache.flink.api.common.state.ValueState;
import org.apache.flink.api.common.state.ValueStateDescriptor;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.metrics.Counter;
import org.apache.flink.runtime.state.FunctionInitializationContext;
import org.apache.flink.runtime.state.FunctionSnapshotContext;
import org.apache.flink.streaming.api.checkpoint.CheckpointedFunction;
import org.apache.flink.streaming.api.functions.KeyedProcessFunction;
import org.apache.flink.streaming.api.operators.KeyContext;
import org.apache.flink.util.Collector;
import org.apache.flink.util.OutputTag;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * Hosts several detectors in one keyed operator, so each event is read (and deserialized) once
 * however many detectors look at it. Each detector owns a named value state ({@code state-<rule id>}),
 * so adding a detector never breaks restoring a savepoint taken without it. Detectors with a
 * model shared by all principals ({@link SharedModelDetector}) keep it in operator state named
 * {@code model-<rule id>}. Scored observations go to the side output {@link #SCORES} when asked for.
 * In the job, events wait in {@link PendingEvents} until the watermark passes them, so detectors see
 * each principal's events in event-time order. A timer reaches only the detectors that asked for it
 * ({@link TimerOwners}, state {@value #TIMER_OWNERS}). A detector that throws fails only that call:
 * the state it returned is not stored (the object it was given keeps what the rule changed in place
 * on the heap backend and with the cache; on RocksDB without it, the next call reads the state as
 * last written), the failure goes to {@link #RULE_FAILURES}, the others go on.
 *
 * <p>Run by {@link KeyedDetectorsOperator} on a backend that copies values (RocksDB), the states of
 * the principals seen last stay in a {@link StateCache} and are written back in each snapshot and
 * when evicted, instead of at every event.
 */
public class KeyedDetectorsFunction extends KeyedProcessFunction<String, AuditEvent, Finding> implements CheckpointedFunction {
    private static final long serialVersionUID = 1L;

    /** Scored observations of every event, for the optional scores output. */
    public static final OutputTag<ScoredObservation> SCORES = new OutputTag<>("scored-observations", TypeInformation.of(ScoredObservation.class));
    /** Events (or timers) on which a rule threw: dead letters naming the rule and the error, see {@link RuleFailures}. */
    public static final OutputTag<DeadLetter> RULE_FAILURES = new OutputTag<>("rule-failures", TypeInformation.of(DeadLetter.class));
    /** Accumulator counting {@link #RULE_FAILURES}. */
    public static final String RULE_FAILURES_COUNT = "trailhunt.rule-failures";
    public static final String TIMER_OWNERS = "timer-owners";
    /** One bit per detector in {@link TimerOwners}. */
    static final int MAX_DETECTORS = Long.SIZE - 1;

    private final List<Detector<?>> detectors;
    private final boolean emitScores;
    private final boolean inEventTimeOrder;
    private final int cachedPrincipals;

    private transient List<Slot<?>> slots;
    private transient List<ListState<?>> models;
    private transient PendingEvents pending;
    private transient ValueState<TimerOwners> timerOwners;
    /** This call's view of {@link #timerOwners}: loaded on first use, written back at the end if changed. */
    private transient TimerOwners owners;
    private transient boolean ownersChanged;
    /** The timer being handled, or NO_TIMER: detectors then see time as having reached it, not beyond. */
    private transient long timerTime = NO_TIMER;
    private static final long NO_TIMER = Long.MIN_VALUE;
    private transient Context current;
    private transient Collector<Finding> out;
    private transient LongCounter ruleFailures;
    /** Set by {@link KeyedDetectorsOperator} before {@link #open}: lets the host write back a cached principal's states under its key. */
    private transient KeyContext keys;
    private transient boolean backendCopiesValues;
    private transient StateCache cache;
    /** The current principal's cache entry during a call, or null without a cache. */
    private transient StateCache.Entry entry;
    private transient Counter cacheHits;
    private transient Counter cacheMisses;
    private transient Counter cacheEvictions;

    public KeyedDetectorsFunction(List<Detector<?>> detectors) {
        this(detectors, false);
    }

    /** @param emitScores whether scored observations are wanted on {@link #SCORES} */
    public KeyedDetectorsFunction(List<Detector<?>> detectors, boolean emitScores) {
        this(detectors, emitScores, false);
    }

    /**
     * @param emitScores whether scored observations are wanted on {@link #SCORES}
     * @param inEventTimeOrder hold each event until the watermark passes it, so every principal's events
     *     reach the detectors in event-time order (the job does; tests of a detector's own logic need not)
     */
    public KeyedDetectorsFunction(List<Detector<?>> detectors, boolean emitScores, boolean inEventTimeOrder) {
        this(detectors, emitScores, inEventTimeOrder, DEFAULT_CACHED_PRINCIPALS);
    }

    /**
     * @param cachedPrincipals how many principals' states each subtask keeps as objects between
     *     events when run by {@link KeyedDetectorsOperator} on RocksDB; 0: none, every event reads and
     *     writes the backend
     */
    public KeyedDetectorsFunction(List<Detector<?>> detectors, boolean emitScores, boolean inEventTimeOrder, int cachedPrincipals) {
        if (cachedPrincipals < 0) {
            throw new IllegalArgumentException("cachedPrincipals is at least 0, got " + cachedPrincipals);
        }
        if (detectors.size() > MAX_DETECTORS) {
            throw new IllegalArgumentException("at most " + MAX_DETECTORS + " detectors share one keyed operator, got " + detectors.size());
        }
        this.detectors = List.copyOf(detectors);
        this.emitScores = emitScores;
        this.inEventTimeOrder = inEventTimeOrder;
        this.cachedPrincipals = cachedPrincipals;
    }

    /** Principals whose states each subtask keeps as objects by default: about 40 MB of heap with the default rules (docs/operations.md). */
    public static final int DEFAULT_CACHED_PRINCIPALS = 4096;

    public static String stateName(String ruleId) {
        return "state-" + ruleId;
    }

    public static String modelStateName(String ruleId) {
        return "model-" + ruleId;
    }

    /** The detector of this type on this subtask (tests look into shared models with it). */
    public <D> D detector(Class<D> type) {
        for (Detector<?> d : detectors) {
            if (type.isInstance(d)) {
                return type.cast(d);
            }
        }
        throw new IllegalArgumentException("no " + type.getSimpleName() + " here");
    }

    @Override
    public void initializeState(FunctionInitializationContext context) throws Exception {
        models = new ArrayList<>();
        for (Detector<?> d : detectors) {
            if (d instanceof SharedModelDetector<?, ?> shared) {
                models.add(restore(context, shared));
            }
        }
    }

    private static <M> ListState<M> restore(FunctionInitializationContext context, SharedModelDetector<?, M> d) throws Exception {
        ListState<M> state = context.getOperatorStateStore()
                .getUnionListState(new ListStateDescriptor<>(modelStateName(d.ruleId()), TypeInformation.of(d.modelClass())));
        if (context.isRestored()) {
            List<M> snapshots = new ArrayList<>();
            for (M m : state.get()) {
                snapshots.add(m);
            }
            d.restoreModel(snapshots);
        }
        return state;
    }

    @Override
    @SuppressWarnings("unchecked")
    public void snapshotState(FunctionSnapshotContext context) throws Exception {
        int i = 0;
        for (Detector<?> d : detectors) {
            if (d instanceof SharedModelDetector<?, ?> shared) {
                ((ListState<Object>) models.get(i++)).update(List.of(shared.model()));
            }
        }
    }

    @Override
    public void open(OpenContext openContext) {
        slots = new ArrayList<>(detectors.size());
        for (Detector<?> d : detectors) {
            slots.add(new Slot<>(d, slots.size()));
        }
        ruleFailures = getRuntimeContext().getLongCounter(RULE_FAILURES_COUNT);
        pending = inEventTimeOrder ? new PendingEvents(getRuntimeContext()) : null;
        ValueStateDescriptor<TimerOwners> descriptor = new ValueStateDescriptor<>(TIMER_OWNERS, TypeInformation.of(TimerOwners.class));
        descriptor.enableTimeToLive(ttl(longestTtl()));
        timerOwners = getRuntimeContext().getState(descriptor);
        // On the heap backend a read returns the stored object itself: a cache would only copy references.
        cache = keys != null && backendCopiesValues && cachedPrincipals > 0 ? new StateCache(cachedPrincipals, detectors.size()) : null;
        if (cache != null) {
            var cacheMetrics = getRuntimeContext().getMetricGroup().addGroup("state-cache");
            cacheHits = cacheMetrics.counter("hits");
            cacheMisses = cacheMetrics.counter("misses");
            cacheEvictions = cacheMetrics.counter("evictions");
        }
    }

    /** Called by {@link KeyedDetectorsOperator} before {@link #open}. */
    void runBy(KeyContext operator, boolean backendCopiesValues) {
        this.keys = operator;
        this.backendCopiesValues = backendCopiesValues;
    }

    /** Whether states are cached between events (for tests). */
    boolean caches() {
        return cache != null;
    }

    /** Writes every cached change to the backend: in each snapshot and at the end of input. */
    void writeBackCachedStates() throws Exception {
        if (cache == null) {
            return;
        }
        Object was = keys.getCurrentKey();
        for (StateCache.Entry e : cache.entries()) {
            if (e.isDirty()) {
                writeBack(e);
            }
        }
        if (was != null) {
            keys.setCurrentKey(was);
        }
    }

    /** Writes one entry's changes under its principal's key; the caller restores its own key. */
    @SuppressWarnings("unchecked")
    private void writeBack(StateCache.Entry e) throws Exception {
        keys.setCurrentKey(e.key);
        for (Slot<?> slot : slots) {
            if ((e.dirty & slot.bit) != 0) {
                ((Slot<Object>) slot).write(e.values[slot.index]);
            }
        }
        if (e.ownersDirty) {
            writeOwners(e.owners);
        }
        e.dirty = 0;
        e.ownersDirty = false;
    }

    /** The current principal's entry, added (and the least recently used one written back and evicted) when it was not cached. */
    private StateCache.Entry enter(String key) throws Exception {
        StateCache.Entry e = cache.get(key);
        if (e != null) {
            cacheHits.inc();
            return e;
        }
        cacheMisses.inc();
        e = cache.add(key);
        StateCache.Entry evicted = cache.evictOne();
        if (evicted != null) {
            cacheEvictions.inc();
            if (evicted.isDirty()) {
                writeBack(evicted);
                keys.setCurrentKey(key);
            }
        }
        return e;
    }

    private Duration longestTtl() {
        Duration longest = Duration.ofDays(1);
        for (Detector<?> d : detectors) {
            longest = d.stateTtl().compareTo(longest) > 0 ? d.stateTtl() : longest;
        }
        return longest;
    }

    /**
     * TTL is the safety net behind the detectors' own timers, so it should cost nothing per
     * event: no incremental cleanup (on the heap backend it visits entries on every state
     * access), expired entries dropped from full snapshots and by RocksDB's compaction instead.
     */
    private static StateTtlConfig ttl(Duration ttl) {
        return StateTtlConfig.newBuilder(ttl)
                .setUpdateType(StateTtlConfig.UpdateType.OnCreateAndWrite)
                .setStateVisibility(StateTtlConfig.StateVisibility.NeverReturnExpired)
                .disableCleanupInBackground()
                .cleanupFullSnapshot()
                .cleanupInRocksdbCompactFilter(1000)
                .build();
    }

    @Override
    public void processElement(AuditEvent event, Context ctx, Collector<Finding> collector) throws Exception {
        current = ctx;
        out = collector;
        if (pending != null && pending.hold(event, ctx.timerService())) {
            return;
        }
        startCall();
        detect(event);
        endCall();
    }

    private void startCall() throws Exception {
        owners = null;
        ownersChanged = false;
        entry = cache == null ? null : enter((String) current.getCurrentKey());
    }

    private TimerOwners owners() throws Exception {
        if (owners == null) {
            TimerOwners stored;
            if (entry != null && entry.ownersLoaded) {
                stored = entry.owners;
            } else {
                stored = timerOwners.value();
                if (entry != null) {
                    entry.owners = stored;
                    entry.ownersLoaded = true;
                }
            }
            owners = stored != null ? stored : new TimerOwners();
        }
        return owners;
    }

    private void endCall() throws Exception {
        if (!ownersChanged) {
            return;
        }
        if (entry != null) {
            entry.owners = owners;
            entry.ownersDirty = true;
        } else {
            writeOwners(owners);
        }
    }

    private void writeOwners(TimerOwners value) throws Exception {
        if (value == null || value.isEmpty()) {
            timerOwners.clear();
        } else {
            timerOwners.update(value);
        }
    }

    private void detect(AuditEvent event) throws Exception {
        for (Slot<?> slot : slots) {
            if (slot.detector.accepts(event)) {
                slot.onEvent(event);
            }
        }
    }

    @Override
    public void onTimer(long timestamp, OnTimerContext ctx, Collector<Finding> collector) throws Exception {
        current = ctx;
        out = collector;
        // Timers fire in a loop after the watermark has already moved on (to the end of time when a
        // bounded input ends): the events released here and the detectors' timers belong to this instant.
        timerTime = timestamp;
        startCall();
        try {
            fire(timestamp);
            endCall();
        } finally {
            timerTime = NO_TIMER;
        }
    }

    private void fire(long timestamp) throws Exception {
        TimerOwners known = owners();
        int before = known.times.length;
        long due = known.takeUpTo(timestamp);
        ownersChanged |= known.times.length != before;
        List<AuditEvent> released = pending != null ? pending.release(timestamp) : List.of();
        if (due == -1L && !released.isEmpty()) {
            due = 0L; // the host's own timer, releasing held events; no detector asked for this time
        }
        // The events of this instant first: a detector's timer at the same time comes after them, as it would in order.
        for (AuditEvent event : released) {
            detect(event);
        }
        for (Slot<?> slot : slots) {
            if ((due & (1L << slot.index)) != 0) {
                slot.onTimer(timestamp);
            }
        }
    }

    /** One detector with its state handle, its metric and the context it sees. */
    private final class Slot<S> implements DetectorContext {
        final Detector<S> detector;
        /** Position in the host: this detector's bit in {@link TimerOwners}. */
        final int index;
        final long bit;
        final ValueState<S> state;
        final Counter findings;
        final Counter failures;
        /** Set by {@link #unchanged()} during one call. */
        boolean keep;

        Slot(Detector<S> detector, int index) {
            this.detector = detector;
            this.index = index;
            this.bit = 1L << index;
            ValueStateDescriptor<S> descriptor = new ValueStateDescriptor<>(stateName(detector.ruleId()), TypeInformation.of(detector.stateClass()));
            descriptor.enableTimeToLive(ttl(detector.stateTtl()));
            this.state = getRuntimeContext().getState(descriptor);
            this.findings = getRuntimeContext().getMetricGroup().addGroup("rule", detector.ruleId()).counter("findings");
            this.failures = getRuntimeContext().getMetricGroup().addGroup("rule", detector.ruleId()).counter("failures");
        }

        void onEvent(AuditEvent event) throws Exception {
            S before = read();
            keep = false;
            S after;
            try {
                after = detector.onEvent(before, event, this);
            } catch (HostFailure host) {
                throw host.cause(); // the host's own output or state failed, not the rule
            } catch (RuntimeException error) {
                keepFailedCall();
                current.output(RULE_FAILURES, RuleFailures.onEvent(detector.ruleId(), event, error, failed()));
                return;
            }
            store(before, after);
        }

        void onTimer(long timestamp) throws Exception {
            S before = read();
            if (before != null) {
                keep = false;
                S after;
                try {
                    after = detector.onTimer(before, timestamp, this);
                } catch (HostFailure host) {
                    throw host.cause();
                } catch (RuntimeException error) {
                    keepFailedCall();
                    current.output(RULE_FAILURES, RuleFailures.onTimer(detector.ruleId(), current.getCurrentKey(), timestamp, error, failed()));
                    return;
                }
                store(before, after);
            }
        }

        private long failed() {
            failures.inc();
            ruleFailures.add(1);
            return failures.getCount();
        }

        @SuppressWarnings("unchecked")
        private S read() throws Exception {
            if (entry == null) {
                return state.value();
            }
            if ((entry.loaded & bit) == 0) {
                entry.values[index] = state.value();
                entry.loaded |= bit;
            }
            return (S) entry.values[index];
        }

        private void store(S before, S after) throws Exception {
            if (keep && after == before) {
                return;
            }
            if (after == null && before == null) {
                return;
            }
            if (entry != null) {
                entry.values[index] = after;
                entry.dirty |= bit;
            } else {
                write(after);
            }
        }

        /** Detectors may change their state in place; RocksDB only sees it when it is written back. */
        void write(S value) throws Exception {
            if (value == null) {
                state.clear();
            } else {
                state.update(value);
            }
        }

        /**
         * With the cache, a failed call's state is kept as the rule left it, changes in place
         * included, as the heap backend (which stores the object itself) always does: dropping them
         * would also drop the changes of earlier calls not yet written back, so what the rule went
         * on with would depend on when the last checkpoint was.
         */
        private void keepFailedCall() {
            if (entry != null && entry.values[index] != null) {
                entry.dirty |= bit;
            }
        }

        @Override
        public void emit(Finding finding) {
            findings.inc();
            try {
                out.collect(finding);
            } catch (RuntimeException e) {
                throw new HostFailure(e);
            }
        }

        @Override
        public void registerTimer(long eventTime) {
            try {
                current.timerService().registerEventTimeTimer(eventTime);
                ownersChanged |= owners().add(eventTime, index);
            } catch (Exception e) {
                throw new HostFailure(new IllegalStateException("cannot register a timer for " + current.getCurrentKey(), e));
            }
        }

        @Override
        public void unchanged() {
            keep = true;
        }

        @Override
        public long currentWatermark() {
            long watermark = current.timerService().currentWatermark();
            return timerTime == NO_TIMER ? watermark : Math.min(timerTime, watermark);
        }

        @Override
        public boolean wantsScores() {
            return emitScores;
        }

        @Override
        public void emitScore(ScoredObservation observation) {
            if (emitScores) {
                try {
                    current.output(SCORES, observation);
                } catch (RuntimeException e) {
                    throw new HostFailure(e);
                }
            }
        }
    }

    /** A failure of the host's own callbacks (output, timers, state) inside a detector's call: it fails the job as before, it is not the rule's. */
    private static final class HostFailure extends RuntimeException {
        private static final long serialVersionUID = 1L;

        HostFailure(RuntimeException cause) {
            super(cause);
        }

        RuntimeException cause() {
            return (RuntimeException) getCause();
        }
    }
}
