package io.trailhunt.detectors.host;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class TimerOwnersTest {
    @Test
    void eachTimeKnowsWhoAskedForIt() {
        TimerOwners o = new TimerOwners();
        assertThat(o.add(3_000, 2)).isTrue();
        assertThat(o.add(1_000, 0)).isTrue();
        assertThat(o.add(3_000, 5)).isTrue();
        assertThat(o.add(3_000, 2)).isFalse(); // asked again: nothing to write back
        assertThat(o.times).containsExactly(1_000, 3_000);

        assertThat(o.takeUpTo(1_000)).isEqualTo(1L);
        assertThat(o.takeUpTo(3_000)).isEqualTo((1L << 2) | (1L << 5));
        assertThat(o.isEmpty()).isTrue();
    }

    @Test
    void aTimeNobodyRecordedReachesEveryDetectorAndForgetsWhatFiredBefore() {
        TimerOwners o = new TimerOwners();
        o.add(1_000, 1);
        o.add(5_000, 1);
        assertThat(o.takeUpTo(2_000)).isEqualTo(-1L);
        assertThat(o.times).containsExactly(5_000);
    }
}
