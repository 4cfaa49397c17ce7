package io.trailhunt.detectors.stats;

import org.apache.flink.types.PojoTestUtils;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.time.ZoneId;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

class HourOfWeekTest {
    private static final ZoneId UTC = ZoneId.of("UTC");
    private static final ZoneId STOCKHOLM = ZoneId.of("Europe/Stockholm");

    private static long t(String iso) {
        return Instant.parse(iso).toEpochMilli();
    }

    @Test
    void slotsCountHoursFromMondayMidnightInTheZone() {
        assertThat(HourOfWeek.slot(t("2026-11-02T09:00:00Z"), UTC)).isEqualTo(9); // Monday
        assertThat(HourOfWeek.slot(t("2026-11-02T09:00:00Z"), STOCKHOLM)).isEqualTo(10); // CET, UTC+1
        assertThat(HourOfWeek.slot(t("2026-11-08T23:30:00Z"), UTC)).isEqualTo(167); // Sunday
        assertThat(HourOfWeek.slot(t("2026-11-08T23:30:00Z"), STOCKHOLM)).isZero(); // already Monday there
        assertThat(HourOfWeek.week(t("2026-11-08T23:30:00Z"), STOCKHOLM)).isEqualTo(HourOfWeek.week(t("2026-11-09T08:00:00Z"), UTC));
        assertThat(HourOfWeek.week(t("2026-11-08T23:30:00Z"), UTC)).isEqualTo(HourOfWeek.week(t("2026-11-02T00:00:00Z"), UTC));
        assertThat(HourOfWeek.offset(0, -1)).isEqualTo(167);
        assertThat(HourOfWeek.describe(9)).isEqualTo("Mon 09:00-10:00");
        assertThat(HourOfWeek.describe(167)).isEqualTo("Sun 23:00-24:00");
    }

    @Test
    void theHistogramCountsWeeksNotCallsAndFadesOlderWeeks() {
        HourOfWeekHistogram h = new HourOfWeekHistogram();
        double decay = 0.5;
        // week 1: Monday 09:xx, twice: one mark
        assertThat(h.record(t("2026-11-02T09:10:00Z"), UTC, decay)).isTrue();
        assertThat(h.record(t("2026-11-02T09:50:00Z"), UTC, decay)).isFalse();
        assertThat(h.weeks).isEqualTo(1f);
        assertThat(h.activeWeeks[9]).isEqualTo(1f);
        assertThat(h.shareBefore(9)).isZero(); // no earlier week

        // week 2: Monday 09:30. By hand: counts halve (0.5), weeks 0.5 + 1 = 1.5, mark: 1.5
        h.record(t("2026-11-09T09:30:00Z"), UTC, decay);
        assertThat(h.weeks).isEqualTo(1.5f);
        assertThat(h.activeWeeks[9]).isEqualTo(1.5f);
        assertThat(h.shareBefore(9)).isCloseTo(1.0, within(1e-6)); // (1.5 - 1) / (1.5 - 1)
        assertThat(h.shareBefore(10)).isZero();

        // week 3: Tuesday 03:00 only. active[9] 0.75, weeks 1.75; slot 27 marked this week
        h.record(t("2026-11-17T03:00:00Z"), UTC, decay);
        assertThat(h.earlierWeeks()).isCloseTo(0.75, within(1e-6));
        assertThat(h.shareBefore(9)).isCloseTo(1.0, within(1e-6)); // 0.75 / 0.75
        assertThat(h.shareBefore(27)).isZero(); // the event does not vouch for itself

        // an event of an earlier week, arriving late, is not learned
        assertThat(h.record(t("2026-11-10T03:00:00Z"), UTC, decay)).isFalse();
        assertThat(h.activeWeeks[27 + 0]).isEqualTo(1f);
    }

    @Test
    void isAPojo() {
        PojoTestUtils.assertSerializedAsPojoWithoutKryo(HourOfWeekHistogram.class);
    }
}
