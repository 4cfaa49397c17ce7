package io.trailhunt.events.decode;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.StreamReadConstraints;
import com.fasterxml.jackson.core.exc.StreamConstraintsException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.MappingIterator;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.ObjectReader;
import io.trailhunt.events.model.AuditEvent;
import io.trailhunt.events.model.DeadLetter;
import io.trailhunt.events.model.Decoded;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;

/**
 * The one entry point from raw bytes to events. Recognises gzip and every supported envelope by
 * content, never by file or topic name, and never throws: whatever cannot be decoded becomes a
 * dead letter with the reason and the first bytes of the input.
 *
 * <p>Not thread-safe and not serializable: create one per task in {@code open()}.
 */
public final class RecordDecoder {
    private final DecoderLimits limits;
    private final ObjectReader reader;
    private final EnvelopeRouter router;

    public RecordDecoder(DecoderLimits limits) {
        this.limits = limits;
        JsonFactory factory = JsonFactory.builder()
                .streamReadConstraints(StreamReadConstraints.builder()
                        .maxNestingDepth(limits.maxNestingDepth)
                        .maxStringLength(limits.maxStringLength)
                        .maxDocumentLength(limits.maxRecordBytes)
                        .maxNumberLength(1000)
                        .build())
                .build();
        ObjectMapper mapper = new ObjectMapper(factory);
        this.reader = mapper.readerFor(JsonNode.class);
        this.router = new EnvelopeRouter(this, limits);
    }

    public DecoderLimits limits() {
        return limits;
    }

    /** Decodes one input record (a file frame, a Kafka value, a Kinesis record) into {@code out}. */
    public void decode(byte[] raw, String origin, DecodeOutput out) {
        decode(raw, origin, out, 0);
    }

    /** Convenience for tests and tools: everything one record decodes to, in order. */
    public List<Decoded> decode(byte[] raw, String origin) {
        List<Decoded> all = new ArrayList<>();
        decode(raw, origin, new DecodeOutput() {
            @Override
            public void event(AuditEvent event) {
                all.add(Decoded.of(event));
            }

            @Override
            public void deadLetter(DeadLetter deadLetter) {
                all.add(Decoded.of(deadLetter));
            }
        });
        return all;
    }

    /** Also used for payloads nested inside an envelope (base64 Pub/Sub data), hence the depth guard. */
    void decode(byte[] raw, String origin, DecodeOutput out, int nesting) {
        try {
            if (raw.length > limits.maxRecordBytes) {
                reject(out, raw, origin, "record is " + raw.length + " bytes, over the limit of "
                        + limits.maxRecordBytes + " (decoding.max-record-bytes)");
                return;
            }
            if (nesting > 3) {
                reject(out, raw, origin, "envelopes nested more than 3 deep");
                return;
            }
            byte[] bytes = raw;
            if (Gzip.isGzip(raw)) {
                bytes = Gzip.inflate(raw, limits.maxRecordBytes);
            }
            if (isBlank(bytes)) {
                reject(out, raw, origin, "empty record");
                return;
            }
            readValues(bytes, origin, out, nesting);
        } catch (RecordRejectedException e) {
            reject(out, raw, origin, e.getMessage());
        } catch (RuntimeException e) {
            // A decoder bug must cost one record, not the job; the reason says it is a bug.
            reject(out, raw, origin, "internal decoder error: " + e);
        }
    }

    /**
     * A record may hold several JSON values (a batch of JSON lines in one Kafka message). Each
     * value is routed only once the next one has parsed (or the input ended), so text that merely
     * starts like JSON (a CSV line starting with a quoted field) is one dead letter, not a
     * rejected JSON string plus a parse error. A record of one value hands its bytes to the
     * router, so its dead letter shows the input itself rather than a re-serialization.
     */
    private void readValues(byte[] bytes, String origin, DecodeOutput out, int nesting) throws RecordRejectedException {
        int routed = 0;
        JsonNode pending = null;
        // readValues(JsonParser) rather than readValues(byte[]): the latter silently unwraps a
        // top-level array into its elements, losing the "#[i]" origins and the array's own rejection.
        try (JsonParser parser = reader.getFactory().createParser(bytes);
             MappingIterator<JsonNode> values = reader.readValues(parser)) {
            while (values.hasNextValue()) {
                JsonNode next = values.nextValue();
                if (pending != null) {
                    router.route(pending, valueOrigin(origin, routed), out, nesting, null);
                    routed++;
                }
                pending = next;
            }
        } catch (StreamConstraintsException e) {
            routed = flushContainer(pending, origin, routed, out, nesting);
            throw new RecordRejectedException("JSON over a decoding limit: " + firstLine(e.getOriginalMessage()));
        } catch (JsonProcessingException e) {
            routed = flushContainer(pending, origin, routed, out, nesting);
            String what = routed == 0 ? "not JSON: " : "malformed JSON after " + routed + " value(s): ";
            throw new RecordRejectedException(what + firstLine(e.getOriginalMessage()));
        } catch (IOException e) {
            flushContainer(pending, origin, routed, out, nesting);
            throw new RecordRejectedException("unreadable record: " + e.getMessage());
        }
        if (pending != null) {
            router.route(pending, valueOrigin(origin, routed), out, nesting, routed == 0 ? bytes : null);
        }
    }

    /**
     * Before a parse error is reported: a complete object or array read before it is kept; a bare
     * scalar is not (it is the start of the text that failed, e.g. CSV), so it joins the dead letter.
     */
    private int flushContainer(JsonNode pending, String origin, int routed, DecodeOutput out, int nesting) {
        if (pending != null && pending.isContainerNode()) {
            router.route(pending, valueOrigin(origin, routed), out, nesting, null);
            return routed + 1;
        }
        return routed;
    }

    private static String valueOrigin(String origin, int index) {
        return index == 0 ? origin : origin + "#value[" + index + "]";
    }

    /** Parses one embedded JSON document (a CloudTrailEvent string, a logEvents message). */
    JsonNode parseEmbedded(String json, String field) throws RecordRejectedException {
        try {
            JsonParser p = reader.getFactory().createParser(json);
            return reader.readTree(p);
        } catch (StreamConstraintsException e) {
            throw new RecordRejectedException("JSON in '" + field + "' over a decoding limit: " + firstLine(e.getOriginalMessage()));
        } catch (IOException e) {
            throw new RecordRejectedException("'" + field + "' does not hold JSON: " + firstLine(e.getMessage()));
        }
    }

    void reject(DecodeOutput out, byte[] raw, String origin, String reason) {
        out.deadLetter(new DeadLetter(reason, origin, RawPrefix.of(raw, limits.deadLetterPrefixBytes), raw.length, null));
    }

    private static boolean isBlank(byte[] b) {
        for (byte x : b) {
            if (x != ' ' && x != '\n' && x != '\r' && x != '\t') {
                return false;
            }
        }
        return true;
    }

    private static String firstLine(String s) {
        if (s == null) {
            return "";
        }
        int nl = s.indexOf('\n');
        return nl < 0 ? s : s.substring(0, nl);
    }
}
