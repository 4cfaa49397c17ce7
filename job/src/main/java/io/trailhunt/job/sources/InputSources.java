package io.trailhunt.job.sources;

import io.trailhunt.events.decode.DecoderLimits;
import io.trailhunt.events.model.Decoded;
import io.trailhunt.job.config.FileInputSettings;
import io.trailhunt.job.config.InputSettings;
import io.trailhunt.job.config.KafkaInputSettings;
import io.trailhunt.job.config.KinesisInputSettings;
import io.trailhunt.job.graph.FutureEvents;
import org.apache.flink.api.connector.source.Source;

/** The Flink source for each kind of input. */
public final class InputSources {
    private InputSources() {}

    public static Source<Decoded, ?, ?> source(InputSettings in, DecoderLimits limits, FutureEvents future) {
        if (in instanceof KafkaInputSettings k) {
            return KafkaInputs.source(k, limits, future);
        }
        if (in instanceof KinesisInputSettings k) {
            return KinesisInputs.source(k, limits, future);
        }
        return FileInputs.source((FileInputSettings) in, limits, future);
    }
}
