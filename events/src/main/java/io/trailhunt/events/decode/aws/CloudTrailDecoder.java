package io.trailhunt.events.decode.aws;

import com.fasterxml.jackson.databind.JsonNode;
import io.trailhunt.events.decode.FormatDecoder;
import io.trailhunt.events.decode.RecordRejectedException;
import io.trailhunt.events.model.AuditEvent;

/** AWS CloudTrail records to AuditEvents. */
public final class CloudTrailDecoder implements FormatDecoder {
    @Override
    public AuditEvent decode(JsonNode record, String origin) throws RecordRejectedException {
        throw new RecordRejectedException("AWS decoding is not implemented yet");
    }
}
