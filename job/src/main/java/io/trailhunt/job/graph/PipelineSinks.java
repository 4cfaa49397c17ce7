package io.trailhunt.job.graph;

import io.trailhunt.events.model.DeadLetter;
import io.trailhunt.events.model.Finding;
import org.apache.flink.streaming.api.datastream.DataStream;

/** Where the pipeline's two outputs go; the job attaches its configured sinks, tests their own. */
public interface PipelineSinks {
    void findings(DataStream<Finding> findings);

    void deadLetters(DataStream<DeadLetter> deadLetters);
}
