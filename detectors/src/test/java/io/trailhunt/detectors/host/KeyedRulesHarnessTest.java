package io.trailhunt.detectors.host;

import io.trailhunt.detectors.Detector;
import io.trailhunt.detectors.KeyedRules;
import io.trailhunt.detectors.common.Timers;
import io.trailhunt.detectors.anonymizer.AnonymizingNetworkState;
import io.trailhunt.detectors.firstseen.FirstSeenState;
import io.trailhunt.detectors.manyips.ManySourceIpsState;
import io.trailhunt.detectors.manyips.Sighting;
import io.trailhunt.detectors.persistence.CredentialPersistenceState;
import io.trailhunt.detectors.storageclient.UncommonStorageClientState;
import io.trailhunt.detectors.travel.ImpossibleTravelState;
import io.trailhunt.detectors.travel.Place;
import io.trailhunt.events.model.AuditEvent;
import io.trailhunt.events.model.Category;
import io.trailhunt.events.model.Finding;
import io.trailhunt.events.settings.Section;
import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.contrib.streaming.state.EmbeddedRocksDBStateBackend;
import org.apache.flink.runtime.checkpoint.OperatorSubtaskState;
import org.apache.flink.runtime.state.StateBackend;
import org.apache.flink.runtime.state.VoidNamespace;
import org.apache.flink.runtime.state.hashmap.HashMapStateBackend;
import org.apache.flink.streaming.api.operators.KeyedProcessOperator;
import org.apache.flink.streaming.api.watermark.Watermark;
import org.apache.flink.streaming.runtime.streamrecord.StreamRecord;
import org.apache.flink.streaming.util.KeyedOneInputStreamOperatorTestHarness;
import org.apache.flink.types.PojoTestUtils;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;

import static io.trailhunt.detectors.TestPlaces.CHANGCHUN_IP;
import static io.trailhunt.detectors.TestPlaces.LINKOPING_IP;
import static io.trailhunt.detectors.TestPlaces.LONDON_IP;
import static io.trailhunt.detectors.TestPlaces.MILTON_IP;
import static io.trailhunt.detectors.TestPlaces.at;
import static io.trailhunt.detectors.TestPlaces.torExitLondon;
import static io.trailhunt.events.testing.EventBuilder.BEGINNING;
import static io.trailhunt.events.testing.EventBuilder.aws;
import static io.trailhunt.events.testing.EventBuilder.gcp;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Every part-1 detector in the real host, with every rule on as the default configuration has it,
 * in event time on both state backends: learning periods, windows, expiry by timers, and history
 * that survives a savepoint (one snapshot/restore scenario per detector).
 */
class KeyedRulesHarnessTest {
    private static final String ETL = "etl-loader@acme-analytics.iam.gserviceaccount.com";
    private static final Set<String> PART_1 = Set.of("log-tampering", "impossible-travel", "new-country", "new-asn", "new-source-ip",
            "many-source-ips", "anonymizing-network", "uncommon-storage-client", "credential-persistence");

    private static KeyedOneInputStreamOperatorTestHarness<String, AuditEvent, Finding> harness(String backend) throws Exception {
        // Part 2's baselines keep their own timers for weeks: this test counts part 1's.
        List<Detector<?>> detectors = KeyedRules.enabled(Section.empty("rules")).stream().filter(d -> PART_1.contains(d.ruleId())).toList();
        KeyedOneInputStreamOperatorTestHarness<String, AuditEvent, Finding> h = new KeyedOneInputStreamOperatorTestHarness<>(
                new KeyedProcessOperator<>(new KeyedDetectorsFunction(detectors)), AuditEvent::principalKey, Types.STRING);
        h.getExecutionConfig().disableGenericTypes();
        h.setStateBackend(backend.equals("rocksdb") ? new EmbeddedRocksDBStateBackend() : (StateBackend) new HashMapStateBackend());
        return h;
    }

    /** Each event, then the watermark at its time (as a source without out-of-orderness would). */
    private static void feed(KeyedOneInputStreamOperatorTestHarness<String, AuditEvent, Finding> h, AuditEvent... events) throws Exception {
        for (AuditEvent e : events) {
            h.processElement(new StreamRecord<>(e, e.eventTime));
            h.processWatermark(new Watermark(e.eventTime));
        }
    }

    private static long keysWithState(KeyedOneInputStreamOperatorTestHarness<String, AuditEvent, Finding> h, String ruleId) {
        try (var keys = h.getOperator().getKeyedStateBackend().getKeys(KeyedDetectorsFunction.stateName(ruleId), VoidNamespace.INSTANCE)) {
            return keys.count();
        }
    }

