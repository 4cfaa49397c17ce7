package io.trailhunt.bench.detectors;

import io.trailhunt.detectors.Detector;
import io.trailhunt.detectors.DetectorContext;
import io.trailhunt.detectors.KeyedRules;
import io.trailhunt.detectors.host.KeyedDetectorsFunction;
import io.trailhunt.detectors.risk.PrincipalRisk;
import io.trailhunt.detectors.risk.PrincipalRiskFunction;
import io.trailhunt.detectors.risk.RiskKey;
import io.trailhunt.detectors.risk.RiskSettings;
import io.trailhunt.detectors.risk.RiskState;
import io.trailhunt.events.model.AuditEvent;
import io.trailhunt.events.model.Finding;
import io.trailhunt.events.settings.Section;
import org.apache.flink.api.common.serialization.SerializerConfigImpl;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.api.common.typeutils.TypeSerializer;
import org.apache.flink.configuration.MemorySize;
import org.apache.flink.contrib.streaming.state.EmbeddedRocksDBStateBackend;
import org.apache.flink.core.memory.DataOutputSerializer;
import org.apache.flink.runtime.checkpoint.OperatorSubtaskState;
import org.apache.flink.runtime.state.StateBackend;
import org.apache.flink.runtime.state.hashmap.HashMapStateBackend;
import org.apache.flink.runtime.state.storage.FileSystemCheckpointStorage;
import org.apache.flink.streaming.api.operators.KeyedProcessOperator;
import org.apache.flink.streaming.api.watermark.Watermark;
import org.apache.flink.streaming.runtime.streamrecord.StreamRecord;
import org.apache.flink.streaming.util.KeyedOneInputStreamOperatorTestHarness;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.function.Consumer;
import java.util.stream.Stream;

/**
 * State per principal of the keyed detectors and of principal-risk, and the keyed operator's own
 * speed with them, over a synthetic enriched workload ({@link Workload}: 100,000 principals, a
 * simulated month of 30 days, one event each a day by default). Three measurements:
 * <ol>
 *   <li>per detector, in plain Java: principals with state and the serialized bytes of their state
 *       (Flink's POJO serializers: what RocksDB stores per key and a heap snapshot writes), and the
 *       heap the live state objects retain; principal-risk (its own operator, fed the detectors'
 *       findings) as one more row;</li>
 *   <li>per state backend (heap, RocksDB with incremental checkpoints as flink-conf has it): the
 *       real host operator in a test harness, and the principal-risk operator fed its findings, their
 *       snapshot sizes per principal after the month;</li>
 *   <li>the keyed operator's events/s with every rule on over log-tampering alone (the operator
 *       before these rules), same events, same run.</li>
 * </ol>
 * <pre>
 * bench/keyed-state [--principals N] [--days D] [--per-day K] [--backends heap,rocksdb]
 * </pre>
 */
public final class KeyedStateBench {
    private KeyedStateBench() {}

    public static void main(String[] args) throws Exception {
        int principals = 100_000;
        int days = 30;
        int perDay = 1;
        List<String> backends = List.of("heap", "rocksdb");
        for (int i = 0; i < args.length; i++) {
            switch (args[i]) {
                case "--principals" -> principals = Integer.parseInt(args[++i]);
                case "--days" -> days = Integer.parseInt(args[++i]);
                case "--per-day" -> perDay = Integer.parseInt(args[++i]);
                case "--backends" -> backends = List.of(args[++i].split(","));
                default -> throw new IllegalArgumentException("unknown option " + args[i]
                        + "; usage: KeyedStateBench [--principals N] [--days D] [--per-day K] [--backends heap,rocksdb]");
            }
        }
        Workload w = new Workload(principals, days, perDay);
        System.out.printf("workload: %,d principals, %d days, %d event(s) a day each: %,d events%n", principals, days, perDay, w.size());

        plainJava(w);
        for (String backend : backends) {
            if (!backend.isBlank()) {
                harness(w, backend);
            }
        }
    }

    /** Per-detector state, with the host's semantics but no Flink: serialized bytes and retained heap. */
    private static void plainJava(Workload w) {
        List<Detector<?>> detectors = KeyedRules.enabled(Section.empty("rules"));
        long before = usedHeap();
        Engine engine = new Engine(detectors);
        RiskEngine risk = new RiskEngine(new PrincipalRisk(RiskSettings.defaults()));
        long start = System.nanoTime();
        for (long i = 0; i < w.size(); i++) {
            AuditEvent e = w.event(i);
            engine.advanceTo(e.eventTime);
            engine.process(e);
            risk.advanceTo(e.eventTime);
            engine.drainFindings(risk::process);
        }
        double seconds = (System.nanoTime() - start) / 1e9;
        long after = usedHeap();
        System.out.printf("%nplain Java: %,d events in %.1f s (%,.0f events/s, principal-risk included), %,d findings, %,d principal-risk%n",
                w.size(), seconds, w.size() / seconds, engine.findings, risk.findings);
        System.out.printf("%-26s %12s %16s %14s%n", "rule (state)", "principals", "serialized B", "B / principal");
        long total = 0;
        for (int d = 0; d < detectors.size(); d++) {
            total += row(detectors.get(d).ruleId(), detectors.get(d).stateClass(), engine.states.get(d));
        }
        total += row(PrincipalRisk.RULE_ID + " (own operator)", RiskState.class, risk.states.get(0));
        System.out.printf("%-26s %,12d %,16d %,14.0f%n", "all rules", w.principals, total, total / (double) w.principals);
        System.out.printf("heap retained by the live state objects (and %,d pending timers): about %,d B per principal%n",
                engine.timerCount() + risk.timerCount(), (after - before) / w.principals);
        engine.states.clear(); // let it go before the harness runs
        risk.states.clear();
    }

