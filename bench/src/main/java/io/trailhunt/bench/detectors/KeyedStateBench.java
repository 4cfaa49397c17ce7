package io.trailhunt.bench.detectors;

import io.trailhunt.detectors.Detector;
import io.trailhunt.detectors.DetectorContext;
import io.trailhunt.detectors.KeyedRules;
import io.trailhunt.detectors.host.KeyedDetectorsFunction;
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
import java.util.stream.Stream;

/**
 * State per principal of the keyed detectors, and the keyed operator's own speed with them, over a
 * synthetic enriched workload ({@link Workload}: 100,000 principals, a fortnight, one event each a
 * day by default). Three measurements:
 * <ol>
 *   <li>per detector, in plain Java: principals with state and the serialized bytes of their state
 *       (Flink's POJO serializers: what RocksDB stores per key and a heap snapshot writes), and the
 *       heap the live state objects retain;</li>
 *   <li>per state backend (heap, RocksDB with incremental checkpoints as flink-conf has it): the
 *       real host operator in a test harness, its snapshot size per principal after the fortnight;</li>
 *   <li>the same operator's events/s with every rule on over log-tampering alone (the operator
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
        int days = 14;
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
        long start = System.nanoTime();
        for (long i = 0; i < w.size(); i++) {
            engine.process(w.event(i));
        }
        double seconds = (System.nanoTime() - start) / 1e9;
        long after = usedHeap();
        System.out.printf("%nplain Java: %,d events in %.1f s (%,.0f events/s), %,d findings%n", w.size(), seconds, w.size() / seconds,
                engine.findings);
        System.out.printf("%-26s %12s %16s %14s%n", "rule (state)", "principals", "serialized B", "B / principal");
        long total = 0;
        for (int d = 0; d < detectors.size(); d++) {
            long bytes = serializedBytes(detectors.get(d), engine.states.get(d).values());
            total += bytes;
            int keys = engine.states.get(d).size();
            System.out.printf("%-26s %,12d %,16d %,14.0f%n", detectors.get(d).ruleId(), keys, bytes, keys == 0 ? 0.0 : bytes / (double) keys);
        }
        System.out.printf("%-26s %,12d %,16d %,14.0f%n", "all rules", w.principals, total, total / (double) w.principals);
        System.out.printf("heap retained by the live state objects (and %,d pending timers): about %,d B per principal%n",
                engine.timerCount(), (after - before) / w.principals);
        engine.states.clear(); // let it go before the harness runs
    }

    private static long serializedBytes(Detector<?> d, Iterable<Object> states) {
        @SuppressWarnings("unchecked")
        TypeSerializer<Object> s = (TypeSerializer<Object>) TypeInformation.of(d.stateClass()).createSerializer(new SerializerConfigImpl());
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

    /** The real host operator on a state backend: snapshot size, and events/s against log-tampering alone. */
    private static void harness(Workload w, String backend) throws Exception {
        List<Detector<?>> all = KeyedRules.enabled(Section.empty("rules"));
        List<Detector<?>> baseline = all.subList(0, 1); // log-tampering: the operator before these rules
        // The baseline runs first and warms the JIT up for both; over a million events that settles early.
        Result b = run(w, backend, baseline);
        Result a = run(w, backend, all);
        System.out.printf("%n%s: snapshot with every rule on %,d B = %,.0f B per principal (log-tampering alone: %,d B)%n", backend,
                a.stateBytes, a.stateBytes / (double) w.principals, b.stateBytes);
        System.out.printf("%s: keyed operator %,.0f events/s with every rule on, %,.0f with log-tampering alone: ratio %.2f%n",
                backend, a.rate, b.rate, a.rate / b.rate);
    }

    private record Result(double rate, long stateBytes) {}

    private static Result run(Workload w, String backend, List<Detector<?>> detectors) throws Exception {
        Path checkpoints = Files.createTempDirectory("keyed-state-bench");
        try (KeyedOneInputStreamOperatorTestHarness<String, AuditEvent, Finding> h = new KeyedOneInputStreamOperatorTestHarness<>(
                new KeyedProcessOperator<>(new KeyedDetectorsFunction(detectors)), AuditEvent::principalKey, Types.STRING)) {
            h.getExecutionConfig().disableGenericTypes();
            h.getExecutionConfig().enableObjectReuse();
            h.setStateBackend(backend.equals("rocksdb") ? rocksDb() : new HashMapStateBackend());
            h.setCheckpointStorage(new FileSystemCheckpointStorage(checkpoints.toUri()));
            h.open();
            long start = System.nanoTime();
            for (long i = 0; i < w.size(); i++) {
                AuditEvent e = w.event(i);
                h.processElement(new StreamRecord<>(e, e.eventTime));
                if ((i + 1) % w.principals == 0) {
                    h.processWatermark(new Watermark(e.eventTime));
                    h.getOutput().clear();
                }
            }
            double seconds = (System.nanoTime() - start) / 1e9;
            OperatorSubtaskState snapshot = h.snapshot(1L, 2L);
            long bytes = snapshot.getStateSize();
            return new Result(w.size() / seconds, bytes);
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

    /** The keyed host's semantics in plain Java: state per detector and principal, shared timers, watermark at each event. */
    private static final class Engine implements DetectorContext {
        final List<Detector<?>> detectors;
        final List<Map<String, Object>> states = new ArrayList<>();
        final TreeMap<Long, TreeSet<String>> timers = new TreeMap<>();
        long findings;
        private String key;

        Engine(List<Detector<?>> detectors) {
            this.detectors = detectors;
            detectors.forEach(d -> states.add(new HashMap<>()));
        }

        @SuppressWarnings({"unchecked", "rawtypes"})
        void process(AuditEvent e) {
            while (!timers.isEmpty() && timers.firstKey() < e.eventTime) {
                Map.Entry<Long, TreeSet<String>> due = timers.pollFirstEntry();
                for (String k : due.getValue()) {
                    key = k;
                    for (int d = 0; d < detectors.size(); d++) {
                        Object s = states.get(d).get(k);
                        if (s != null) {
                            store(d, k, ((Detector) detectors.get(d)).onTimer(s, due.getKey(), this));
                        }
                    }
                }
            }
            key = e.principalKey();
            for (int d = 0; d < detectors.size(); d++) {
                Detector det = detectors.get(d);
                if (det.accepts(e)) {
                    store(d, key, det.onEvent(states.get(d).get(key), e, this));
                }
            }
        }

        private void store(int d, String k, Object s) {
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
}
