package io.trailhunt.job.sources;

import io.trailhunt.events.decode.DecoderLimits;
import io.trailhunt.job.config.ConfigLoader;
import io.trailhunt.job.config.FileInputSettings;
import io.trailhunt.job.graph.FutureEvents;
import org.apache.flink.api.connector.source.Boundedness;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class FileInputsTest {
    @Test
    void aMonitoredInputIsContinuousAndAPlainOneBounded() {
        assertThat(FileInputs.source(new FileInputSettings("a", List.of("/tmp"), null), DecoderLimits.defaults(), FutureEvents.of(ConfigLoader.defaults())).getBoundedness())
                .isEqualTo(Boundedness.BOUNDED);
        assertThat(FileInputs.source(new FileInputSettings("b", List.of("/tmp"), Duration.ofSeconds(30)), DecoderLimits.defaults(), FutureEvents.of(ConfigLoader.defaults())).getBoundedness())
                .isEqualTo(Boundedness.CONTINUOUS_UNBOUNDED);
    }
}
