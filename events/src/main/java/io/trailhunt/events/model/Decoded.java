package io.trailhunt.events.model;

/**
 * What a source hands the pipeline for each input record it decoded: an event, or a dead letter.
 * Decoding inside the source (rather than in an operator after it) keeps Flink's per-split
 * watermarks, so one lagging Kafka partition or file does not make another's events late.
 */
public class Decoded {
    public AuditEvent event;
    public DeadLetter deadLetter;

    public Decoded() {}

    public static Decoded of(AuditEvent event) {
        Decoded d = new Decoded();
        d.event = event;
        return d;
    }

    public static Decoded of(DeadLetter deadLetter) {
        Decoded d = new Decoded();
        d.deadLetter = deadLetter;
        return d;
    }

    public boolean isEvent() {
        return event != null;
    }

    @Override
    public String toString() {
        return isEvent() ? event.toString() : String.valueOf(deadLetter);
    }
}
