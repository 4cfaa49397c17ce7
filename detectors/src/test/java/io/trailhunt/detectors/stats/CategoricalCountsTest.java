package io.trailhunt.detectors.stats;

import org.apache.flink.types.PojoTestUtils;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class CategoricalCountsTest {

    @Test
    void componentsAreCountedApart() {
        CategoricalCounts c = new CategoricalCounts(2);
        assertThat(c.add(0, "GetObject", 1, 10, 1000)).isTrue();
        assertThat(c.add(0, "GetObject", 1, 10, 1000)).isFalse();
        assertThat(c.add(1, "GetObject", 1, 10, 1000)).isTrue(); // same text, other component
        assertThat(c.count(0, "GetObject")).isEqualTo(2);
        assertThat(c.count(1, "GetObject")).isEqualTo(1);
        assertThat(c.total(0)).isEqualTo(2);
        assertThat(c.distinct(0)).isEqualTo(1);
    }

    @Test
    void aNewValueBeyondTheCapEvictsTheLeastCounted() {
        CategoricalCounts c = new CategoricalCounts(1);
        c.add(0, "a", 3, 2, 1000);
        c.add(0, "b", 1, 2, 1000);
        c.add(0, "c", 1, 2, 1000);
        assertThat(c.count(0, "b")).isZero();
        assertThat(c.count(0, "a")).isEqualTo(3);
        assertThat(c.count(0, "c")).isEqualTo(1);
        assertThat(c.distinct(0)).isEqualTo(2);
        assertThat(c.total(0)).isEqualTo(4);
    }

    @Test
    void reachingTheTotalHalvesTheCountsAndForgetsTheRarest() {
        CategoricalCounts c = new CategoricalCounts(1);
        c.add(0, "a", 6, 10, 8);
        c.add(0, "b", 1, 10, 8);
        c.add(0, "c", 1, 10, 8); // total 8: halve: a 3, b 0 (gone), c 0 (gone)
        assertThat(c.count(0, "a")).isEqualTo(3);
        assertThat(c.count(0, "b")).isZero();
        assertThat(c.total(0)).isEqualTo(3);
        assertThat(c.distinct(0)).isEqualTo(1);
    }

    @Test
    void isAPojo() {
        PojoTestUtils.assertSerializedAsPojoWithoutKryo(CategoricalCounts.class);
    }
}
