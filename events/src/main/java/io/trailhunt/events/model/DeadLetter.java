package io.trailhunt.events.model;

import java.util.Objects;

/**
 * A record the pipeline could not use, kept with the reason so nothing is lost silently: bytes
 * that are not JSON, JSON that is not an audit event, an event without a usable time, an event
 * that arrived after the watermark had passed it.
 */
public class DeadLetter {
    /** Why the record was set aside: names the problem, and where it can, the field. */
    public String reason;
    /** Where it came from: file and record number, topic/partition/offset, shard/sequence. */
    public String origin;
    /** The first bytes of the record, as text; binary input is given as "base64:...". */
    public String rawPrefix;
    /** The record's full length in bytes. */
    public long rawLength;
    /** The event time, when the record got far enough to have one (late events); else null. */
    public Long eventTime;

    public DeadLetter() {}

    public DeadLetter(String reason, String origin, String rawPrefix, long rawLength, Long eventTime) {
        this.reason = reason;
        this.origin = origin;
        this.rawPrefix = rawPrefix;
        this.rawLength = rawLength;
        this.eventTime = eventTime;
    }

    @Override
    public boolean equals(Object o) {
        if (this == o) {
            return true;
        }
        if (!(o instanceof DeadLetter)) {
            return false;
        }
        DeadLetter d = (DeadLetter) o;
        return rawLength == d.rawLength
                && Objects.equals(reason, d.reason)
                && Objects.equals(origin, d.origin)
                && Objects.equals(rawPrefix, d.rawPrefix)
                && Objects.equals(eventTime, d.eventTime);
    }

    @Override
    public int hashCode() {
        return Objects.hash(reason, origin, rawLength);
    }

    @Override
    public String toString() {
        return "DeadLetter{" + reason + " @ " + origin + " (" + rawLength + " bytes)}";
    }
}