    /** The findings reported, without the repeats sent on for the suppression step to count. */
    private static List<String> rules(List<Finding> findings) {
        return findings.stream().filter(f -> !f.repeat).map(f -> f.ruleId + " " + f.subject).collect(Collectors.toList());
    }

    /** The repeats, as the subject they are counted under and the address of their event. */
    private static List<String> repeats(List<Finding> findings) {
        return findings.stream().filter(f -> f.repeat).map(f -> f.ruleId + " " + f.subject + " <- " + f.sourceIps).collect(Collectors.toList());
    }

    private static AuditEvent call(Duration after, String ip) {
        return at(aws("ec2.amazonaws.com", "DescribeInstances").after(after).build(), ip);
    }

    /** alice's ordinary week: one call a day from the office. */
    private static AuditEvent[] officeWeek(int days) {
        List<AuditEvent> out = new ArrayList<>();
        for (int d = 0; d < days; d++) {
            out.add(call(Duration.ofDays(d), LINKOPING_IP));
        }
        return out.toArray(new AuditEvent[0]);
    }

    @Test
    void everyStateTypeIsAPojo() {
        for (Class<?> c : List.of(ImpossibleTravelState.class, Place.class, FirstSeenState.class, ManySourceIpsState.class, Sighting.class,
                AnonymizingNetworkState.class, UncommonStorageClientState.class, CredentialPersistenceState.class)) {
            PojoTestUtils.assertSerializedAsPojoWithoutKryo(c);
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"heap", "rocksdb"})
    void addressesNetworksAndCountriesSeenBeforeASavepointAreNotNewAfterIt(String backend) throws Exception {
        OperatorSubtaskState snapshot;
        try (var h = harness(backend)) {
            h.open();
            feed(h, officeWeek(8));
            feed(h, call(Duration.ofDays(8), MILTON_IP)); // a trip to the US: reported once
            assertThat(rules(h.extractOutputValues())).containsExactly("new-country US");
            snapshot = h.snapshot(1L, 1L);
        }
        try (var h = harness(backend)) {
            h.initializeState(snapshot);
            h.open();
            // A day apart, so that no pair is impossible travel.
            feed(h, call(Duration.ofDays(9), LINKOPING_IP), call(Duration.ofDays(10), MILTON_IP),
                    call(Duration.ofDays(11), "89.160.20.130"), call(Duration.ofDays(12), CHANGCHUN_IP));
            assertThat(rules(h.extractOutputValues())).containsExactly("new-source-ip 89.160.20.130", "new-country CN");
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"heap", "rocksdb"})
    void theLearningPeriodAndTheLookBackRunInEventTime(String backend) throws Exception {
        try (var h = harness(backend)) {
            h.open();
            feed(h, officeWeek(7));
            feed(h, call(Duration.ofDays(6).plusHours(12), MILTON_IP)); // learning: remembered, not reported
            feed(h, call(Duration.ofDays(7), CHANGCHUN_IP));
            assertThat(rules(h.extractOutputValues())).containsExactly("new-country CN");
            // Nothing for 31 days: the watermark passes, the timers forget the principal.
            h.processWatermark(new Watermark(BEGINNING.plus(Duration.ofDays(38)).toEpochMilli()));
            for (String rule : List.of("new-source-ip", "new-asn", "new-country", "impossible-travel", "many-source-ips")) {
                assertThat(keysWithState(h, rule)).as(rule).isZero();
            }
            assertThat(h.numEventTimeTimers()).isZero();
            // A stranger again: learned anew, so even a new country says nothing.
            feed(h, call(Duration.ofDays(38), CHANGCHUN_IP), call(Duration.ofDays(39), MILTON_IP));
            assertThat(rules(h.extractOutputValues())).containsExactly("new-country CN");
        }
    }

    /** An address the test databases do not know: a new address, but no new network or country, and no place. */
    private static AuditEvent unlocated(Duration after, String ip) {
        return aws("ec2.amazonaws.com", "DescribeInstances").ip(ip).after(after).build();
    }

