package io.trailhunt.events.decode;

import io.trailhunt.events.model.AuditEvent;
import io.trailhunt.events.model.DeadLetter;

/** Receives what one input record decodes to: any number of events and dead letters. */
public interface DecodeOutput {
    void event(AuditEvent event);

    void deadLetter(DeadLetter deadLetter);
}
