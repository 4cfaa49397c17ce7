package io.trailhunt.detectors.host;

import io.trailhunt.detectors.Detector;
import io.trailhunt.detectors.download.BulkDownloadDetector;
import io.trailhunt.detectors.download.BulkDownloadSettings;
import io.trailhunt.detectors.enumeration.BucketEnumerationDetector;
import io.trailhunt.detectors.enumeration.BucketEnumerationSettings;
import io.trailhunt.events.model.AuditEvent;
import io.trailhunt.events.model.Category;
import io.trailhunt.events.model.Finding;
import io.trailhunt.events.model.PrincipalType;
import io.trailhunt.events.model.Severity;
import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.runtime.checkpoint.OperatorSubtaskState;
import org.apache.flink.runtime.state.VoidNamespace;
import org.apache.flink.streaming.api.operators.KeyedProcessOperator;
import org.apache.flink.streaming.api.watermark.Watermark;
import org.apache.flink.streaming.runtime.streamrecord.StreamRecord;
import org.apache.flink.streaming.util.KeyedOneInputStreamOperatorTestHarness;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

import static io.trailhunt.events.testing.EventBuilder.BEGINNING;
import static io.trailhunt.events.testing.EventBuilder.aws;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * bucket-enumeration and bulk-object-download in the Flink host, in event time (events held until
 * the watermark passes them, as in the job), on both state backends: a burst is reported by its
 * timer when the quiet period is over, anonymous callers are counted per address, and a window
 * half full at a savepoint is completed after the restore.
 */
class StorageBurstsInEventTimeTest {
    private static final long T0 = BEGINNING.toEpochMilli(); // 2026-11-02 09:00
    private static final long MINUTE = 60_000L;
    private static final String DAVE = "arn:aws:iam::111122223333:user/dave";
    private static final String[] BUCKETS = {"acme-backup", "acme-db-dumps", "acme-finance", "acme-hr", "acme-payroll", "acme-prod-logs"};

    private static KeyedOneInputStreamOperatorTestHarness<String, AuditEvent, Finding> harness(String backend) throws Exception {
        List<Detector<?>> detectors = List.of(new BulkDownloadDetector(BulkDownloadSettings.defaults()),
                new BucketEnumerationDetector(BucketEnumerationSettings.defaults()));
        var h = new KeyedOneInputStreamOperatorTestHarness<>(new KeyedProcessOperator<>(new KeyedDetectorsFunction(detectors, false, true)),
                DetectorKey::of, Types.STRING);
        h.getExecutionConfig().disableGenericTypes();
        h.setStateBackend(BaselinesAcrossRestoreTest.backend(backend));
        return h;
    }

    /** The event, then the watermark at its time. */
    private static void feed(KeyedOneInputStreamOperatorTestHarness<String, AuditEvent, Finding> h, AuditEvent e) throws Exception {
        h.processElement(new StreamRecord<>(e, e.eventTime));
        h.processWatermark(new Watermark(e.eventTime));
    }

    private static long keysWithState(KeyedOneInputStreamOperatorTestHarness<String, AuditEvent, Finding> h, String ruleId) {
        try (var keys = h.getOperator().getKeyedStateBackend().getKeys(KeyedDetectorsFunction.stateName(ruleId), VoidNamespace.INSTANCE)) {
            return keys.count();
        }
    }

    private static AuditEvent refused(long at, String bucket, String ip, boolean anonymous) {
        var b = aws("s3.amazonaws.com", "ListObjects").at(Instant.ofEpochMilli(at)).category(Category.DATA).resource("bucket", bucket)
                .ip(ip).failed("AccessDenied");
        return anonymous ? b.principal("anonymous").principalType(PrincipalType.ANONYMOUS).build() : b.principal(DAVE).build();
    }

    private static AuditEvent read(long at, int i) {
        return aws("s3.amazonaws.com", "GetObject").at(Instant.ofEpochMilli(at)).category(Category.DATA).principal(DAVE)
                .resource("bucket", "acme-customer-exports").resource("objectKey", "exports/customers-" + i + ".csv.gz")
                .param("additional.bytesTransferredOut", "3000000").ip("175.16.199.20").build();
    }

