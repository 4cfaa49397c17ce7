package io.trailhunt.detectors.stats;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

class ConfidenceTest {
    @Test
    void overAThresholdItRisesFromOneHalfTowardsOne() {
        assertThat(Confidence.over(100, 100)).isEqualTo(0.5);
        assertThat(Confidence.over(140, 100)).isCloseTo(0.642857, within(1e-6));
        assertThat(Confidence.over(200, 100)).isEqualTo(0.75);
        assertThat(Confidence.over(1000, 100)).isEqualTo(0.95);
        assertThat(Confidence.over(50, 100)).isEqualTo(0.5); // not past it (a peak under its own threshold beside another's)
        assertThat(Confidence.over(3, 0)).isEqualTo(1);
    }

    @Test
    void underALimitItIsOneAtZeroAndOneHalfAtTheLimit() {
        assertThat(Confidence.under(0, 0.2)).isEqualTo(1);
        assertThat(Confidence.under(0.1, 0.2)).isCloseTo(0.75, within(1e-9));
        assertThat(Confidence.under(0.2, 0.2)).isEqualTo(0.5);
        assertThat(Confidence.under(0.5, 0.2)).isEqualTo(0.5);
    }
}
