package io.trailhunt.job.graph;

import io.trailhunt.detectors.scores.ScoredObservation;
import io.trailhunt.events.model.DeadLetter;
import io.trailhunt.events.model.Finding;
import org.apache.flink.streaming.api.datastream.DataStream;

/** Where the pipeline's outputs go; the job attaches its configured sinks, tests their own. */
public interface PipelineSinks {
    void findings(DataStream<Finding> findings);

    void deadLetters(DataStream<DeadLetter> deadLetters);

    /** The scored observations, when {@link PipelineSettings#scores()} asks for them. */
    default void scores(DataStream<ScoredObservation> scores) {
        throw new IllegalStateException("scored observations are wanted but these sinks have no place for them");
    }
}