    private static long row(String name, Class<?> stateClass, Map<String, Object> states) {
        long bytes = serializedBytes(stateClass, states.values());
        int keys = states.size();
        System.out.printf("%-26s %,12d %,16d %,14.0f%n", name, keys, bytes, keys == 0 ? 0.0 : bytes / (double) keys);
        return bytes;
    }

    private static long serializedBytes(Class<?> stateClass, Iterable<Object> states) {
        @SuppressWarnings("unchecked")
        TypeSerializer<Object> s = (TypeSerializer<Object>) TypeInformation.of(stateClass).createSerializer(new SerializerConfigImpl());
        DataOutputSerializer out = new DataOutputSerializer(4096);
        long bytes = 0;
        try {
            for (Object state : states) {
                out.clear();
                s.serialize(state, out);
                bytes += out.length();
            }
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
        return bytes;
    }

    private static long usedHeap() {
        for (int i = 0; i < 3; i++) {
            System.gc();
        }
        Runtime r = Runtime.getRuntime();
        return r.totalMemory() - r.freeMemory();
    }

    /**
     * The real host operator on a state backend, and the principal-risk operator fed its findings:
     * snapshot sizes, and the keyed operator's events/s against log-tampering alone.
     */
    private static void harness(Workload w, String backend) throws Exception {
        List<Detector<?>> all = KeyedRules.enabled(Section.empty("rules"));
        List<Detector<?>> baseline = all.subList(0, 1); // log-tampering: the operator before these rules
        // The baseline runs first and warms the JIT up for both; over a million events that settles early.
        Result b = run(w, backend, baseline, false);
        Result a = run(w, backend, all, true);
        System.out.printf("%n%s: snapshots with every rule on %,d B = %,.0f B per principal: keyed detectors %,d B (%,.0f per principal),"
                        + " principal-risk %,d B for %,d findings (%,.0f per principal); log-tampering alone %,d B%n", backend,
                a.stateBytes + a.riskStateBytes, (a.stateBytes + a.riskStateBytes) / (double) w.principals, a.stateBytes,
                a.stateBytes / (double) w.principals, a.riskStateBytes, a.findings, a.riskStateBytes / (double) w.principals, b.stateBytes);
        System.out.printf("%s: keyed operator %,.0f events/s with every rule on, %,.0f with log-tampering alone: ratio %.2f%n",
                backend, a.rate, b.rate, a.rate / b.rate);
    }

    /** The keyed operator's events/s (principal-risk's time left out) and the snapshot sizes of both operators. */
    private record Result(double rate, long stateBytes, long riskStateBytes, long findings) {}

    private static Result run(Workload w, String backend, List<Detector<?>> detectors, boolean withRisk) throws Exception {
        Path checkpoints = Files.createTempDirectory("keyed-state-bench");
        try (KeyedOneInputStreamOperatorTestHarness<String, AuditEvent, Finding> h = new KeyedOneInputStreamOperatorTestHarness<>(
                new KeyedProcessOperator<>(new KeyedDetectorsFunction(detectors)), AuditEvent::principalKey, Types.STRING);
             KeyedOneInputStreamOperatorTestHarness<String, Finding, Finding> risk = new KeyedOneInputStreamOperatorTestHarness<>(
                new KeyedProcessOperator<>(new PrincipalRiskFunction(RiskSettings.defaults())), RiskKey::of, Types.STRING)) {
            for (var harness : List.of(h, risk)) {
                harness.getExecutionConfig().disableGenericTypes();
                harness.getExecutionConfig().enableObjectReuse();
                harness.setStateBackend(backend.equals("rocksdb") ? rocksDb() : new HashMapStateBackend());
                harness.setCheckpointStorage(new FileSystemCheckpointStorage(checkpoints.toUri()));
                harness.open();
            }
            long findings = 0;
            long riskNanos = 0;
            long start = System.nanoTime();
            for (long i = 0; i < w.size(); i++) {
                AuditEvent e = w.event(i);
                h.processElement(new StreamRecord<>(e, e.eventTime));
                if ((i + 1) % w.principals == 0) {
                    h.processWatermark(new Watermark(e.eventTime));
                    long t = System.nanoTime();
                    if (withRisk) {
                        // as the job: findings (after suppression there) to principal-risk, keyed by principal
                        for (Finding f : h.extractOutputValues()) {
                            risk.processElement(new StreamRecord<>(f, f.lastSeen));
                            findings++;
                        }
                        risk.processWatermark(new Watermark(e.eventTime));
                        risk.getOutput().clear();
                    }
                    h.getOutput().clear();
                    riskNanos += System.nanoTime() - t;
                }
            }
            double seconds = (System.nanoTime() - start - riskNanos) / 1e9;
            long bytes = h.snapshot(1L, 2L).getStateSize();
            long riskBytes = withRisk ? risk.snapshot(1L, 2L).getStateSize() : 0;
            return new Result(w.size() / seconds, bytes, riskBytes, findings);
        } finally {
            deleteRecursively(checkpoints);
        }
    }

    /**
     * Incremental, as flink-conf has it. The harness's task has almost no managed memory, which would
     * make RocksDB flush its memtable on every write: give it what a task slot of a small task manager
     * has instead.
     */
    private static StateBackend rocksDb() {
        EmbeddedRocksDBStateBackend b = new EmbeddedRocksDBStateBackend(true);
        b.getMemoryConfiguration().setUseManagedMemory(false);
        return b;
    }

    private static void deleteRecursively(Path dir) throws IOException {
        try (Stream<Path> all = Files.walk(dir)) {
            for (Path p : all.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(p);
            }
        }
    }

    /** A keyed host's semantics in plain Java: state per key and handler, timers shared by a key's handlers, fired in order. */
    private abstract static class Host implements DetectorContext {
        final List<Map<String, Object>> states = new ArrayList<>();
        final TreeMap<Long, TreeSet<String>> timers = new TreeMap<>();
        final List<Finding> emitted = new ArrayList<>();
        long findings;
        String key;

        Host(int handlers) {
            for (int i = 0; i < handlers; i++) {
                states.add(new HashMap<>());
            }
        }

        /** Fires the timers before {@code time}, as a watermark just behind it would. */
        void advanceTo(long time) {
            while (!timers.isEmpty() && timers.firstKey() < time) {
                Map.Entry<Long, TreeSet<String>> due = timers.pollFirstEntry();
                for (String k : due.getValue()) {
                    key = k;
                    for (int d = 0; d < states.size(); d++) {
                        Object s = states.get(d).get(k);
                        if (s != null) {
                            store(d, k, onTimer(d, s, due.getKey()));
                        }
                    }
                }
            }
        }

        abstract Object onTimer(int handler, Object state, long timestamp);

        void store(int d, String k, Object s) {
            if (s == null) {
                states.get(d).remove(k);
            } else {
                states.get(d).put(k, s);
            }
        }

        long timerCount() {
            long n = 0;
            for (TreeSet<String> keys : timers.values()) {
                n += keys.size();
            }
            return n;
        }

        @Override
        public void emit(Finding finding) {
            findings++;
            emitted.add(finding);
        }

        @Override
        public void registerTimer(long eventTime) {
            timers.computeIfAbsent(eventTime, t -> new TreeSet<>()).add(key);
        }

        @Override
        public long currentWatermark() {
            return Long.MIN_VALUE;
        }
    }

    /** The keyed detectors. */
    private static final class Engine extends Host {
        final List<Detector<?>> detectors;

        Engine(List<Detector<?>> detectors) {
            super(detectors.size());
            this.detectors = detectors;
        }

        @SuppressWarnings({"unchecked", "rawtypes"})
        void process(AuditEvent e) {
            key = e.principalKey();
            for (int d = 0; d < detectors.size(); d++) {
                Detector det = detectors.get(d);
                if (det.accepts(e)) {
                    store(d, key, det.onEvent(states.get(d).get(key), e, this));
                }
            }
        }

        @Override
        @SuppressWarnings({"unchecked", "rawtypes"})
        Object onTimer(int handler, Object state, long timestamp) {
            return ((Detector) detectors.get(handler)).onTimer(state, timestamp, this);
        }

        /** Hands on the findings made so far (the job's suppression is left out: every finding counts). */
        void drainFindings(Consumer<Finding> to) {
            emitted.forEach(to);
            emitted.clear();
        }
    }

    /** principal-risk over the detectors' findings, keyed as the job keys it. */
    private static final class RiskEngine extends Host {
        final PrincipalRisk risk;

        RiskEngine(PrincipalRisk risk) {
            super(1);
            this.risk = risk;
        }

        void process(Finding f) {
            key = RiskKey.of(f);
            store(0, key, risk.onFinding((RiskState) states.get(0).get(key), f, this));
            emitted.clear(); // its own findings are only counted
        }

        @Override
        Object onTimer(int handler, Object state, long timestamp) {
            Object after = risk.onTimer((RiskState) state, timestamp, this);
            emitted.clear();
            return after;
        }
    }
}
