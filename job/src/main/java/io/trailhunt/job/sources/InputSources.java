package io.trailhunt.job.sources;

import io.trailhunt.events.decode.DecoderLimits;
import io.trailhunt.events.model.Decoded;
import io.trailhunt.job.config.FileInputSettings;
import io.trailhunt.job.config.InputSettings;
import io.trailhunt.job.config.KafkaInputSettings;
import io.trailhunt.job.config.KinesisInputSettings;
import org.apache.flink.api.connector.source.Source;

/** The Flink source for each kind of input. */
public final class InputSources {
    private InputSources() {}

    public static Source<Decoded, ?, ?> source(InputSettings in, DecoderLimits limits) {
        if (in instanceof KafkaInputSettings k) {
            return KafkaInputs.source(k, limits);
        }
        if (in instanceof KinesisInputSettings k) {
            return KinesisInputs.source(k, limits);
        }
        return FileInputs.source((FileInputSettings) in, limits);
    }
}
