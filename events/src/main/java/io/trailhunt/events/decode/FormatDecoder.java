package io.trailhunt.events.decode;

import com.fasterxml.jackson.databind.JsonNode;
import io.trailhunt.events.model.AuditEvent;

/** Turns one provider record, already recognised by the envelope router, into an AuditEvent. */
public interface FormatDecoder {
    /**
     * @param record one event's JSON object (a CloudTrail event, a GCP LogEntry, an Azure record)
     * @param origin where it came from, copied to the event
     * @throws RecordRejectedException with a reason naming the field, when the record cannot be used
     */
    AuditEvent decode(JsonNode record, String origin) throws RecordRejectedException;
}
