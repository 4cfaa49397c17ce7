package io.trailhunt.job.graph;

import io.trailhunt.detectors.scores.ScoredObservation;
import io.trailhunt.detectors.scores.ScoredObservationJson;
import io.trailhunt.events.model.DeadLetter;
import io.trailhunt.events.model.Finding;
import io.trailhunt.job.config.OutputSettings;
import io.trailhunt.job.sinks.JsonLinesSink;
import io.trailhunt.job.sinks.KeyedLine;
import io.trailhunt.job.sinks.OutputLines;
import io.trailhunt.job.sinks.StreamSinks;
import org.apache.flink.api.common.functions.MapFunction;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.api.connector.sink2.Sink;
import org.apache.flink.streaming.api.datastream.DataStream;

/**
 * The sinks the configuration names: JSON lines to stdout, stderr or a file, a Kafka topic
 * (exactly-once by default) or a Kinesis stream; findings in Trailhunt's format or OCSF.
 */
public final class ConfiguredSinks implements PipelineSinks {
    private final OutputSettings findings;
    private final OutputSettings deadLetters;
    private final OutputSettings scores;

    public ConfiguredSinks(OutputSettings findings, OutputSettings deadLetters) {
        this(findings, deadLetters, null);
    }

    /** @param scores where scored observations go; null when they are not written */
    public ConfiguredSinks(OutputSettings findings, OutputSettings deadLetters, OutputSettings scores) {
        this.findings = findings;
        this.deadLetters = deadLetters;
        this.scores = scores;
    }

    @Override
    public void findings(DataStream<Finding> stream) {
        boolean ocsf = findings.ocsf();
        MapFunction<Finding, KeyedLine> toLine = f -> OutputLines.finding(f, ocsf);
        attach(stream.map(toLine).returns(TypeInformation.of(KeyedLine.class)).uid(Uids.FINDINGS_TO_JSON).name("Findings to JSON"),
                findings, Uids.SINK_FINDINGS, "Findings: ");
    }

    @Override
    public void deadLetters(DataStream<DeadLetter> stream) {
        attach(stream.map(OutputLines::deadLetter).returns(TypeInformation.of(KeyedLine.class))
                        .uid(Uids.DEAD_LETTERS_TO_JSON).name("Dead letters to JSON"),
                deadLetters, Uids.SINK_DEAD_LETTERS, "Dead letters: ");
    }

    @Override
    public void scores(DataStream<ScoredObservation> stream) {
        if (scores == null) {
            throw new IllegalStateException("no outputs.scores configured");
        }
        attach(stream.map(s -> new KeyedLine(io.trailhunt.events.model.AuditEvent.principalKey(s.cloud, s.account, s.principal),
                                ScoredObservationJson.toJson(s))).returns(TypeInformation.of(KeyedLine.class))
                        .uid(Uids.SCORES_TO_JSON).name("Scored observations to JSON"),
                scores, Uids.SINK_SCORES, "Scored observations: ");
    }

    private static void attach(DataStream<KeyedLine> lines, OutputSettings out, String uid, String name) {
        switch (out.type()) {
            case OutputSettings.KAFKA:
                lines.sinkTo(StreamSinks.kafka(out.kafka())).uid(uid).name(name + out);
                break;
            case OutputSettings.KINESIS:
                lines.sinkTo(StreamSinks.kinesis(out.kinesis())).uid(uid).name(name + out);
                break;
            default:
                // one writer per file: parallelism 1
                Sink<KeyedLine> sink = new JsonLinesSink(out);
                lines.sinkTo(sink).uid(uid).name(name + out).setParallelism(1);
        }
    }
}
