package io.trailhunt.job.config;

import io.trailhunt.cep.SequencePattern;
import io.trailhunt.detectors.Detector;
import io.trailhunt.detectors.suppress.SuppressionSettings;
import io.trailhunt.events.decode.DecoderLimits;

import java.io.Serializable;
import java.util.List;

/** The whole configuration file, validated and typed. Built by {@link ConfigLoader}. */
public record TrailhuntConfig(
        List<FileInputSettings> inputs,
        OutputSettings findings,
        OutputSettings deadLetters,
        DecoderLimits decoding,
        EventTimeSettings eventTime,
        SuppressionSettings suppression,
        List<Detector<?>> detectors,
        List<SequencePattern> sequences) implements Serializable {

    public boolean bounded() {
        return inputs.stream().allMatch(FileInputSettings::bounded);
    }

    public TrailhuntConfig withInputs(List<FileInputSettings> newInputs) {
        return new TrailhuntConfig(newInputs, findings, deadLetters, decoding, eventTime, suppression, detectors, sequences);
    }

    public TrailhuntConfig withOutputs(OutputSettings newFindings, OutputSettings newDeadLetters) {
        return new TrailhuntConfig(inputs, newFindings, newDeadLetters, decoding, eventTime, suppression, detectors, sequences);
    }
}
