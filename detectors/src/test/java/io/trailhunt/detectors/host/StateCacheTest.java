package io.trailhunt.detectors.host;

import io.trailhunt.detectors.Detector;
import io.trailhunt.detectors.DetectorContext;
import io.trailhunt.events.model.AuditEvent;
import io.trailhunt.events.model.Finding;
import org.apache.flink.runtime.checkpoint.OperatorSubtaskState;
import org.apache.flink.streaming.api.watermark.Watermark;
import org.apache.flink.streaming.runtime.streamrecord.StreamRecord;
import org.apache.flink.streaming.util.KeyedOneInputStreamOperatorTestHarness;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import static io.trailhunt.events.testing.EventBuilder.aws;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * The host's cache of states on RocksDB: what the rules find is the same with any capacity, the
 * cached changes of evicted principals and those before a checkpoint reach RocksDB, and a failed
 * call's changes in place are kept as on the heap backend.
 */
class StateCacheTest {
    private static final List<String> PRINCIPALS = List.of("alice", "bob", "carol");

    /** Counts calls in place (the state object it was given); asks for a timer 5 minutes after its first call; reports at GetCallerIdentity; throws on PutBucketPolicy after counting. */
    private static final class Tally extends HostHarness.FindingStateDetector {
        Tally() {
            super("tally");
        }

        @Override
        public Finding onEvent(Finding state, AuditEvent e, DetectorContext ctx) {
            Finding s = state;
            if (s == null) {
                s = new Finding();
                s.ruleId = "tally";
                s.subject = "0";
                ctx.registerTimer(e.eventTime + Duration.ofMinutes(5).toMillis());
            }
            s.subject = String.valueOf(Integer.parseInt(s.subject) + 1);
            if (e.action.equals("PutBucketPolicy")) {
                throw new IllegalStateException("cannot read the policy");
            }
            if (e.action.equals("GetCallerIdentity")) {
                ctx.emit(report("tally", e.principal + "=" + s.subject));
            }
            return s;
        }

        @Override
        public Finding onTimer(Finding state, long timestamp, DetectorContext ctx) {
            ctx.emit(report("tally-timer", state.subject));
            return state;
        }
    }

    /** Never asks for a timer, so is called at none if the host remembers who asked; reports how many it got at GetCallerIdentity. */
    private static final class Bystander extends HostHarness.FindingStateDetector {
        Bystander() {
            super("bystander");
        }

        @Override
        public Finding onEvent(Finding state, AuditEvent e, DetectorContext ctx) {
            Finding s = state != null ? state : report("bystander", "0");
            if (e.action.equals("GetCallerIdentity")) {
                ctx.emit(report("bystander", e.principal + " woken " + s.subject));
            }
            return s;
        }

        @Override
        public Finding onTimer(Finding state, long timestamp, DetectorContext ctx) {
            state.subject = String.valueOf(Integer.parseInt(state.subject) + 1);
            return state;
        }
    }

    private static Finding report(String rule, String subject) {
        Finding f = new Finding();
        f.ruleId = rule;
        f.subject = subject;
        return f;
    }

    private static KeyedOneInputStreamOperatorTestHarness<String, AuditEvent, Finding> harness(String backend, int cachedPrincipals) throws Exception {
        List<Detector<?>> detectors = List.of(new Tally(), new Bystander());
        return HostHarness.inEventTimeOrder(detectors, backend, cachedPrincipals);
    }

    /** Four calls by each principal, interleaved a minute apart, then each checks who it is. */
    private static List<AuditEvent> interleaved(int fromMinute) {
        List<AuditEvent> events = new ArrayList<>();
        int minute = fromMinute;
        for (int round = 0; round < 4; round++) {
            for (String p : PRINCIPALS) {
                events.add(aws("s3.amazonaws.com", "ListBuckets").principal(p).id(p + "-" + minute).after(Duration.ofMinutes(minute++)).build());
            }
        }
        for (String p : PRINCIPALS) {
            events.add(aws("sts.amazonaws.com", "GetCallerIdentity").principal(p).id(p + "-" + minute).after(Duration.ofMinutes(minute++)).build());
        }
        return events;
    }

    private static boolean caches(KeyedOneInputStreamOperatorTestHarness<String, AuditEvent, Finding> h) {
        return ((KeyedDetectorsFunction) ((KeyedDetectorsOperator) h.getOperator()).getUserFunction()).caches();
    }

    private static List<String> reports(KeyedOneInputStreamOperatorTestHarness<String, AuditEvent, Finding> h) {
        return h.extractOutputValues().stream().map(f -> f.ruleId + ":" + f.subject).toList();
    }

    private static void feed(KeyedOneInputStreamOperatorTestHarness<String, AuditEvent, Finding> h, List<AuditEvent> events) throws Exception {
        for (AuditEvent e : events) {
            h.processElement(new StreamRecord<>(e, e.eventTime));
        }
    }

