package io.trailhunt.detectors.host;

import io.trailhunt.detectors.Detector;
import io.trailhunt.detectors.download.BulkDownloadDetector;
import io.trailhunt.detectors.download.BulkDownloadSettings;
import io.trailhunt.detectors.hours.AfterHoursDetector;
import io.trailhunt.detectors.hours.AfterHoursSettings;
import io.trailhunt.detectors.novelty.NoveltyDetector;
import io.trailhunt.detectors.novelty.NoveltySettings;
import io.trailhunt.detectors.scores.ScoredObservation;
import io.trailhunt.detectors.volume.VolumeSpikeDetector;
import io.trailhunt.detectors.volume.VolumeSpikeSettings;
import io.trailhunt.events.model.AuditEvent;
import io.trailhunt.events.model.Category;
import io.trailhunt.events.model.Finding;
import io.trailhunt.events.settings.Allowlist;
import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.contrib.streaming.state.EmbeddedRocksDBStateBackend;
import org.apache.flink.runtime.checkpoint.OperatorSubtaskState;
import org.apache.flink.runtime.state.StateBackend;
import org.apache.flink.runtime.state.VoidNamespace;
import org.apache.flink.runtime.state.hashmap.HashMapStateBackend;
import org.apache.flink.streaming.api.operators.KeyedProcessOperator;
import org.apache.flink.streaming.api.watermark.Watermark;
import org.apache.flink.streaming.runtime.streamrecord.StreamRecord;
import org.apache.flink.streaming.util.AbstractStreamOperatorTestHarness;
import org.apache.flink.streaming.util.KeyedOneInputStreamOperatorTestHarness;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ConcurrentLinkedQueue;

