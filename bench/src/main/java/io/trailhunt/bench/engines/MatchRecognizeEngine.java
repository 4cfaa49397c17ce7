package io.trailhunt.bench.engines;

import io.trailhunt.cep.signin.FailedLoginsThenSuccess;
import io.trailhunt.cep.snapshot.SnapshotExfiltration;
import io.trailhunt.events.model.AuditEvent;
import org.apache.flink.api.common.functions.MapFunction;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.streaming.api.datastream.DataStream;
import org.apache.flink.runtime.minicluster.MiniCluster;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.apache.flink.table.api.Schema;
import org.apache.flink.table.api.Table;
import org.apache.flink.table.api.bridge.java.StreamTableEnvironment;
import org.apache.flink.types.Row;
import org.apache.flink.util.CloseableIterator;

import java.util.Arrays;
import java.util.HashSet;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * The two stories in Flink SQL, {@code MATCH_RECOGNIZE} over a table of the events with a rowtime
 * attribute. Relaxed contiguity is spelled {@code Z*?} (Z undefined: any row), since Flink SQL has
 * no followed-by, and three failures are three variables (pattern variables must be unique); the candidate filter is the inner query's WHERE.
 */
final class MatchRecognizeEngine implements Engine {
    private final MiniCluster cluster;

    MatchRecognizeEngine(MiniCluster cluster) {
        this.cluster = cluster;
    }

    private static final String FAILED_LOGINS = """
            SELECT pkey, success_id FROM (
                SELECT * FROM events WHERE category = 'SIGN_IN' AND outcome IN ('FAILURE', 'SUCCESS')
            ) MATCH_RECOGNIZE (
                PARTITION BY pkey
                ORDER BY rowtime
                MEASURES S.event_id AS success_id
                ONE ROW PER MATCH
                AFTER MATCH SKIP PAST LAST ROW
                PATTERN (F1 Z1*? F2 Z2*? F3 Z3*? S) WITHIN INTERVAL '10' MINUTE
                DEFINE F1 AS F1.outcome = 'FAILURE', F2 AS F2.outcome = 'FAILURE', F3 AS F3.outcome = 'FAILURE',
                       S AS S.outcome = 'SUCCESS'
            )""";

    private static final String SNAPSHOT_SHARED_AND_DELETED = """
            SELECT pkey, delete_id FROM (
                SELECT * FROM events WHERE outcome = 'SUCCESS' AND snapshot IS NOT NULL AND (
                    (action = 'ModifySnapshotAttribute' AND shared_to IS NOT NULL AND shared_to <> account AND shared_to NOT IN (%s))
                    OR action = 'DeleteSnapshot')
            ) MATCH_RECOGNIZE (
                PARTITION BY pkey, snapshot
                ORDER BY rowtime
                MEASURES D.event_id AS delete_id
                ONE ROW PER MATCH
                AFTER MATCH SKIP PAST LAST ROW
                PATTERN (S Z*? D) WITHIN INTERVAL '2' HOUR
                DEFINE S AS S.action = 'ModifySnapshotAttribute', D AS D.action = 'DeleteSnapshot'
            )""".formatted(StoryCorpus.OWN_ACCOUNTS.stream().sorted().map(a -> "'" + a + "'").collect(Collectors.joining(", ")));

    @Override
    public String name() {
        return "Flink SQL MATCH_RECOGNIZE";
    }

    @Override
    public Set<String> run(StoryCorpus corpus) throws Exception {
        StreamExecutionEnvironment env = FlinkCorpusSource.environment(cluster);
        StreamTableEnvironment tables = StreamTableEnvironment.create(env);
        TypeInformation<Row> rowType = Types.ROW_NAMED(FlatEvent.COLUMNS,
                Arrays.stream(FlatEvent.COLUMNS).map(c -> Types.STRING).toArray(TypeInformation[]::new));
        DataStream<Row> rows = FlinkCorpusSource.events(env, corpus).map(new ToRow()).returns(rowType).name("rows");
        tables.createTemporaryView("events", tables.fromDataStream(rows, Schema.newBuilder()
                .columnByMetadata("rowtime", "TIMESTAMP_LTZ(3)")
                .watermark("rowtime", "SOURCE_WATERMARK()")
                .build()));

        Table logins = tables.sqlQuery(FAILED_LOGINS);
        Table snapshots = tables.sqlQuery(SNAPSHOT_SHARED_AND_DELETED);
        DataStream<String> matches = tables.toDataStream(logins)
                .map(r -> Engine.match(FailedLoginsThenSuccess.RULE_ID, (String) r.getField("pkey"), (String) r.getField("success_id")))
                .returns(Types.STRING)
                .union(tables.toDataStream(snapshots)
                        .map(r -> Engine.match(SnapshotExfiltration.RULE_ID, (String) r.getField("pkey"), (String) r.getField("delete_id")))
                        .returns(Types.STRING));
        Set<String> out = new HashSet<>();
        try (CloseableIterator<String> it = matches.executeAndCollect("match-recognize")) {
            it.forEachRemaining(out::add);
        }
        return out;
    }

    private static final class ToRow implements MapFunction<AuditEvent, Row> {
        private static final long serialVersionUID = 1L;

        @Override
        public Row map(AuditEvent e) {
            return Row.of(FlatEvent.columns(e));
        }
    }
}