    /** Each principal's timer, 5 minutes after its first call, comes after its second; the bystander is never woken. */
    private static final List<String> FIVE_CALLS_EACH_ONE_TIMER_EACH = List.of(
            "tally-timer:2", "tally-timer:2", "tally-timer:2",
            "tally:alice=5", "bystander:alice woken 0", "tally:bob=5", "bystander:bob woken 0", "tally:carol=5", "bystander:carol woken 0");

    /** Capacity 1 evicts a principal at nearly every event: its counts and its timers' owners must be written back and read again. */
    @ParameterizedTest
    @ValueSource(ints = {0, 1, 2, 4096})
    void findingsAreTheSameWithAnyCapacity(int cachedPrincipals) throws Exception {
        try (var h = harness("rocksdb", cachedPrincipals)) {
            h.open();
            assertThat(caches(h)).isEqualTo(cachedPrincipals > 0);
            feed(h, interleaved(0));
            h.processWatermark(new Watermark(Long.MAX_VALUE));
            assertThat(reports(h)).containsExactlyElementsOf(FIVE_CALLS_EACH_ONE_TIMER_EACH);
        }
    }

    @Test
    void theHeapBackendIsNotCached() throws Exception {
        try (var h = harness("heap", 4096)) {
            h.open();
            assertThat(caches(h)).isFalse();
        }
    }

    /** Half the calls before a checkpoint, half after a restore from it: the counts go on from the cached ones. */
    @ParameterizedTest
    @ValueSource(ints = {1, 4096})
    void aCheckpointHoldsTheCachedChanges(int cachedPrincipals) throws Exception {
        List<AuditEvent> events = interleaved(0);
        OperatorSubtaskState snapshot;
        List<String> reports = new ArrayList<>();
        try (var h = harness("rocksdb", cachedPrincipals)) {
            h.open();
            feed(h, events.subList(0, 6));
            // releases the first six calls to the rules, and alice's timer: the counts are in the cache only
            h.processWatermark(new Watermark(events.get(5).eventTime));
            snapshot = h.snapshot(1L, 1L);
            reports.addAll(reports(h));
        }
        try (var h = harness("rocksdb", cachedPrincipals)) {
            h.initializeState(snapshot);
            h.open();
            feed(h, events.subList(6, events.size()));
            h.processWatermark(new Watermark(Long.MAX_VALUE));
            reports.addAll(reports(h));
        }
        assertThat(reports).containsExactlyElementsOf(FIVE_CALLS_EACH_ONE_TIMER_EACH);
    }

    /**
     * A rule throwing after changing its state in place keeps the change, as on the heap backend:
     * whether or not the cached state was written back just before, and through a restore just after.
     */
    @ParameterizedTest
    @ValueSource(strings = {"heap", "heap restored-after", "rocksdb", "rocksdb written-before", "rocksdb restored-after",
            "rocksdb written-before restored-after"})
    void aFailedCallKeepsItsChangesAsOnTheHeap(String mode) throws Exception {
        String backend = mode.split(" ")[0];
        AuditEvent list = aws("s3.amazonaws.com", "ListBuckets").principal("alice").id("e1").build();
        AuditEvent policy = aws("s3.amazonaws.com", "PutBucketPolicy").principal("alice").id("e2").after(Duration.ofMinutes(1)).build();
        AuditEvent who = aws("sts.amazonaws.com", "GetCallerIdentity").principal("alice").id("e3").after(Duration.ofMinutes(2)).build();
        var h = harness(backend, 4096);
        try {
            h.open();
            feed(h, List.of(list));
            h.processWatermark(new Watermark(list.eventTime));
            if (mode.contains("written-before")) {
                h.snapshot(1L, 1L);
            }
            feed(h, List.of(policy));
            h.processWatermark(new Watermark(policy.eventTime));
            assertThat(h.getSideOutput(KeyedDetectorsFunction.RULE_FAILURES)).hasSize(1);
            if (mode.endsWith("restored-after")) {
                OperatorSubtaskState snapshot = h.snapshot(2L, 2L);
                h.close();
                h = harness(backend, 4096);
                h.initializeState(snapshot);
                h.open();
            }
            feed(h, List.of(who));
            h.processWatermark(new Watermark(who.eventTime));
            assertThat(reports(h)).first().isEqualTo("tally:alice=3");
        } finally {
            h.close();
        }
    }

    /** Snapshots write the cache back themselves: no prepareSnapshotPreBarrier needed. */
    @Test
    void aSnapshotAloneWritesTheCacheBack() throws Exception {
        List<AuditEvent> events = interleaved(0);
        OperatorSubtaskState snapshot;
        try (var h = harness("rocksdb", 4096)) {
            h.open();
            feed(h, events.subList(0, 6));
            h.processWatermark(new Watermark(events.get(5).eventTime));
            snapshot = h.snapshot(1L, 1L);
        }
        try (var h = harness("rocksdb", 0)) {
            h.initializeState(snapshot);
            h.open();
            feed(h, events.subList(6, events.size()));
            h.processWatermark(new Watermark(Long.MAX_VALUE));
            assertThat(reports(h)).contains("tally:alice=5", "tally:bob=5", "tally:carol=5");
        }
    }
}
