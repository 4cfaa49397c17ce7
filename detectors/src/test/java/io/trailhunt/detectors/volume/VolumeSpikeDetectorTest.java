package io.trailhunt.detectors.volume;

import io.trailhunt.detectors.RecordingContext;
import io.trailhunt.events.model.AuditEvent;
import io.trailhunt.events.model.Category;
import io.trailhunt.events.model.Finding;
import io.trailhunt.events.model.Severity;
import io.trailhunt.events.testing.EventBuilder;
import org.apache.flink.types.PojoTestUtils;
import org.junit.jupiter.api.Test;

import java.time.Instant;

import static io.trailhunt.events.testing.EventBuilder.aws;
import static io.trailhunt.events.testing.EventBuilder.gcp;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

class VolumeSpikeDetectorTest {
    private static final long HOUR = 3_600_000L;
    private static final long DAY0 = Instant.parse("2026-11-02T00:00:00Z").toEpochMilli();

    private final VolumeSpikeDetector detector = new VolumeSpikeDetector(VolumeSpikeSettings.defaults());
    private final RecordingContext ctx = new RecordingContext();

    private static AuditEvent read(long at) {
        return aws("s3.amazonaws.com", "GetObject").at(Instant.ofEpochMilli(at)).category(Category.DATA).resource("bucket", "b").build();
    }

    /** n data calls spread over the hour starting at {@code hourStart}, then the watermark passes the hour. */
    private VolumeState hour(VolumeState s, long hourStart, int n) {
        for (int i = 0; i < n; i++) {
            s = detector.onEvent(s, read(hourStart + i * (HOUR / Math.max(n, 1))), ctx);
        }
        return ctx.advanceTo(detector, s, hourStart + HOUR);
    }

    @Test
    void aSpikeAgainstASteadyHourlyBaselineHasTheHandComputedNumbers() {
        VolumeState s = null;
        for (int h = 0; h < 8 * 24; h++) { // eight days of exactly 10 data calls every hour
            s = hour(s, DAY0 + h * HOUR, 10);
        }
        assertThat(ctx.findings).isEmpty();
        long spikeHour = DAY0 + 8 * 24 * HOUR + 13 * HOUR; // 2026-11-10 13:00
        for (int h = 8 * 24; h < 8 * 24 + 13; h++) {
            s = hour(s, DAY0 + h * HOUR, 10);
        }
        s = hour(s, spikeHour, 100);
        assertThat(ctx.findings).hasSize(1);

        Finding f = ctx.findings.get(0);
        // baseline of 13:00 over 8 days: mean 10, sd 0, so the Poisson spread sqrt(10) = 3.162; z = 90 / 3.162 = 28.46
        assertThat(f.ruleId).isEqualTo("volume-spike");
        assertThat(f.severity).isEqualTo(Severity.MEDIUM);
        assertThat(f.mitre).containsExactly("T1530");
        assertThat(f.subject).isEqualTo("data");
        assertThat(f.title).isEqualTo("Volume spike: 100 data calls in one hour (usually 10.0)");
        assertThat(f.facts).containsEntry("class", "data").containsEntry("hour", "2026-11-10T13:00:00Z").containsEntry("count", "100")
                .containsEntry("baseline_mean", "10.0").containsEntry("baseline_stddev", "0.0").containsEntry("stddev_used", "3.2")
                .containsEntry("z_score", "28.5").containsEntry("baseline", "same hour of day")
                .containsEntry("confidence", "0.93"); // 1 - 4 / (2 x 28.5)
        // the first three and the last call of the hour
        assertThat(f.evidence).hasSize(4);
        assertThat(f.firstSeen).isEqualTo(spikeHour);
        assertThat(f.lastSeen).isEqualTo(spikeHour + 99 * 36_000L);
        assertThat(f.explanation).contains("made 100 data calls in the hour from 2026-11-10T13:00:00Z");

        // the spike enters the baseline clipped to mean + 4 sigma = 10 + 4 * 3.162 = 22.65: mean 10 + (2/15) * 12.65 = 11.69
        int seasonal = VolumeState.seasonal(ActionClass.DATA.ordinal(), 13);
        assertThat(s.baselines.mean(seasonal)).isCloseTo(10 + (2.0 / 15) * (4 * Math.sqrt(10)), within(1e-4));
        assertThat(s.samples).isEmpty();
    }

