package io.trailhunt.events.decode.azure;

import com.fasterxml.jackson.databind.JsonNode;
import io.trailhunt.events.decode.FormatDecoder;
import io.trailhunt.events.decode.RecordRejectedException;
import io.trailhunt.events.model.AuditEvent;

/** Azure  records to AuditEvents. */
public final class AzureLogDecoder implements FormatDecoder {
    @Override
    public AuditEvent decode(JsonNode record, String origin) throws RecordRejectedException {
        throw new RecordRejectedException("Azure decoding is not implemented yet");
    }
}
