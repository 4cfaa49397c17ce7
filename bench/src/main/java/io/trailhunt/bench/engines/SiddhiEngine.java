package io.trailhunt.bench.engines;

import io.siddhi.core.SiddhiAppRuntime;
import io.siddhi.core.SiddhiManager;
import io.siddhi.core.event.Event;
import io.siddhi.core.stream.input.InputHandler;
import io.siddhi.core.stream.output.StreamCallback;
import io.trailhunt.cep.signin.FailedLoginsThenSuccess;
import io.trailhunt.cep.snapshot.SnapshotExfiltration;
import io.trailhunt.events.model.AuditEvent;

import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.Collectors;

/**
 * The two stories in SiddhiQL: filter queries for the candidates, then one pattern query per story
 * in a partition per principal, in playback mode so that {@code within} runs on the events' own
 * time. Events are sent from this thread (no {@code @async}), one at a time.
 */
final class SiddhiEngine implements Engine {
    private static final String APP = """
            @app:name('trailhunt-bench')
            @app:playback
            define stream Events (pkey string, eventId string, category string, action string, outcome string,
                                  account string, snapshot string, sharedTo string);

            from Events[category == 'SIGN_IN' and (outcome == 'FAILURE' or outcome == 'SUCCESS')]
            select pkey, eventId, outcome
            insert into SignIns;

            from Events[outcome == 'SUCCESS' and not (snapshot is null) and (
                    (action == 'ModifySnapshotAttribute' and not (sharedTo is null) and sharedTo != account and not (%s))
                    or action == 'DeleteSnapshot')]
            select pkey, eventId, action, snapshot
            insert into SnapshotSteps;

            partition with (pkey of SignIns)
            begin
                from every f1=SignIns[outcome == 'FAILURE'] -> f2=SignIns[outcome == 'FAILURE']
                     -> f3=SignIns[outcome == 'FAILURE'] -> s=SignIns[outcome == 'SUCCESS']
                     within 10 min
                select s.pkey as pkey, s.eventId as eventId
                insert into LoginMatches;
            end;

            partition with (pkey of SnapshotSteps)
            begin
                from every sh=SnapshotSteps[action == 'ModifySnapshotAttribute']
                     -> d=SnapshotSteps[action == 'DeleteSnapshot' and snapshot == sh.snapshot]
                     within 2 hours
                select d.pkey as pkey, d.eventId as eventId
                insert into SnapshotMatches;
            end;
            """.formatted(StoryCorpus.OWN_ACCOUNTS.stream().sorted().map(a -> "sharedTo == '" + a + "'").collect(Collectors.joining(" or ")));

    private static final String VERSION = version();

    @Override
    public String name() {
        return "Siddhi " + VERSION;
    }

    @Override
    public Set<String> run(StoryCorpus corpus) throws Exception {
        SiddhiManager manager = new SiddhiManager();
        Set<String> matches = ConcurrentHashMap.newKeySet();
        try {
            SiddhiAppRuntime app = manager.createSiddhiAppRuntime(APP);
            app.addCallback("LoginMatches", collect(FailedLoginsThenSuccess.RULE_ID, matches));
            app.addCallback("SnapshotMatches", collect(SnapshotExfiltration.RULE_ID, matches));
            app.start();
            InputHandler input = app.getInputHandler("Events");
            for (AuditEvent e : corpus.events) {
                input.send(e.eventTime, FlatEvent.columns(e));
            }
            app.shutdown();
        } finally {
            manager.shutdown();
        }
        return matches;
    }

    private static String version() {
        try (java.io.InputStream in = SiddhiManager.class.getResourceAsStream("/META-INF/maven/io.siddhi/siddhi-core/pom.properties")) {
            java.util.Properties p = new java.util.Properties();
            if (in != null) {
                p.load(in);
            }
            return p.getProperty("version", "");
        } catch (java.io.IOException e) {
            return "";
        }
    }

    /** Siddhi reports a match once per partial match that began it ({@code every}): a set keeps one. */
    private static StreamCallback collect(String ruleId, Set<String> into) {
        return new StreamCallback() {
            @Override
            public void receive(Event[] events) {
                for (Event e : events) {
                    into.add(Engine.match(ruleId, (String) e.getData(0), (String) e.getData(1)));
                }
            }
        };
    }
}
