package io.trailhunt.detectors.stats;

import org.apache.flink.types.PojoTestUtils;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class SlotCountsTest {
    private static final long MINUTE = 60_000L;
    private static final long T0 = 1_793_000_000_000L - Math.floorMod(1_793_000_000_000L, 5 * MINUTE); // a slot boundary

    @Test
    void countsAndSumsOverTheLastTwelveSlots() {
        SlotCounts s = new SlotCounts(12, 5 * MINUTE);
        s.add(T0, 1, 100);
        s.add(T0 + 4 * MINUTE, 1, 50);
        s.add(T0 + 59 * MINUTE, 1, 7);
        assertThat(s.count(T0 + 59 * MINUTE)).isEqualTo(3);
        assertThat(s.sum(T0 + 59 * MINUTE)).isEqualTo(157);
        assertThat(s.oldestStart(T0 + 59 * MINUTE)).isEqualTo(T0);
        // one slot later the first slot has left the window
        s.add(T0 + 60 * MINUTE, 1, 1);
        assertThat(s.count(T0 + 60 * MINUTE)).isEqualTo(2);
        assertThat(s.sum(T0 + 60 * MINUTE)).isEqualTo(8);
    }

    @Test
    void aCoveringRingCountsTheWholeWindowAndAtMostOneSlotMore() {
        SlotCounts s = SlotCounts.covering(60 * MINUTE, 12); // 13 slots of 5 minutes
        assertThat(s.slots).hasSize(13);
        assertThat(s.slotMillis).isEqualTo(5 * MINUTE);
        s.add(T0 + 4 * MINUTE + 59_000, 1, 0); // 00:04:59, the end of slot 0
        s.add(T0 + 63 * MINUTE + 19_000, 1, 0); // 58m20s later: twelve slots of five minutes would miss the first
        assertThat(s.count(T0 + 63 * MINUTE + 19_000)).isEqualTo(2);
        s.add(T0 + 64 * MINUTE + 59_000, 1, 0); // 65 minutes less a second after slot 0 opened: still counted
        assertThat(s.count(T0 + 64 * MINUTE + 59_000)).isEqualTo(3);
        s.add(T0 + 65 * MINUTE, 1, 0); // slot 13: slot 0 has left
        assertThat(s.count(T0 + 65 * MINUTE)).isEqualTo(3);
    }

    @Test
    void outOfOrderEventsJoinTheirSlotUnlessTheyAreOlderThanTheWindow() {
        SlotCounts s = new SlotCounts(12, 5 * MINUTE);
        s.add(T0 + 30 * MINUTE, 1, 0);
        assertThat(s.add(T0 + 10 * MINUTE, 1, 0)).isTrue();
        assertThat(s.count(T0 + 30 * MINUTE)).isEqualTo(2);
        s.add(T0 + 80 * MINUTE, 1, 0);
        assertThat(s.add(T0 + 20 * MINUTE, 1, 0)).isFalse(); // its slot has left the newest window
        assertThat(s.count(T0 + 80 * MINUTE)).isEqualTo(2);
        assertThat(s.isEmpty(T0 + 200 * MINUTE)).isTrue();
    }

    @Test
    void isAPojo() {
        PojoTestUtils.assertSerializedAsPojoWithoutKryo(SlotCounts.class);
    }
}
