package io.trailhunt.job.graph;

import io.trailhunt.detectors.host.DetectorKey;
import io.trailhunt.detectors.host.KeyedDetectorsFunction;
import io.trailhunt.detectors.host.KeyedDetectorsOperator;
import io.trailhunt.detectors.risk.PrincipalRiskFunction;
import io.trailhunt.detectors.risk.RiskKey;
import io.trailhunt.detectors.suppress.SuppressFindingsFunction;
import io.trailhunt.detectors.suppress.Suppressor;
import io.trailhunt.enrichment.geoip.EnrichGeoIp;
import io.trailhunt.events.model.AuditEvent;
import io.trailhunt.events.model.DeadLetter;
import io.trailhunt.events.model.Decoded;
import io.trailhunt.events.model.Finding;
import org.apache.flink.api.common.eventtime.WatermarkStrategy;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.api.connector.source.Boundedness;
import org.apache.flink.streaming.api.datastream.DataStream;
import org.apache.flink.streaming.api.datastream.SingleOutputStreamOperator;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;

import java.util.List;

/**
 * The job graph, shared by the CLI, the cluster entry point and the tests:
 * <pre>
 * sources (decode inside, watermarks per split) → split: events | dead letters | late events
 *   → GeoIP enrichment → keyBy(principal; anonymous callers by address too) → keyed detectors ─┐
 *   → per sequence rule: candidates → keyBy → CEP ──────────────────────────────────────────┴→ keyBy(rule, principal)
 *   → suppression → (+ keyBy(principal) → principal-risk) → findings sink
 * keyed detectors' scored observations → scores sink (when configured)
 * dead letters + late events (+ events late for a sequence rule) → dead-letter sink
 * </pre>
 */
public final class TrailhuntPipeline {
    private TrailhuntPipeline() {}

    public static void defineWorkflow(StreamExecutionEnvironment env, List<NamedSource> sources, PipelineSinks sinks, PipelineSettings settings) {
        if (sources.isEmpty()) {
            throw new IllegalArgumentException("the pipeline needs at least one source");
        }
        DataStream<Decoded> decoded = null;
        for (NamedSource s : sources) {
            WatermarkStrategy<Decoded> watermarks = DecodedWatermarks.strategy(s.maxOutOfOrderness(), settings.eventTime().idleness());
            DataStream<Decoded> one = env.fromSource(s.source(), watermarks, s.name(), TypeInformation.of(Decoded.class)) // Flink prefixes "Source: "
                    .uid(Uids.SOURCE_PREFIX + s.name());
            decoded = decoded == null ? one : decoded.union(one);
        }

        SingleOutputStreamOperator<AuditEvent> events = decoded
                .process(new SplitDecoded(settings.eventTime().allowedLateness(), settings.deadLetterPrefixBytes(),
                        NamedSource.commonOutOfOrderness(sources)))
                .uid(Uids.SPLIT_DECODED)
                .name("Split events, dead letters and late events");
        DataStream<DeadLetter> deadLetters = events.getSideOutput(Tags.DEAD_LETTERS).union(events.getSideOutput(Tags.LATE_EVENTS));

        // Stateless and chained to the split: no shuffle, nothing in checkpoints.
        DataStream<AuditEvent> enriched = !settings.geoip().enabled() ? events
                : events.map(new EnrichGeoIp(settings.geoip())).uid(Uids.ENRICH_GEOIP).name("GeoIP");

        SingleOutputStreamOperator<Finding> detected = enriched
                .keyBy(DetectorKey::of)
                .transform("Keyed detectors", TypeInformation.of(Finding.class), new KeyedDetectorsOperator(
                        new KeyedDetectorsFunction(settings.detectors(), settings.scores(), keyedRulesInEventTimeOrder(sources, settings),
                                settings.state().cachedPrincipals())))
                .uid(Uids.DETECT_KEYED_STATE)
                .setDescription("Keyed detectors: " + ruleIds(settings));
        deadLetters = deadLetters.union(detected.getSideOutput(KeyedDetectorsFunction.RULE_FAILURES));
        DataStream<Finding> findings = detected;
        SequenceStage.Output sequences = SequenceStage.apply(enriched, settings.sequences(), settings.deadLetterPrefixBytes());
        if (sequences.findings() != null) {
            findings = findings.union(sequences.findings());
            deadLetters = deadLetters.union(sequences.late());
        }

        DataStream<Finding> suppressed = findings
                .keyBy(Suppressor::key)
                .process(new SuppressFindingsFunction(settings.suppression().covering(settings.detectors())))
                .uid(Uids.SUPPRESS_FINDINGS)
                .name("Suppress repeated findings");
        if (settings.principalRisk().enabled()) {
            // After suppression, so a repeat is not counted twice (nor an update of folded repeats); its findings go on to the sinks, never back into it.
            suppressed = suppressed.union(suppressed
                    .filter(f -> !f.update).uid(Uids.RISK_FIRST_REPORTS).name("First reports")
                    .keyBy(RiskKey::of)
                    .process(new PrincipalRiskFunction(settings.principalRisk()))
                    .uid(Uids.DETECT_PRINCIPAL_RISK)
                    .name("Principal risk"));
        }
        DataStream<Finding> reported = suppressed
                .map(new CountFindings())
                .uid(Uids.COUNT_FINDINGS)
                .name("Count findings");

        sinks.findings(reported);
        sinks.deadLetters(deadLetters);
        if (settings.scores()) {
            sinks.scores(detected.getSideOutput(KeyedDetectorsFunction.SCORES));
        }
    }

    /** {@code auto} resolves by the sources themselves: a replay of bounded inputs waits for the watermark, a live monitor does not. */
    private static boolean keyedRulesInEventTimeOrder(List<NamedSource> sources, PipelineSettings settings) {
        boolean bounded = sources.stream().allMatch(s -> s.source().getBoundedness() == Boundedness.BOUNDED);
        return settings.eventTime().keyedRulesInEventTimeOrder(bounded);
    }

    private static String ruleIds(PipelineSettings settings) {
        StringBuilder sb = new StringBuilder();
        settings.detectors().forEach(d -> sb.append(sb.length() == 0 ? "" : ", ").append(d.ruleId()));
        return sb.length() == 0 ? "(none enabled)" : sb.toString();
    }
}