    @ParameterizedTest
    @ValueSource(strings = {"heap", "rocksdb"})
    void theQuietPeriodAfterANewAddressRunsInEventTimeAndSurvivesASavepoint(String backend) throws Exception {
        Duration day8 = Duration.ofDays(8);
        OperatorSubtaskState snapshot;
        try (var h = harness(backend)) {
            h.open();
            feed(h, officeWeek(8));
            feed(h, unlocated(day8, "198.51.100.1"));
            assertThat(rules(h.extractOutputValues())).containsExactly("new-source-ip 198.51.100.1");
            snapshot = h.snapshot(1L, 1L);
        }
        try (var h = harness(backend)) {
            h.initializeState(snapshot);
            h.open();
            // 59 minutes later: within the hour's quiet period, learned without a finding; at the hour, reported.
            feed(h, unlocated(day8.plusMinutes(59), "198.51.100.2"), unlocated(day8.plusMinutes(60), "198.51.100.3"));
            // The quietly learned address is known afterwards.
            feed(h, unlocated(day8.plusHours(3), "198.51.100.2"));
            assertThat(rules(h.extractOutputValues())).containsExactly("new-source-ip 198.51.100.3");
            // ... and sent on as a repeat of the savepoint's finding, for the suppression step to count
            assertThat(repeats(h.extractOutputValues())).containsExactly("new-source-ip 198.51.100.1 <- [198.51.100.2]");
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"heap", "rocksdb"})
    void manySourceIpsCountsOnlyTheAddressesOfTheLastDay(String backend) throws Exception {
        try (var h = harness(backend)) {
            h.open();
            List<AuditEvent> morning = new ArrayList<>();
            for (int i = 0; i < 6; i++) {
                morning.add(read(Duration.ofHours(i), "198.51.100." + i)); // 09:00 to 14:00 on day 0
            }
            feed(h, morning.toArray(new AuditEvent[0]));
            // The next day from 09:30: the 09:00 address has slid out; five new ones make ten within a day.
            List<AuditEvent> next = new ArrayList<>();
            for (int i = 0; i < 5; i++) {
                next.add(read(Duration.ofHours(24).plusMinutes(30 + i), "203.0.113." + i));
            }
            feed(h, next.toArray(new AuditEvent[0]));
            // 10:30: the 10:00 address slides out as the sixth new one comes in: still ten.
            feed(h, read(Duration.ofHours(25).plusMinutes(30), "203.0.113.5"));
            assertThat(h.extractOutputValues()).isEmpty();
            // One more within the same day is the eleventh.
            AuditEvent eleventh = read(Duration.ofHours(25).plusMinutes(31), "203.0.113.6");
            feed(h, eleventh);
            List<Finding> out = h.extractOutputValues();
            assertThat(rules(out)).containsExactly("many-source-ips window");
            assertThat(out.get(0).sourceIps).containsExactly("198.51.100.2", "198.51.100.3", "198.51.100.4", "198.51.100.5",
                    "203.0.113.0", "203.0.113.1", "203.0.113.2", "203.0.113.3", "203.0.113.4", "203.0.113.5", "203.0.113.6");
            assertThat(out.get(0).firstSeen).isEqualTo(BEGINNING.plus(Duration.ofHours(2)).toEpochMilli());
            assertThat(out.get(0).lastSeen).isEqualTo(eleventh.eventTime);
        }
    }

    private static AuditEvent read(Duration after, String ip) {
        return gcp("storage.googleapis.com", "storage.objects.get").principal(ETL).ip(ip).after(after).build();
    }

