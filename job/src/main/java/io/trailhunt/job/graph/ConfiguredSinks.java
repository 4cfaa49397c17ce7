package io.trailhunt.job.graph;

import io.trailhunt.events.json.DeadLetterJson;
import io.trailhunt.events.json.FindingJson;
import io.trailhunt.events.model.DeadLetter;
import io.trailhunt.events.model.Finding;
import io.trailhunt.job.config.OutputSettings;
import io.trailhunt.job.sinks.JsonLinesSink;
import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.streaming.api.datastream.DataStream;

/** The sinks the configuration names: JSON lines to stdout, stderr or files. */
public final class ConfiguredSinks implements PipelineSinks {
    private final OutputSettings findings;
    private final OutputSettings deadLetters;

    public ConfiguredSinks(OutputSettings findings, OutputSettings deadLetters) {
        this.findings = findings;
        this.deadLetters = deadLetters;
    }

    @Override
    public void findings(DataStream<Finding> stream) {
        stream.map(FindingJson::toJson).returns(Types.STRING).uid(Uids.FINDINGS_TO_JSON).name("Findings to JSON")
                .sinkTo(new JsonLinesSink(findings)).uid(Uids.SINK_FINDINGS).name("Findings: " + findings).setParallelism(1);
    }

    @Override
    public void deadLetters(DataStream<DeadLetter> stream) {
        stream.map(DeadLetterJson::toJson).returns(Types.STRING).uid(Uids.DEAD_LETTERS_TO_JSON).name("Dead letters to JSON")
                .sinkTo(new JsonLinesSink(deadLetters)).uid(Uids.SINK_DEAD_LETTERS).name("Dead letters: " + deadLetters).setParallelism(1);
    }
}
