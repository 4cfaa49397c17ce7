package io.trailhunt.detectors.stats;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

class InformationContentTest {

    @Test
    void bitsAreMinusLogTwo() {
        assertThat(InformationContent.bits(1)).isEqualTo(0.0);
        assertThat(InformationContent.bits(0.5)).isEqualTo(1.0);
        assertThat(InformationContent.bits(0.25)).isEqualTo(2.0);
        assertThat(InformationContent.bits(1.0 / 1024)).isCloseTo(10.0, within(1e-12));
        assertThatThrownBy(() -> InformationContent.bits(0)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void laplaceSmoothingKeepsOneSlotForEveryUnseenValue() {
        // 6 observations of 2 distinct values, pseudo-count 1: denominator 6 + 1 * (2 + 1) = 9
        assertThat(InformationContent.laplace(0, 6, 2, 1)).isCloseTo(1.0 / 9, within(1e-12));
        assertThat(InformationContent.laplace(3, 6, 2, 1)).isCloseTo(4.0 / 9, within(1e-12));
        // log2(9) = 3.1699 bits for a value never seen
        assertThat(InformationContent.bits(InformationContent.laplace(0, 6, 2, 1))).isCloseTo(3.169925, within(1e-6));
        // nothing seen at all: the unseen slot has everything
        assertThat(InformationContent.laplace(0, 0, 0, 1)).isEqualTo(1.0);
    }

    @Test
    void aPriorWeighsAsManyEventsAsItsStrength() {
        // never used by a principal with 90 events, a tenth of everyone's, strength 10: (0 + 1) / 100
        assertThat(InformationContent.withPrior(0, 90, 0.1, 10)).isCloseTo(0.01, within(1e-12));
        assertThat(InformationContent.bits(InformationContent.withPrior(0, 90, 0.1, 10))).isCloseTo(6.643856, within(1e-6));
        // used 5 times: (5 + 5) / 100 = 0.1, 3.32 bits
        assertThat(InformationContent.bits(InformationContent.withPrior(5, 90, 0.5, 10))).isCloseTo(3.321928, within(1e-6));
        // no history at all: the prior alone
        assertThat(InformationContent.withPrior(0, 0, 0.25, 10)).isEqualTo(0.25);
    }
}
