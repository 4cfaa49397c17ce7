package io.trailhunt.detectors.stats;

import org.apache.flink.types.PojoTestUtils;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

class EwmaTableTest {

    @Test
    void meanAndVarianceFollowTheIncrementalFormula() {
        EwmaTable t = new EwmaTable(2);
        // alpha 0.5 over 2, 4, 0, by hand:
        // x=2: mean 2, variance 0 (the first value seeds the mean)
        // x=4: d=2, mean 2+0.5*2=3, variance 0.5*(0+2*1)=1
        // x=0: d=-3, mean 3-1.5=1.5, variance 0.5*(1+(-3)*(-1.5))=2.75
        t.update(0, 2, 0.5);
        assertThat(t.mean(0)).isEqualTo(2.0);
        assertThat(t.stdDev(0)).isEqualTo(0.0);
        t.update(0, 4, 0.5);
        assertThat(t.mean(0)).isEqualTo(3.0);
        assertThat(t.stdDev(0)).isEqualTo(1.0);
        t.update(0, 0, 0.5);
        assertThat(t.mean(0)).isEqualTo(1.5);
        assertThat(t.stdDev(0)).isCloseTo(Math.sqrt(2.75), within(1e-6));
        assertThat(t.count(0)).isEqualTo(3);
        assertThat(t.count(1)).isZero(); // entries are independent
    }

    @Test
    void aConstantSeriesHasNoVarianceAndTheMeanConverges() {
        EwmaTable t = new EwmaTable(1);
        for (int i = 0; i < 50; i++) {
            t.update(0, 12, EwmaTable.alphaForSpan(10));
        }
        assertThat(t.mean(0)).isCloseTo(12.0, within(1e-5));
        assertThat(t.stdDev(0)).isCloseTo(0.0, within(1e-5));
    }

    @Test
    void alphaMatchesTheSpan() {
        assertThat(EwmaTable.alphaForSpan(3)).isEqualTo(0.5);
        assertThat(EwmaTable.alphaForSpan(336)).isCloseTo(2.0 / 337, within(1e-12));
        assertThatThrownBy(() -> EwmaTable.alphaForSpan(0.5)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void isAPojo() {
        PojoTestUtils.assertSerializedAsPojoWithoutKryo(EwmaTable.class);
    }
}