    @Test
    void idleHoursCountAsZeroSoTheUsualHourMattersAndTheSmallestCountToo() {
        VolumeState s = null;
        for (int d = 0; d < 8; d++) { // 30 calls at 09:00 each day, nothing else
            s = hour(s, DAY0 + d * 24 * HOUR + 9 * HOUR, 30);
        }
        long day8 = DAY0 + 8 * 24 * HOUR;
        s = hour(s, day8 + 9 * HOUR, 30);
        assertThat(ctx.findings).isEmpty();
        s = hour(s, day8 + 14 * HOUR, 24); // below min-count 25, though far above a baseline of zero
        assertThat(ctx.findings).isEmpty();
        hour(s, day8 + 15 * HOUR, 30);
        assertThat(ctx.findings).hasSize(1);
        assertThat(ctx.findings.get(0).facts).containsEntry("baseline_mean", "0.0").containsEntry("z_score", "30.0")
                .containsEntry("hour", "2026-11-10T15:00:00Z");
    }

    @Test
    void noJudgementBeforeAWeekOfHistory() {
        VolumeState s = null;
        for (int d = 0; d < 6; d++) {
            s = hour(s, DAY0 + d * 24 * HOUR + 9 * HOUR, 1);
        }
        hour(s, DAY0 + 6 * 24 * HOUR + 10 * HOUR, 500);
        assertThat(ctx.findings).isEmpty();
    }

    @Test
    void outOfOrderEventsJoinTheirOpenHourAndAFullRingClosesHoursWithoutTimers() {
        VolumeState s = null;
        for (int h = 0; h < 8 * 24; h++) {
            s = hour(s, DAY0 + h * HOUR, 1);
        }
        long t = DAY0 + 8 * 24 * HOUR;
        // hour t+1 starts before all of hour t has arrived; the watermark stays behind
        for (int i = 0; i < 40; i++) {
            s = detector.onEvent(s, read(t + HOUR + i * 1000L), ctx);
            s = detector.onEvent(s, read(t + i * 1000L), ctx);
        }
        s = detector.onEvent(s, gcp("storage.googleapis.com", "storage.objects.get").at(Instant.ofEpochMilli(t + 2 * HOUR)).category(Category.DATA).build(), ctx);
        s = detector.onEvent(s, read(t + 3 * HOUR), ctx);
        assertThat(ctx.findings).isEmpty(); // four hours open, nothing judged yet
        s = detector.onEvent(s, read(t + 4 * HOUR), ctx); // a fifth hour: the oldest is judged now
        assertThat(ctx.findings).hasSize(1);
        assertThat(ctx.findings.get(0).facts).containsEntry("count", "40").containsEntry("hour", "2026-11-10T00:00:00Z");
        assertThat(s.lastClosedHour).isEqualTo(t / HOUR);
    }

    @Test
    void classesAreApart() {
        assertThat(ActionClass.classify(aws("iam.amazonaws.com", "ListRoles").build())).isEqualTo(ActionClass.IAM);
        assertThat(ActionClass.classify(aws("ec2.amazonaws.com", "DescribeInstances").build())).isEqualTo(ActionClass.LIST);
        assertThat(ActionClass.classify(aws("ec2.amazonaws.com", "GetConsoleOutput").build())).isEqualTo(ActionClass.READ);
        EventBuilder write = aws("ec2.amazonaws.com", "RunInstances");
        write.build().readOnly = false;
        assertThat(ActionClass.classify(write.build())).isEqualTo(ActionClass.WRITE);
        assertThat(ActionClass.classify(gcp("compute.googleapis.com", "v1.compute.instances.list").build())).isEqualTo(ActionClass.LIST);
        assertThat(ActionClass.classify(gcp("compute.googleapis.com", "v1.compute.instances.insert").build())).isEqualTo(ActionClass.WRITE);
        assertThat(ActionClass.classify(gcp("storage.googleapis.com", "storage.objects.get").category(Category.DATA).build())).isEqualTo(ActionClass.DATA);
        assertThat(ActionClass.classify(EventBuilder.azure("Microsoft.Authorization", "Microsoft.Authorization/roleAssignments/write").build()))
                .isEqualTo(ActionClass.IAM);
    }

    @Test
    void stateIsAPojo() {
        PojoTestUtils.assertSerializedAsPojoWithoutKryo(VolumeState.class);
    }
}
