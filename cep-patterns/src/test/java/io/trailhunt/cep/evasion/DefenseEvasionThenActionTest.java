package io.trailhunt.cep.evasion;

import io.trailhunt.cep.RuleHarness;
import io.trailhunt.cep.SequenceHarness;
import io.trailhunt.cep.SequencePattern;
import io.trailhunt.events.model.AuditEvent;
import io.trailhunt.events.model.Category;
import io.trailhunt.events.model.Cloud;
import io.trailhunt.events.model.Finding;
import io.trailhunt.events.model.Severity;
import io.trailhunt.events.testing.EventBuilder;
import org.apache.flink.api.common.state.MapState;
import org.apache.flink.api.common.state.MapStateDescriptor;
import org.apache.flink.api.common.state.ValueState;
import org.apache.flink.api.common.state.ValueStateDescriptor;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.runtime.state.KeyedStateBackend;
import org.apache.flink.runtime.state.VoidNamespace;
import org.apache.flink.runtime.state.VoidNamespaceSerializer;
import io.trailhunt.cep.Allowlists;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class DefenseEvasionThenActionTest {
    private static final long BOUND = Duration.ofMinutes(15).toMillis();
    private static final String DAVE = "arn:aws:iam::111122223333:user/dave";
    private static final String ERIN = "arn:aws:iam::111122223333:user/erin";
    private static final String TRAIL = "arn:aws:cloudtrail:us-east-1:111122223333:trail/acme-org-trail";

    private static List<SequencePattern> rule() {
        return DefenseEvasionThenAction.patterns(io.trailhunt.events.settings.Section.empty("rules"));
    }

    private static List<Finding> replay(AuditEvent... events) throws Exception {
        try (RuleHarness h = RuleHarness.of(rule())) {
            return h.replay(BOUND, events);
        }
    }

    private static AuditEvent stop(long minute) {
        return EventBuilder.aws("cloudtrail.amazonaws.com", "StopLogging").principal(DAVE).after(Duration.ofMinutes(minute))
                .param("name", TRAIL).resource("trailName", TRAIL).build();
    }

    private static AuditEvent read(long minute, String key) {
        return EventBuilder.aws("s3.amazonaws.com", "GetObject").principal(DAVE).category(Category.DATA).after(Duration.ofMinutes(minute))
                .resource("bucket", "acme-customer-exports").resource("objectKey", key).build();
    }

    private static AuditEvent key(long minute) {
        return EventBuilder.aws("iam.amazonaws.com", "CreateAccessKey").principal(DAVE).after(Duration.ofMinutes(minute))
                .resource("userName", "dave").build();
    }

    private static AuditEvent as(String principal, AuditEvent e) {
        e.principal = principal;
        return e;
    }

    private static AuditEvent failed(AuditEvent e) {
        e.outcome = io.trailhunt.events.model.Outcome.FAILURE;
        e.errorCode = "AccessDenied";
        return e;
    }

    private static List<String> ids(Finding f) {
        return f.evidence.stream().map(e -> e.eventId).toList();
    }

    @Test
    void stoppingTheTrailThenReadingDataIsOneCriticalFinding() throws Exception {
        AuditEvent t = stop(0);
        AuditEvent r = read(16, "exports/customers-000.csv.gz");
        List<Finding> out = replay(t, r, read(17, "exports/customers-001.csv.gz"), read(18, "exports/customers-002.csv.gz"));

        assertThat(out).hasSize(1);
        Finding f = out.get(0);
        assertThat(f.ruleId).isEqualTo("defense-evasion-then-action");
        assertThat(f.severity).isEqualTo(Severity.CRITICAL);
        assertThat(f.title).isEqualTo("Audit logging weakened, then read data");
        assertThat(f.mitre).containsExactly("T1562.008", "T1530");
        assertThat(f.subject).isEqualTo("trail-stopped:" + TRAIL);
        assertThat(ids(f)).containsExactly(t.eventId, r.eventId);
        assertThat(f.facts).containsEntry("tampering", "trail-stopped").containsEntry("action", "GetObject")
                .containsEntry("action_kind", "data-read").containsEntry("minutes_after", "16");
        assertThat(f.explanation).startsWith(DAVE + " stopped CloudTrail trail '" + TRAIL + "' at 2026-11-02T09:00:00Z from 81.2.69.142,"
                + " and 16 minutes later read data (GetObject acme-customer-exports/exports/customers-000.csv.gz) at 2026-11-02T09:16:00Z from 81.2.69.142.");
    }

    @Test
    void onlyTheFirstReadAfterATamperingReachesTheNfa() throws Exception {
        try (SequenceHarness h = SequenceHarness.of(rule().get(0))) {
            h.send(read(1, "before any tampering"), stop(5), read(6, "a"), read(7, "b"), read(8, "c"), key(9), stop(20), read(21, "d"));
            // stop, a, the key, the second stop, d
            assertThat(h.nfaInputs()).isEqualTo(5);
            h.watermark(Long.MAX_VALUE);
            List<Finding> out = h.findings();
            assertThat(out).hasSize(2); // each tampering followed by an action (suppression folds repeats)
        }
    }

    @Test
    void failedAttemptsAndOtherCallsBetweenDoNotMatter() throws Exception {
        AuditEvent t = stop(5);
        AuditEvent k = key(30);
        List<Finding> out = replay(failed(stop(0)), read(1, "before"), t, as(ERIN, read(6, "erin's")),
                EventBuilder.aws("ec2.amazonaws.com", "DescribeInstances").principal(DAVE).after(Duration.ofMinutes(7)).build(), k);
        assertThat(out).hasSize(1);
        assertThat(ids(out.get(0))).containsExactly(t.eventId, k.eventId);
        assertThat(out.get(0).title).isEqualTo("Audit logging weakened, then created credentials");
    }

    @Test
    void repeatedTamperingBeforeOneActionIsOneFinding() throws Exception {
        AuditEvent first = stop(0);
        List<Finding> out = replay(first, stop(3), stop(6), key(10), key(12));
        assertThat(out).hasSize(1);
        assertThat(ids(out.get(0)).get(0)).isEqualTo(first.eventId);
    }

    @Test
    void twoPrincipalsInterleavedAreTwoFindings() throws Exception {
        List<Finding> out = replay(stop(0), as(ERIN, stop(1)), as(ERIN, key(2)), read(3, "k"));
        assertThat(out).extracting(f -> f.principal).containsExactlyInAnyOrder(DAVE, ERIN);
    }

    @Test
    void credentialAndComputeStepsMatchInAnyArrivalOrderWithinTheBound() throws Exception {
        AuditEvent t = stop(0);
        AuditEvent k = key(5);
        assertThat(replay(k, t)).hasSize(1).isEqualTo(replay(t, k));
    }

    @Test
    void aReadArrivingBeforeItsTamperingIsTheSameStory() throws Exception {
        AuditEvent t = stop(0);
        AuditEvent early = read(5, "a");
        AuditEvent later = read(8, "b");
        List<Finding> inOrder = replay(t, early, later);
        assertThat(inOrder).hasSize(1);
        assertThat(ids(inOrder.get(0))).containsExactly(t.eventId, early.eventId);
        // the reads come first (another source, ahead of the trail): held until the watermark passes them
        assertThat(replay(early, later, t)).isEqualTo(inOrder);
        assertThat(replay(later, early, t)).isEqualTo(inOrder);
        assertThat(replay(early, t)).isEqualTo(replay(t, early)).hasSize(1);
    }

    @Test
    void aReadBeforeALaterTamperingArrivingFirstIsStillTheFirstTamperingsStory() throws Exception {
        // in time: stop, read, stop again, read; the second stop and both reads arrive before the first stop
        AuditEvent first = stop(0);
        AuditEvent r1 = read(2, "a");
        AuditEvent second = stop(3);
        AuditEvent r2 = read(4, "b");
        List<Finding> inOrder = replay(first, r1, second, r2);
        assertThat(inOrder).extracting(f -> ids(f)).containsExactly(List.of(first.eventId, r1.eventId), List.of(second.eventId, r2.eventId));
        assertThat(replay(second, r2, r1, first)).isEqualTo(inOrder);
    }

    @Test
    void heldReadsAreTheEarliestFewOneAMinute() throws Exception {
        try (SequenceHarness h = SequenceHarness.of(rule().get(0))) {
            AuditEvent[] reads = new AuditEvent[TamperingGate.MAX_HELD + 4];
            for (int i = 0; i < reads.length; i++) {
                reads[i] = read(10 + i, "k" + i);
            }
            h.send(reads).send(read(10, "again in the first read's second"));
            assertThat(heldReads(h)).isEqualTo(TamperingGate.MAX_HELD);
            // a tampering arriving late, before the reads: the first of them is its action
            AuditEvent t = stop(9);
            h.send(t).watermark(Long.MAX_VALUE);
            List<Finding> out = h.findings();
            assertThat(out).hasSize(1);
            assertThat(ids(out.get(0))).containsExactly(t.eventId, reads[0].eventId);
            assertThat(h.nfaInputs()).isEqualTo(2);
            assertThat(heldReads(h)).isZero();
        }
    }

    @Test
    void earlierReadsArrivingAtAFullGateTakeTheLatestHeldMinutesPlace() throws Exception {
        try (SequenceHarness h = SequenceHarness.of(rule().get(0))) {
            AuditEvent[] reads = new AuditEvent[TamperingGate.MAX_HELD];
            for (int i = 0; i < reads.length; i++) {
                reads[i] = read(10 + i, "k" + i); // minutes 10 to 137
            }
            h.send(reads).send(read(5, "early"), read(4, "earlier")); // out of order: they push out minutes 137, then 136
            List<Long> expected = new ArrayList<>(List.of(4L, 5L));
            for (long m = 10; m <= 135; m++) {
                expected.add(m);
            }
            assertThat(heldMinutes(h)).isEqualTo(expected);
            AuditEvent t = stop(134);
            t.eventTime += 30_000;
            h.send(t).watermark(Long.MAX_VALUE);
            List<Finding> out = h.findings();
            assertThat(out).hasSize(1);
            assertThat(ids(out.get(0))).containsExactly(t.eventId, reads[125].eventId); // minute 135, the latest still held
            assertThat(gate(h).value()).isNull();
            assertThat(heldReads(h)).isZero();
        }
    }

    @Test
    void readsHeldByAnEarlierVersionAreListedByMinuteAndStillDecided() throws Exception {
        try (SequenceHarness h = SequenceHarness.of(rule().get(0))) {
            AuditEvent old = read(20, "held by an earlier version");
            old.eventId = "a-" + old.eventId;
            h.send(old); // held, with its timer at its own time
            // as an earlier version kept it: by its own time, counted but not listed
            MapState<Long, AuditEvent> held = held(h);
            held.remove(minuteOf(old));
            held.put(old.eventTime, old);
            GateState s = gate(h).value();
            s.heldMinutes = new long[0];
            gate(h).update(s);

            AuditEvent sameTime = read(20, "the same second");
            sameTime.eventTime = old.eventTime;
            sameTime.eventId = "b-" + sameTime.eventId;
            h.send(sameTime);
            assertThat(heldMinutes(h)).containsExactly(20L);
            AuditEvent t = stop(19);
            h.send(t).watermark(Long.MAX_VALUE);
            List<Finding> out = h.findings();
            assertThat(out).hasSize(1);
            assertThat(ids(out.get(0))).containsExactly(t.eventId, old.eventId); // the minute's earliest, by id
            assertThat(gate(h).value()).isNull();
            assertThat(heldReads(h)).isZero();
        }
    }

    @Test
    void aHeldReadWhoseTimerWasLostIsForgottenAtTheNextTimer() throws Exception {
        try (SequenceHarness h = SequenceHarness.of(rule().get(0))) {
            AuditEvent lost = read(5, "its timer lost");
            held(h).put(minuteOf(lost), lost); // held and listed, but no timer
            GateState s = new GateState();
            s.addHeld(minuteOf(lost));
            gate(h).update(s);
            h.send(read(30, "later")).watermark(Long.MAX_VALUE);
            assertThat(h.findings()).isEmpty();
            assertThat(gate(h).value()).isNull();
            assertThat(heldReads(h)).isZero();
        }
    }

    /**
     * The sample day's story, in the order a second reader can deliver it: many reads (the
     * attacker's, a loader's), then the read after the tampering, and only then the tampering, from
     * another file. The read after it must still be held, however many earlier ones are.
     */
    @Test
    void aTamperingArrivingAfterManyReadsStillFindsTheReadAfterIt() throws Exception {
        try (RuleHarness h = RuleHarness.of(rule())) {
            for (int m = 0; m < 40; m++) {
                AuditEvent laterInTheMinute = read(m, "same minute " + m);
                laterInTheMinute.eventTime += 30_000;
                h.send(read(m, "before-" + m), laterInTheMinute);
            }
            AuditEvent after = read(50, "after");
            AuditEvent t = stop(45);
            h.send(after).send(t).watermark(Long.MAX_VALUE); // the tampering last; a two-hour lag holds every read meanwhile
            List<Finding> out = h.findings();
            assertThat(out).hasSize(1);
            assertThat(ids(out.get(0))).containsExactly(t.eventId, after.eventId);
        }
    }

    @Test
    void anActionByAnotherPrincipalIsNoMatch() throws Exception {
        assertThat(replay(stop(0), as(ERIN, read(5, "a")), as(ERIN, key(6)))).isEmpty();
    }

    @Test
    void failedStepsDoNotCount() throws Exception {
        assertThat(replay(failed(stop(0)), read(5, "a"), key(6))).isEmpty();
        assertThat(replay(stop(0), failed(key(6)))).isEmpty();
    }

    @Test
    void anActionPastTheWindowIsNoMatch() throws Exception {
        assertThat(replay(stop(0), read(61, "a"), key(62))).isEmpty();
    }

    @Test
    void weakeningOtherLogsOnOtherCloudsIsTheSameRule() throws Exception {
        AuditEvent sink = EventBuilder.gcp("logging.googleapis.com", "google.logging.v2.ConfigServiceV2.DeleteSink")
                .resource("resourceName", "projects/acme/sinks/audit").build();
        AuditEvent vm = EventBuilder.gcp("compute.googleapis.com", "v1.compute.instances.insert").after(Duration.ofMinutes(4)).build();
        List<Finding> out = replay(sink, vm);
        assertThat(out).extracting(f -> f.title).containsExactly("Audit logging weakened, then launched compute");
        assertThat(out.get(0).mitre).containsExactly("T1562.008", "T1578.002");
    }

    @Test
    void allowedPrincipalsNetworksAndAsnsAreHonoured() throws Exception {
        Allowlists.assertEachKindOfEntryTellsNothing(DefenseEvasionThenAction.RULE_ID, DefenseEvasionThenAction::patterns, BOUND,
                DAVE, "81.2.69.142/32", stop(0), read(5, "a"), key(6));
    }

    @ParameterizedTest
    @ValueSource(strings = {"heap", "rocksdb"})
    void tamperingBeforeASavepointAndTheReadAfterItAreOneFinding(String backend) throws Exception {
        AuditEvent t = stop(0);
        AuditEvent r = read(20, "a");
        List<Finding> whole = replay(t, r);
        List<SequenceHarness.Snapshot> snapshot;
        try (RuleHarness before = RuleHarness.of(rule(), backend)) {
            before.send(t).watermark(EventBuilder.BEGINNING.toEpochMilli() + 60_000);
            snapshot = before.snapshot(1);
        }
        try (RuleHarness after = RuleHarness.restore(rule(), backend, snapshot)) {
            after.send(r).watermark(Long.MAX_VALUE);
            assertThat(after.findings()).hasSize(1).isEqualTo(whole);
        }

        // a read held for the watermark before the savepoint, its tampering arriving after the restore
        try (RuleHarness before = RuleHarness.of(rule(), backend)) {
            before.send(r);
            snapshot = before.snapshot(2);
        }
        try (RuleHarness after = RuleHarness.restore(rule(), backend, snapshot)) {
            after.send(t).watermark(Long.MAX_VALUE);
            assertThat(after.findings()).isEqualTo(whole);
        }
    }

    @Test
    void theGateForgetsATamperingOnceItsWindowHasPassed() throws Exception {
        try (RuleHarness h = RuleHarness.of(rule(), "rocksdb")) {
            SequenceHarness one = h.harnesses().get(0);
            h.send(stop(0)).watermark(EventBuilder.BEGINNING.toEpochMilli());
            assertThat(keysWithGateState(one)).isEqualTo(1);
            h.watermark(EventBuilder.BEGINNING.toEpochMilli() + Duration.ofMinutes(60).toMillis());
            assertThat(keysWithGateState(one)).isZero();
            assertThat(one.gateHarness().numEventTimeTimers()).isZero();
            h.send(read(70, "a")).watermark(Long.MAX_VALUE);
            assertThat(h.findings()).isEmpty();
        }
    }

    private static long keysWithGateState(SequenceHarness h) {
        try (var keys = h.gateHarness().getOperator().getKeyedStateBackend().getKeys(TamperingGate.STATE, VoidNamespace.INSTANCE)) {
            return keys.count();
        }
    }

    /** Reads dave's gate holds. */
    private static long heldReads(SequenceHarness h) throws Exception {
        long n = 0;
        for (Long ignored : held(h).keys()) {
            n++;
        }
        return n;
    }

    /** The minutes, from the beginning, of the reads dave's gate holds. */
    private static List<Long> heldMinutes(SequenceHarness h) throws Exception {
        long start = minuteOf(EventBuilder.BEGINNING.toEpochMilli());
        List<Long> minutes = new ArrayList<>();
        for (Long k : held(h).keys()) {
            minutes.add(k - start);
        }
        minutes.sort(null);
        return minutes;
    }

    private static long minuteOf(AuditEvent e) {
        return minuteOf(e.eventTime);
    }

    private static long minuteOf(long time) {
        return Math.floorDiv(time, 60_000L);
    }

    private static MapState<Long, AuditEvent> held(SequenceHarness h) throws Exception {
        return daves(h).getPartitionedState(VoidNamespace.INSTANCE, VoidNamespaceSerializer.INSTANCE,
                new MapStateDescriptor<>(TamperingGate.HELD, Types.LONG, TypeInformation.of(AuditEvent.class)));
    }

    private static ValueState<GateState> gate(SequenceHarness h) throws Exception {
        return daves(h).getPartitionedState(VoidNamespace.INSTANCE, VoidNamespaceSerializer.INSTANCE,
                new ValueStateDescriptor<>(TamperingGate.STATE, TypeInformation.of(GateState.class)));
    }

    private static KeyedStateBackend<Object> daves(SequenceHarness h) {
        KeyedStateBackend<Object> backend = h.gateHarness().getOperator().getKeyedStateBackend();
        backend.setCurrentKey(AuditEvent.principalKey(Cloud.AWS, "111122223333", DAVE));
        return backend;
    }
}
