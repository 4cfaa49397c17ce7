package io.trailhunt.job.graph;

import org.junit.jupiter.api.Test;

import java.time.Duration;

import static org.assertj.core.api.Assertions.assertThat;

/** The advice is a value the configuration takes, never less than what was missing. */
class LateAdviceTest {
    private static long ms(Duration d) {
        return d.toMillis();
    }

    @Test
    void valuesAreRoundedUpToAUnitThatFitsTheirSize() {
        assertThat(LateAdvice.spell(1)).isEqualTo("1s");
        assertThat(LateAdvice.spell(ms(Duration.ofSeconds(59).plusMillis(1)))).isEqualTo("1m");
        assertThat(LateAdvice.spell(ms(Duration.ofMinutes(90).plusSeconds(1)))).isEqualTo("91m");
        assertThat(LateAdvice.spell(ms(Duration.ofHours(30).plusMillis(1)))).isEqualTo("31h");
        assertThat(LateAdvice.spell(ms(Duration.ofDays(7)))).isEqualTo("7d");
        assertThat(LateAdvice.spell(ms(Duration.ofDays(3955).plusHours(2)))).isEqualTo("3956d");
    }

    @Test
    void howFarBehindIsSaidToTheSecond() {
        assertThat(LateAdvice.behind(999)).isEqualTo("999ms");
        assertThat(LateAdvice.behind(ms(Duration.ofMinutes(5)))).isEqualTo("5m");
        assertThat(LateAdvice.behind(ms(Duration.ofDays(302).plusHours(3).plusMinutes(50).plusSeconds(13).plusMillis(999)))).isEqualTo("302d3h50m13s");
    }

    @Test
    void inputsWithDifferentLagsAreToldHowMuchToAdd() {
        assertThat(LateAdvice.keepAllWith(null, ms(Duration.ofMinutes(30)))).isEqualTo("max-out-of-orderness raised by 30m would have kept them all"
                + " (event-time.max-out-of-orderness, or the input's inputs[].max-out-of-orderness where set)");
        assertThat(LateAdvice.keepAllWith(Duration.ofHours(2), ms(Duration.ofDays(3955)))).startsWith("max-out-of-orderness: 3956d (now 2h)");
    }
}
