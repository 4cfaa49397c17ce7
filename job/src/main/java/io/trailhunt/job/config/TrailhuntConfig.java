package io.trailhunt.job.config;

import io.trailhunt.cep.SequencePattern;
import io.trailhunt.detectors.Detector;
import io.trailhunt.detectors.risk.RiskSettings;
import io.trailhunt.detectors.suppress.SuppressionSettings;
import io.trailhunt.enrichment.geoip.GeoIpSettings;
import io.trailhunt.events.decode.DecoderLimits;

import java.io.Serializable;
import java.util.List;

/**
 * The whole configuration file, validated and typed. Built by {@link ConfigLoader}.
 *
 * @param scores where scored observations go ({@code outputs.scores}); null when they are not written
 * @param principalRisk settings of principal-risk, which adds up findings rather than events
 * @param state how the keyed rules keep their state ({@code state})
 */
public record TrailhuntConfig(
        List<InputSettings> inputs,
        OutputSettings findings,
        OutputSettings deadLetters,
        DecoderLimits decoding,
        EventTimeSettings eventTime,
        SuppressionSettings suppression,
        GeoIpSettings geoip,
        List<Detector<?>> detectors,
        List<SequencePattern> sequences,
        OutputSettings scores,
        RiskSettings principalRisk,
        StateSettings state) implements Serializable {

    public boolean bounded() {
        return inputs.stream().allMatch(InputSettings::bounded);
    }

    public TrailhuntConfig withInputs(List<InputSettings> newInputs) {
        return new TrailhuntConfig(newInputs, findings, deadLetters, decoding, eventTime, suppression, geoip, detectors, sequences, scores, principalRisk, state);
    }

    public TrailhuntConfig withOutputs(OutputSettings newFindings, OutputSettings newDeadLetters) {
        return new TrailhuntConfig(inputs, newFindings, newDeadLetters, decoding, eventTime, suppression, geoip, detectors, sequences, scores, principalRisk, state);
    }

    public TrailhuntConfig withScores(OutputSettings newScores) {
        return new TrailhuntConfig(inputs, findings, deadLetters, decoding, eventTime, suppression, geoip, detectors, sequences, newScores, principalRisk, state);
    }

    public TrailhuntConfig withGeoIp(GeoIpSettings newGeoIp) {
        return new TrailhuntConfig(inputs, findings, deadLetters, decoding, eventTime, suppression, newGeoIp, detectors, sequences, scores, principalRisk, state);
    }

    public TrailhuntConfig withSequences(List<SequencePattern> newSequences) {
        return new TrailhuntConfig(inputs, findings, deadLetters, decoding, eventTime, suppression, geoip, detectors, newSequences, scores, principalRisk, state);
    }
}