    @ParameterizedTest
    @ValueSource(strings = {"heap", "rocksdb"})
    void aPlaceBeforeTheSavepointMakesTravelAfterItImpossible(String backend) throws Exception {
        OperatorSubtaskState snapshot;
        try (var h = harness(backend)) {
            h.open();
            feed(h, call(Duration.ZERO, LONDON_IP));
            snapshot = h.snapshot(1L, 1L);
        }
        try (var h = harness(backend)) {
            h.initializeState(snapshot);
            h.open();
            feed(h, call(Duration.ofHours(1), CHANGCHUN_IP));
            // Switching back within the suppression window is the same story.
            feed(h, call(Duration.ofHours(1).plusMinutes(10), LONDON_IP));
            assertThat(rules(h.extractOutputValues())).containsExactly("impossible-travel London, GB -> Changchun, CN");
            // A week without a place: the state goes.
            h.processWatermark(new Watermark(Timers.at(BEGINNING.plus(Duration.ofDays(7).plusHours(2)).toEpochMilli())));
            assertThat(keysWithState(h, "impossible-travel")).isZero();
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"heap", "rocksdb"})
    void addressesBeforeTheSavepointCountTowardsManySourceIps(String backend) throws Exception {
        OperatorSubtaskState snapshot;
        try (var h = harness(backend)) {
            h.open();
            for (int i = 0; i < 6; i++) {
                feed(h, read(Duration.ofHours(i), "198.51.100." + i));
            }
            snapshot = h.snapshot(1L, 1L);
        }
        try (var h = harness(backend)) {
            h.initializeState(snapshot);
            h.open();
            for (int i = 6; i < 11; i++) {
                feed(h, read(Duration.ofHours(i), "198.51.100." + i));
            }
            List<Finding> out = h.extractOutputValues();
            assertThat(rules(out)).containsExactly("many-source-ips window");
            assertThat(out.get(0).evidence).hasSize(11);
            // A week after the last address (on the timer grid) the window is empty and the state gone.
            h.processWatermark(new Watermark(Timers.at(BEGINNING.plus(Duration.ofDays(7).plusHours(10)).toEpochMilli())));
            assertThat(keysWithState(h, "many-source-ips")).isZero();
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"heap", "rocksdb"})
    void aTorSessionReportedBeforeTheSavepointStaysQuietAfterIt(String backend) throws Exception {
        OperatorSubtaskState snapshot;
        AuditEvent first = gcp("storage.googleapis.com", "storage.objects.get").principal(ETL).ip("81.2.69.142").build();
        first.geo = torExitLondon();
        try (var h = harness(backend)) {
            h.open();
            feed(h, first);
            assertThat(rules(h.extractOutputValues())).containsExactly("anonymizing-network tor-exit");
            snapshot = h.snapshot(1L, 1L);
        }
        try (var h = harness(backend)) {
            h.initializeState(snapshot);
            h.open();
            AuditEvent later = gcp("storage.googleapis.com", "storage.objects.get").principal(ETL).ip("81.2.69.143").after(Duration.ofHours(2)).build();
            later.geo = torExitLondon();
            feed(h, later);
            // quiet: not a new finding, a repeat for the suppression step to count into the first
            assertThat(rules(h.extractOutputValues())).isEmpty();
            assertThat(repeats(h.extractOutputValues())).containsExactly("anonymizing-network tor-exit <- [81.2.69.143]");
            h.processWatermark(new Watermark(Timers.at(BEGINNING.plus(Duration.ofHours(24)).toEpochMilli())));
            assertThat(keysWithState(h, "anonymizing-network")).isZero();
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"heap", "rocksdb"})
    void aStorageClientUsedBeforeTheSavepointIsNotNewAfterIt(String backend) throws Exception {
        OperatorSubtaskState snapshot;
        try (var h = harness(backend)) {
            h.open();
            feed(h, aws("s3.amazonaws.com", "ListObjects").category(Category.DATA).userAgent("Cyberduck/8.7.1.40770 (Mac OS X/14.0) (x86_64)").build());
            snapshot = h.snapshot(1L, 1L);
        }
        try (var h = harness(backend)) {
            h.initializeState(snapshot);
            h.open();
            feed(h, aws("s3.amazonaws.com", "GetObject").category(Category.DATA).userAgent("Cyberduck/8.7.1.40770 (Mac OS X/14.0) (x86_64)")
                    .after(Duration.ofDays(3)).build());
            feed(h, aws("s3.amazonaws.com", "GetObject").category(Category.DATA).userAgent("S3 Browser/12.2.9 (https://s3browser.com)")
                    .after(Duration.ofDays(3)).build());
            assertThat(rules(h.extractOutputValues())).containsExactly("uncommon-storage-client S3 Browser");
            h.processWatermark(new Watermark(Timers.at(BEGINNING.plus(Duration.ofDays(10)).toEpochMilli())));
            assertThat(keysWithState(h, "uncommon-storage-client")).isZero();
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"heap", "rocksdb"})
    void aCredentialHabitBeforeTheSavepointIsKnownAfterIt(String backend) throws Exception {
        OperatorSubtaskState snapshot;
        try (var h = harness(backend)) {
            h.open();
            feed(h, aws("iam.amazonaws.com", "CreateAccessKey").resource("userName", "bob").build());
            snapshot = h.snapshot(1L, 1L);
        }
        try (var h = harness(backend)) {
            h.initializeState(snapshot);
            h.open();
            feed(h, aws("iam.amazonaws.com", "CreateAccessKey").resource("userName", "carol").after(Duration.ofDays(2)).build());
            assertThat(h.extractOutputValues()).isEmpty();
            feed(h, aws("iam.amazonaws.com", "CreateLoginProfile").resource("userName", "carol").after(Duration.ofDays(2)).build());
            assertThat(rules(h.extractOutputValues())).containsExactly("credential-persistence aws-login-profile:carol");
            h.processWatermark(new Watermark(BEGINNING.plus(Duration.ofDays(33)).toEpochMilli()));
            assertThat(keysWithState(h, "credential-persistence")).isZero();
        }
    }
}
