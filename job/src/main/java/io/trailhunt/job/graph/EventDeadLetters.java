package io.trailhunt.job.graph;

import io.trailhunt.events.decode.RawPrefix;
import io.trailhunt.events.json.AuditEventJson;
import io.trailhunt.events.model.AuditEvent;
import io.trailhunt.events.model.DeadLetter;

import java.nio.charset.StandardCharsets;

/** Dead letters for decoded events set aside by time (late, dated in the future). */
public final class EventDeadLetters {
    /** An event's normalized JSON is kept whole up to this size even when dead letters keep less, so it can be replayed. */
    private static final int MIN_PREFIX_BYTES = 4096;

    private EventDeadLetters() {}

    /** The event's normalized JSON as the raw prefix, so it can be replayed once the setting is fixed. */
    public static DeadLetter of(AuditEvent e, String reason, int deadLetterPrefixBytes) {
        byte[] json = AuditEventJson.toJson(e).getBytes(StandardCharsets.UTF_8);
        return new DeadLetter(reason, e.origin, RawPrefix.of(json, Math.max(deadLetterPrefixBytes, MIN_PREFIX_BYTES)), json.length, e.eventTime);
    }
}
