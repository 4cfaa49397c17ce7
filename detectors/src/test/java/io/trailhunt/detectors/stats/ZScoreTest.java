package io.trailhunt.detectors.stats;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

class ZScoreTest {

    @Test
    void theObservedDeviationIsUsedWhenItIsLargest() {
        // mean 10, sd 5: (30 - 10) / 5 = 4
        assertThat(ZScore.of(30, 10, 5)).isEqualTo(4.0);
    }

    @Test
    void aFlatBaselineGetsThePoissonSpread() {
        // mean 4, sd 0.5: spread max(0.5, sqrt(4)=2) = 2, (20 - 4) / 2 = 8
        assertThat(ZScore.of(20, 4, 0.5)).isEqualTo(8.0);
        // always 12 an hour: 13 is (13 - 12) / sqrt(12) = 0.289 sigma, not 40
        assertThat(ZScore.of(13, 12, 0)).isCloseTo(1 / Math.sqrt(12), within(1e-9));
    }

    @Test
    void aBaselineOfNothingHasASpreadOfOne() {
        assertThat(ZScore.effectiveStdDev(0, 0)).isEqualTo(1.0);
        assertThat(ZScore.of(140, 0, 0)).isEqualTo(140.0);
    }
}
