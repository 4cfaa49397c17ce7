package io.trailhunt.job.graph;

import io.trailhunt.cep.SequencePattern;
import io.trailhunt.detectors.Detector;
import io.trailhunt.detectors.risk.RiskSettings;
import io.trailhunt.detectors.suppress.SuppressionSettings;
import io.trailhunt.enrichment.geoip.GeoIpSettings;
import io.trailhunt.job.config.EventTimeSettings;
import io.trailhunt.job.config.StateSettings;
import io.trailhunt.job.config.TrailhuntConfig;

import java.util.List;

/**
 * What the graph itself needs from the configuration (sources and sinks are built outside it).
 *
 * @param scores whether scored observations are written (an {@code outputs.scores} is configured)
 */
public record PipelineSettings(
        EventTimeSettings eventTime, int deadLetterPrefixBytes, GeoIpSettings geoip, SuppressionSettings suppression, List<Detector<?>> detectors,
        List<SequencePattern> sequences, RiskSettings principalRisk, boolean scores, StateSettings state) {

    public static PipelineSettings of(TrailhuntConfig config) {
        return new PipelineSettings(config.eventTime(), config.decoding().deadLetterPrefixBytes, config.geoip(), config.suppression(), config.detectors(),
                config.sequences(), config.principalRisk(), config.scores() != null, config.state());
    }

    public PipelineSettings withSequences(List<SequencePattern> newSequences) {
        return new PipelineSettings(eventTime, deadLetterPrefixBytes, geoip, suppression, detectors, newSequences, principalRisk, scores, state);
    }
}
