package io.trailhunt.cep.snapshot;

import io.trailhunt.cep.SequenceHarness;
import io.trailhunt.cep.SequencePattern;
import io.trailhunt.events.model.Finding;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;

import static io.trailhunt.cep.snapshot.SnapshotEvents.*;

class SnapshotExplorationTest {
    List<Finding> run(io.trailhunt.events.model.AuditEvent... events) throws Exception {
        List<Finding> all = new ArrayList<>();
        for (SequencePattern p : SnapshotExfiltration.patterns(SnapshotSettings.defaults())) {
            try (SequenceHarness h = SequenceHarness.of(p)) {
                h.send(events);
                h.watermark(minutes(60 * 24));
                h.watermark(Long.MAX_VALUE);
                for (Finding f : h.findings()) {
                    System.out.println(p.name() + " -> " + f.severity + " " + f.title + " " + f.evidence);
                    all.add(f);
                }
            }
        }
        System.out.println("----");
        return all;
    }

    @Test
    void explore() throws Exception {
        run(identity(0), create("snap-1", 10), share("snap-1", FOREIGN, 15), delete("snap-1", 30));
        run(identity(0), create("snap-1", 10), share("snap-1", FOREIGN, 15));
        run(share("snap-1", FOREIGN, 15));
        run(share("snap-1", FOREIGN, 15), delete("snap-1", 30));
        run(identity(0), identity(5), create("snap-1", 10), create("snap-2", 11), share("snap-1", FOREIGN, 15), share("snap-1", "all", 16), delete("snap-1", 30));
        run(create("snap-1", 10), share("snap-1", FOREIGN, 15), delete("snap-1", 130));
    }
}
