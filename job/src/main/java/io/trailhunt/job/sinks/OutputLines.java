package io.trailhunt.job.sinks;

import io.trailhunt.events.json.DeadLetterJson;
import io.trailhunt.events.json.FindingJson;
import io.trailhunt.events.json.OcsfFindingJson;
import io.trailhunt.events.model.DeadLetter;
import io.trailhunt.events.model.Finding;

/**
 * Findings and dead letters as keyed JSON lines. Findings are keyed by principal, so one
 * principal's findings stay in order on one partition or shard; dead letters by their origin, so
 * a burst of them (a broken producer) spreads over all partitions and shards instead of one.
 */
public final class OutputLines {
    private OutputLines() {}

    public static KeyedLine finding(Finding f, boolean ocsf) {
        return new KeyedLine(f.principalKey(), ocsf ? OcsfFindingJson.toJson(f) : FindingJson.toJson(f));
    }

    public static KeyedLine deadLetter(DeadLetter d) {
        return new KeyedLine(d.origin, DeadLetterJson.toJson(d));
    }
}
