package io.trailhunt.events.decode.gcp;

import com.fasterxml.jackson.databind.JsonNode;
import io.trailhunt.events.decode.FormatDecoder;
import io.trailhunt.events.decode.RecordRejectedException;
import io.trailhunt.events.model.AuditEvent;

/** GCP audit-log records to AuditEvents. */
public final class GcpAuditLogDecoder implements FormatDecoder {
    @Override
    public AuditEvent decode(JsonNode record, String origin) throws RecordRejectedException {
        throw new RecordRejectedException("GCP decoding is not implemented yet");
    }
}
