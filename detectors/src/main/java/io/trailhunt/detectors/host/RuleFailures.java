package io.trailhunt.detectors.host;

import io.trailhunt.events.decode.RawPrefix;
import io.trailhunt.events.json.AuditEventJson;
import io.trailhunt.events.model.AuditEvent;
import io.trailhunt.events.model.DeadLetter;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.nio.charset.StandardCharsets;
import java.time.Instant;

/**
 * A rule that throws on one event or timer must not stop the monitor: the other rules keep
 * watching, and the failure becomes a dead letter naming the rule and the error, with the event
 * (replayable) when there is one. Logged with its stack trace the 1st, 2nd, 4th, 8th, ... time a
 * rule fails on a subtask, so a rule failing on every event is visible without flooding the log.
 */
final class RuleFailures {
    private static final Logger LOG = LoggerFactory.getLogger(RuleFailures.class);
    /** Dead letters keep the whole normalized event up to this size, as late events for a sequence rule do. */
    private static final int EVENT_BYTES = 4096;

    /** On the heap backend the state object is the live one: what the rule changed in it before failing stays. */
    private static final String IN_PLACE = "; on the heap backend, changes it made in place before the error stay";

    private RuleFailures() {}

    static DeadLetter onEvent(String ruleId, AuditEvent e, RuntimeException error, long failures) {
        byte[] json = AuditEventJson.toJson(e).getBytes(StandardCharsets.UTF_8);
        String reason = "rule " + ruleId + " failed on this event: " + describe(error)
                + " (the other rules saw it; this rule's state for the principal was not written back" + IN_PLACE + ")";
        log(reason, error, failures);
        return new DeadLetter(reason, e.origin, RawPrefix.of(json, EVENT_BYTES), json.length, e.eventTime);
    }

    static DeadLetter onTimer(String ruleId, String key, long timestamp, RuntimeException error, long failures) {
        String reason = "rule " + ruleId + " failed at its timer for " + Instant.ofEpochMilli(timestamp) + ": " + describe(error)
                + " (this rule's state for the principal was not written back" + IN_PLACE + ")";
        log(reason + ", principal key " + key, error, failures);
        byte[] raw = key.getBytes(StandardCharsets.UTF_8);
        // The key in the origin too: sinks partition dead letters by origin, so one rule failing for many principals spreads out.
        return new DeadLetter(reason, "rule:" + ruleId + "@" + key, RawPrefix.of(raw, EVENT_BYTES), raw.length, timestamp);
    }

    private static String describe(RuntimeException error) {
        return error.getClass().getName() + (error.getMessage() == null ? "" : ": " + error.getMessage());
    }

    private static void log(String reason, RuntimeException error, long failures) {
        if (Long.bitCount(failures) == 1) {
            LOG.error("{} (failure {} of this rule on this subtask; sent to the dead letters)", reason, failures, error);
        }
    }
}
