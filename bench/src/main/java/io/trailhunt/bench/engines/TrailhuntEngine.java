package io.trailhunt.bench.engines;

import io.trailhunt.cep.SequencePattern;
import io.trailhunt.cep.signin.FailedLoginsSettings;
import io.trailhunt.cep.signin.FailedLoginsThenSuccess;
import io.trailhunt.cep.snapshot.SnapshotSettings;
import io.trailhunt.cep.snapshot.SnapshotSharedAndDeleted;
import io.trailhunt.events.model.Evidence;
import io.trailhunt.events.model.Finding;
import io.trailhunt.events.settings.Allowlist;
import io.trailhunt.job.graph.SequenceStage;
import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.runtime.minicluster.MiniCluster;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.apache.flink.util.CloseableIterator;

import java.time.Duration;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * Trailhunt's own sequence stage ({@link SequenceStage}, as the job wires it: candidate filter,
 * keyBy, Flink CEP in event time) with the production pattern classes: failed-logins-then-success
 * and the shared-then-deleted half of snapshot-exfiltration.
 */
final class TrailhuntEngine implements Engine {
    private final MiniCluster cluster;

    TrailhuntEngine(MiniCluster cluster) {
        this.cluster = cluster;
    }

    @Override
    public String name() {
        return "trailhunt (Flink CEP)";
    }

    static List<SequencePattern> patterns() {
        FailedLoginsSettings logins = FailedLoginsSettings.defaults();
        SnapshotSettings snapshots = new SnapshotSettings(true, Duration.ofHours(2), StoryCorpus.OWN_ACCOUNTS, Allowlist.none());
        return List.of(new FailedLoginsThenSuccess(logins), new SnapshotSharedAndDeleted(snapshots));
    }

    @Override
    public Set<String> run(StoryCorpus corpus) throws Exception {
        StreamExecutionEnvironment env = FlinkCorpusSource.environment(cluster);
        SequenceStage.Output out = SequenceStage.apply(FlinkCorpusSource.events(env, corpus), patterns(), 256);
        Set<String> matches = new HashSet<>();
        try (CloseableIterator<String> it = out.findings().map(TrailhuntEngine::match).returns(Types.STRING).executeAndCollect("trailhunt-cep")) {
            it.forEachRemaining(matches::add);
        }
        return matches;
    }

    /** The finding's last evidence event is the step that completed the story. */
    static String match(Finding f) {
        Evidence last = f.evidence.stream().max(Comparator.comparingLong((Evidence e) -> e.eventTime)).orElseThrow();
        return Engine.match(f.ruleId, f.principalKey(), last.eventId);
    }
}
