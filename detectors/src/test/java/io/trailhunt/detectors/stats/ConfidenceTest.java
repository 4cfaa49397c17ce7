package io.trailhunt.detectors.stats;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

class ConfidenceTest {
    @ParameterizedTest
    @CsvSource({
        "100, 100, 0.5",
        "140, 100, 0.642857",
        "200, 100, 0.75",
        "1000, 100, 0.95",
        "50, 100, 0.5", // not past it (a peak under its own threshold beside another's)
        "3, 0, 1"})
    void overAThresholdItRisesFromOneHalfTowardsOne(double measure, double threshold, double confidence) {
        assertThat(Confidence.over(measure, threshold)).isCloseTo(confidence, within(1e-6));
    }

    @ParameterizedTest
    @CsvSource({"0, 0.2, 1", "0.1, 0.2, 0.75", "0.2, 0.2, 0.5", "0.5, 0.2, 0.5"})
    void underALimitItIsOneAtZeroAndOneHalfAtTheLimit(double share, double limit, double confidence) {
        assertThat(Confidence.under(share, limit)).isCloseTo(confidence, within(1e-6));
    }
}