import static io.trailhunt.events.testing.EventBuilder.aws;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * The part-2 detectors in the Flink host, in event time, on both state backends: what they learn
 * (hourly baselines, hour-of-week histograms, novelty models and the subtask's population model)
 * survives a snapshot and restore, also into a different parallelism.
 */
class BaselinesAcrossRestoreTest {
    private static final long HOUR = 3_600_000L;
    private static final long DAY0 = Instant.parse("2026-11-02T00:00:00Z").toEpochMilli();
    private static final String ALICE = "arn:aws:iam::111122223333:user/alice";
    private static final String BOB = "arn:aws:iam::111122223333:user/bob";
    private static final int MAX_PARALLELISM = 128;

    private static List<Detector<?>> detectors() {
        NoveltySettings n = NoveltySettings.defaults();
        return List.of(
                new BulkDownloadDetector(BulkDownloadSettings.defaults()),
                new AfterHoursDetector(AfterHoursSettings.defaults()),
                new VolumeSpikeDetector(VolumeSpikeSettings.defaults()),
                new NoveltyDetector(new NoveltySettings(true, 25, n.minEvents(), n.minHistory(), n.priorStrength(), n.maxValues(),
                        n.populationMaxValues(), n.reportCooldown(), n.forgetAfter(), Allowlist.none())));
    }

    private static KeyedOneInputStreamOperatorTestHarness<String, AuditEvent, Finding> harness(String backend, int parallelism, int subtask)
            throws Exception {
        var h = new KeyedOneInputStreamOperatorTestHarness<>(new KeyedProcessOperator<>(new KeyedDetectorsFunction(detectors(), true)),
                DetectorKey::of, Types.STRING, MAX_PARALLELISM, parallelism, subtask);
        h.getExecutionConfig().disableGenericTypes();
        h.setStateBackend(backend(backend));
        return h;
    }

    /**
     * RocksDB without managed memory: the harness hands RocksDB only a few MB of managed memory,
     * which makes it flush to disk after every few writes (80 ms per event here); a job's task
     * manager gives it far more.
     */
    static StateBackend backend(String name) {
        if (!name.equals("rocksdb")) {
            return new HashMapStateBackend();
        }
        EmbeddedRocksDBStateBackend rocks = new EmbeddedRocksDBStateBackend();
        rocks.getMemoryConfiguration().setUseManagedMemory(false);
        return rocks;
    }

    private static void send(KeyedOneInputStreamOperatorTestHarness<String, AuditEvent, Finding> h, AuditEvent e) throws Exception {
        h.processElement(new StreamRecord<>(e, e.eventTime));
    }

    /** Eight days: alice reads 10 objects every hour of the day from her Mac; bob lists buckets with boto3. */
    private static void eightDays(KeyedOneInputStreamOperatorTestHarness<String, AuditEvent, Finding> h) throws Exception {
        for (int hour = 0; hour < 8 * 24; hour++) {
            long start = DAY0 + hour * HOUR;
            for (int i = 0; i < 10; i++) {
                send(h, aws("s3.amazonaws.com", "GetObject").principal(ALICE).category(Category.DATA).resource("bucket", "reports")
                        .userAgent("aws-cli/2.15.30 os/macos#23.4.0").at(Instant.ofEpochMilli(start + i * 360_000L)).build());
            }
            send(h, aws("s3.amazonaws.com", "ListBuckets").principal(BOB).userAgent("Boto3/1.34.100 os/linux#6.5.0")
                    .at(Instant.ofEpochMilli(start + 1000)).build());
            h.processWatermark(new Watermark(start + HOUR));
        }
    }

    private static long keysWithState(KeyedOneInputStreamOperatorTestHarness<String, AuditEvent, Finding> h, String ruleId) {
        try (var keys = h.getOperator().getKeyedStateBackend().getKeys(KeyedDetectorsFunction.stateName(ruleId), VoidNamespace.INSTANCE)) {
            return keys.count();
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"heap", "rocksdb"})
    void hourlyBaselinesAndNoveltyModelsSurviveARestore(String backend) throws Exception {
        OperatorSubtaskState snapshot;
        try (var h = harness(backend, 1, 0)) {
            h.open();
            eightDays(h);
            assertThat(h.extractOutputValues()).isEmpty();
            assertThat(h.getSideOutput(KeyedDetectorsFunction.SCORES)).hasSize(8 * 24 * 11);
            snapshot = h.snapshot(1, DAY0 + 8 * 24 * HOUR);
        }
        try (var h = harness(backend, 1, 0)) {
            h.initializeState(snapshot);
            h.open();
            long spike = DAY0 + 8 * 24 * HOUR; // 2026-11-10 00:00: the same hour of day has 8 days of exactly 10
            for (int i = 0; i < 100; i++) {
                send(h, aws("s3.amazonaws.com", "GetObject").principal(ALICE).category(Category.DATA).resource("bucket", "reports")
                        .userAgent("aws-cli/2.15.30 os/macos#23.4.0").at(Instant.ofEpochMilli(spike + i * 30_000L)).build());
            }
            send(h, aws("s3.amazonaws.com", "GetObject").principal(ALICE).category(Category.DATA).resource("bucket", "reports")
                    .userAgent("aws-cli/2.13.0 Python/3.11.4 Linux/5.15.0").ip("175.16.199.20").geo("CN", "Changchun", 43.88, 125.32, 4837)
                    .at(Instant.ofEpochMilli(spike + 3_000_000L)).build());
            h.processWatermark(new Watermark(spike + 3 * HOUR));

            List<Finding> out = h.extractOutputValues();
            assertThat(out).extracting(f -> f.ruleId).containsExactlyInAnyOrder("novel-activity", "volume-spike", "bulk-object-download");
            Finding spikeFinding = out.stream().filter(f -> f.ruleId.equals("volume-spike")).findFirst().orElseThrow();
            assertThat(spikeFinding.facts).containsEntry("count", "101").containsEntry("baseline_mean", "10.0").containsEntry("z_score", "28.8");
            Finding novel = out.stream().filter(f -> f.ruleId.equals("novel-activity")).findFirst().orElseThrow();
            // alice has 1920 events of one kind; the population (bob and alice) came back with the snapshot
            assertThat(novel.facts).containsEntry("history_events", "2020").containsEntry("principals_in_model", "2");
            List<ScoredObservation> scores = new ArrayList<>();
            h.getSideOutput(KeyedDetectorsFunction.SCORES).forEach(r -> scores.add(r.getValue()));
            assertThat(scores).hasSize(101);
            assertThat(scores.get(100).reported).isTrue();
            assertThat(scores.get(0).scoreBits).isLessThan(0.1);
            // bulk-object-download: reported and forgotten; the baselines stay
            assertThat(keysWithState(h, BulkDownloadDetector.RULE_ID)).isZero();
            assertThat(keysWithState(h, VolumeSpikeDetector.RULE_ID)).isEqualTo(2);
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"heap", "rocksdb"})
    void thePopulationModelIsGivenToEverySubtaskAfterRescaling(String backend) throws Exception {
        OperatorSubtaskState snapshot;
        try (var h = harness(backend, 1, 0)) {
            h.open();
            eightDays(h);
            snapshot = h.snapshot(1, DAY0 + 8 * 24 * HOUR);
        }
        for (int subtask = 0; subtask < 2; subtask++) {
            OperatorSubtaskState part = AbstractStreamOperatorTestHarness.repartitionOperatorState(snapshot, MAX_PARALLELISM, 1, 2, subtask);
            NoveltyDetector probe;
            try (var h = harness(backend, 2, subtask)) {
                h.initializeState(part);
                h.open();
                @SuppressWarnings("unchecked")
                KeyedDetectorsFunction f = (KeyedDetectorsFunction) ((KeyedProcessOperator<String, AuditEvent, Finding>) h.getOperator()).getUserFunction();
                probe = f.detector(NoveltyDetector.class);
                assertThat(probe.model().principals).isEqualTo(2);
                assertThat(probe.model().principalsUsing.count(0, "GetObject")).isEqualTo(1);
                assertThat(probe.model().principalsUsing.count(0, "ListBuckets")).isEqualTo(1);
            }
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"heap", "rocksdb"})
    void theHourOfWeekHistogramSurvivesARestore(String backend) throws Exception {
        OperatorSubtaskState snapshot;
        try (var h = harness(backend, 1, 0)) {
            h.open();
            for (int day = 0; day < 21; day++) { // three weeks of office days, 09-17 UTC
                if (day % 7 >= 5) {
                    continue;
                }
                for (int hr = 9; hr < 17; hr++) {
                    send(h, aws("ec2.amazonaws.com", "DescribeInstances").principal(ALICE)
                            .at(Instant.ofEpochMilli(DAY0 + day * 24 * HOUR + hr * HOUR + 600_000)).build());
                }
                h.processWatermark(new Watermark(DAY0 + (day + 1) * 24 * HOUR));
            }
            snapshot = h.snapshot(1, DAY0 + 21 * 24 * HOUR);
        }
        try (var h = harness(backend, 1, 0)) {
            h.initializeState(snapshot);
            h.open();
            long night = DAY0 + 21 * 24 * HOUR + 22 * HOUR + 600_000; // Monday of week 4, 22:10
            send(h, aws("secretsmanager.amazonaws.com", "GetSecretValue").principal(ALICE).at(Instant.ofEpochMilli(night)).build());
            h.processWatermark(new Watermark(night + HOUR));
            List<Finding> out = new ArrayList<>(h.extractOutputValues());
            out.removeIf(f -> !f.ruleId.equals("after-hours-access"));
            assertThat(out).hasSize(1);
            assertThat(out.get(0).facts).containsEntry("hour_of_week", "Mon 22:00-23:00").containsEntry("share_of_earlier_weeks", "0.00")
                    .containsEntry("earlier_weeks", "2.5");
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"heap", "rocksdb"})
    void scoresAreOnlyWrittenWhenAskedFor(String backend) throws Exception {
        var h = new KeyedOneInputStreamOperatorTestHarness<>(new KeyedProcessOperator<>(new KeyedDetectorsFunction(detectors(), false)),
                DetectorKey::of, Types.STRING);
        h.setStateBackend(backend(backend));
        try (h) {
            h.open();
            send(h, aws("ec2.amazonaws.com", "DescribeInstances").build());
            ConcurrentLinkedQueue<StreamRecord<ScoredObservation>> side = h.getSideOutput(KeyedDetectorsFunction.SCORES);
            assertThat(side).isNull();
        }
    }
}