    @ParameterizedTest
    @ValueSource(strings = {"heap", "rocksdb"})
    void aScannersBurstIsReportedByItsTimerOnceQuietAndEachAddressCountsAlone(String backend) throws Exception {
        try (var h = harness(backend)) {
            h.open();
            // two addresses, three refusals each: six buckets for "anonymous", but never more than five per actor
            for (int i = 0; i < 3; i++) {
                feed(h, refused(T0 + i * 10_000L, BUCKETS[i], "45.155.205.233", true));
                feed(h, refused(T0 + i * 10_000L + 5_000, BUCKETS[i + 3], "185.220.101.7", true));
            }
            // the first address goes on: six refused buckets by 09:00:50
            for (int i = 3; i < 6; i++) {
                feed(h, refused(T0 + i * 10_000L, BUCKETS[i], "45.155.205.233", true));
            }
            h.processWatermark(new Watermark(T0 + 10 * MINUTE + 49_999)); // quiet for 10 minutes less a second
            assertThat(h.extractOutputValues()).isEmpty();
            h.processWatermark(new Watermark(T0 + 11 * MINUTE)); // the quiet period is over; the timer falls on the next whole minute
            List<Finding> out = h.extractOutputValues();
            assertThat(out).hasSize(1);
            Finding f = out.get(0);
            assertThat(f.subject).isEqualTo("refused-buckets@45.155.205.233");
            assertThat(f.severity).isEqualTo(Severity.MEDIUM);
            assertThat(f.facts).containsEntry("refused_buckets_per_window", "6").containsEntry("calls", "6")
                    .containsEntry("first_call", "2026-11-02T09:00:00Z").containsEntry("last_call", "2026-11-02T09:00:50Z")
                    .containsEntry("refused_buckets", String.join(", ", BUCKETS));
            assertThat(keysWithState(h, BucketEnumerationDetector.RULE_ID)).isEqualTo(2);
            // a window after each address's last call, its state is gone
            h.processWatermark(new Watermark(T0 + 66 * MINUTE)); // 10:00:50, rounded up to the next five-minute slot
            assertThat(keysWithState(h, BucketEnumerationDetector.RULE_ID)).isZero();
            assertThat(h.extractOutputValues()).hasSize(1); // the second address was never reported
        }
    }

    /** Feeds {@code before}, restores its savepoint into a new operator, feeds {@code after} and the watermark {@code until}. */
    private static List<Finding> acrossASavepoint(String backend, List<AuditEvent> before, List<AuditEvent> after, long until) throws Exception {
        OperatorSubtaskState snapshot;
        try (var h = harness(backend)) {
            h.open();
            for (AuditEvent e : before) {
                feed(h, e);
            }
            assertThat(h.extractOutputValues()).isEmpty();
            snapshot = h.snapshot(1L, before.get(before.size() - 1).eventTime);
        }
        try (var h = harness(backend)) {
            h.initializeState(snapshot);
            h.open();
            for (AuditEvent e : after) {
                feed(h, e);
            }
            h.processWatermark(new Watermark(until));
            return h.extractOutputValues();
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"heap", "rocksdb"})
    void refusalsBeforeASavepointCountWithThoseAfterIt(String backend) throws Exception {
        List<AuditEvent> before = new ArrayList<>();
        List<AuditEvent> after = new ArrayList<>();
        for (int i = 0; i < 6; i++) { // three refused buckets by 09:00:40, three more from 09:03:00
            (i < 3 ? before : after).add(refused(T0 + (i < 3 ? 0 : 2 * MINUTE) + i * 20_000L, BUCKETS[i], "175.16.199.20", false));
        }
        List<Finding> out = acrossASavepoint(backend, before, after, T0 + 30 * MINUTE);
        assertThat(out).hasSize(1);
        assertThat(out.get(0).severity).isEqualTo(Severity.HIGH); // an identity refused on six buckets
        assertThat(out.get(0).facts).containsEntry("refused_buckets_per_window", "6").containsEntry("calls", "6")
                .containsEntry("first_call", "2026-11-02T09:00:00Z").containsEntry("last_call", "2026-11-02T09:03:40Z");
        assertThat(out.get(0).evidence).hasSize(6);
    }

    @ParameterizedTest
    @ValueSource(strings = {"heap", "rocksdb"})
    void aDownloadWindowHalfFullAtASavepointIsCompletedAfterTheRestore(String backend) throws Exception {
        List<AuditEvent> before = new ArrayList<>();
        List<AuditEvent> after = new ArrayList<>();
        for (int i = 0; i < 60; i++) {
            before.add(read(T0 + i * 4_000L, i)); // 09:00:00 - 09:03:56, under the threshold
            after.add(read(T0 + 30 * MINUTE + i * 4_000L, 60 + i)); // 09:30:00 - 09:33:56: 120 reads within the hour
        }
        List<Finding> out = acrossASavepoint(backend, before, after, T0 + 60 * MINUTE);
        assertThat(out).hasSize(1);
        assertThat(out.get(0).ruleId).isEqualTo("bulk-object-download");
        assertThat(out.get(0).facts).containsEntry("reads", "120").containsEntry("bytes", "360000000")
                .containsEntry("peak_reads_per_window", "120").containsEntry("first_read", "2026-11-02T09:00:00Z")
                .containsEntry("last_read", "2026-11-02T09:33:56Z");
        // the first read of 09:00, kept through the savepoint, opens the evidence
        assertThat(out.get(0).evidence.get(0).details).containsEntry("objectKey", "exports/customers-0.csv.gz");
    }
}
