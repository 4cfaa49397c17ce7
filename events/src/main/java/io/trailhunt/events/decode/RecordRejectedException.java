package io.trailhunt.events.decode;

/**
 * Thrown by a format decoder when a record cannot become an AuditEvent. The message is the
 * dead-letter reason, so it names the problem and the field. No stack trace: this is control
 * flow for expected bad input, not a bug.
 */
public class RecordRejectedException extends Exception {
    private static final long serialVersionUID = 1L;

    public RecordRejectedException(String reason) {
        super(reason, null, false, false);
    }
}
