package io.trailhunt.job.config;

import io.trailhunt.cep.SequencePattern;
import io.trailhunt.detectors.Detector;
import io.trailhunt.detectors.suppress.SuppressionSettings;
import io.trailhunt.enrichment.geoip.GeoIpSettings;
import io.trailhunt.events.decode.DecoderLimits;

import java.io.Serializable;
import java.util.List;

/** The whole configuration file, validated and typed. Built by {@link ConfigLoader}. */
public record TrailhuntConfig(
        List<InputSettings> inputs,
        OutputSettings findings,
        OutputSettings deadLetters,
        DecoderLimits decoding,
        EventTimeSettings eventTime,
        SuppressionSettings suppression,
        GeoIpSettings geoip,
        List<Detector<?>> detectors,
        List<SequencePattern> sequences) implements Serializable {

    public boolean bounded() {
        return inputs.stream().allMatch(InputSettings::bounded);
    }

    public TrailhuntConfig withInputs(List<InputSettings> newInputs) {
        return new TrailhuntConfig(newInputs, findings, deadLetters, decoding, eventTime, suppression, geoip, detectors, sequences);
    }

    public TrailhuntConfig withOutputs(OutputSettings newFindings, OutputSettings newDeadLetters) {
        return new TrailhuntConfig(inputs, newFindings, newDeadLetters, decoding, eventTime, suppression, geoip, detectors, sequences);
    }

    public TrailhuntConfig withGeoIp(GeoIpSettings newGeoIp) {
        return new TrailhuntConfig(inputs, findings, deadLetters, decoding, eventTime, suppression, newGeoIp, detectors, sequences);
    }

    public TrailhuntConfig withSequences(List<SequencePattern> newSequences) {
        return new TrailhuntConfig(inputs, findings, deadLetters, decoding, eventTime, suppression, geoip, detectors, newSequences);
    }
}
