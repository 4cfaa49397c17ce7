package io.trailhunt.job.sources;

import io.trailhunt.events.decode.DecoderLimits;
import io.trailhunt.events.model.Decoded;
import io.trailhunt.job.graph.FutureEvents;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.connector.file.src.FileSourceSplit;
import org.apache.flink.connector.file.src.reader.BulkFormat;
import org.apache.flink.connector.file.src.util.CheckpointedPosition;
import org.apache.flink.connector.file.src.util.RecordAndPosition;
import org.apache.flink.core.fs.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.zip.GZIPOutputStream;

import static org.assertj.core.api.Assertions.assertThat;

/** The file format reads any envelope by content and resumes exactly where a checkpoint left it. */
class AuditFileFormatTest {
    /** The wall clock at decoding, fixed: the day after the events these tests read. */
    private static final Instant NOW = Instant.parse("2026-11-03T00:00:00Z");
    private static final FutureEvents FUTURE = new FutureEvents(Duration.ofDays(1), Clock.fixed(NOW, ZoneOffset.UTC), 1024);
    @TempDir
    java.nio.file.Path dir;

    private static final String LINES = String.join("\n",
            "not json at all",
            "{\"also\": \"not an audit event\"}",
            "[1, 2]",
            "");

    private FileSourceSplit split(java.nio.file.Path file, CheckpointedPosition position) throws IOException {
        return new FileSourceSplit("s", new Path(file.toUri()), 0, Files.size(file), 0, Files.size(file), new String[0], position);
    }

    private static List<RecordAndPosition<Decoded>> readAll(BulkFormat.Reader<Decoded> reader) throws IOException {
        List<RecordAndPosition<Decoded>> out = new ArrayList<>();
        BulkFormat.RecordIterator<Decoded> batch;
        while ((batch = reader.readBatch()) != null) {
            RecordAndPosition<Decoded> r;
            while ((r = batch.next()) != null) {
                out.add(new RecordAndPosition<>(r.getRecord(), r.getOffset(), r.getRecordSkipCount()));
            }
            batch.releaseBatch();
        }
        reader.close();
        return out;
    }

    @Test
    void everyRecordBecomesOneDeadLetterWithItsLineAsOrigin() throws IOException {
        java.nio.file.Path f = dir.resolve("mixed.log");
        Files.writeString(f, LINES);
        var out = readAll(new AuditFileFormat(DecoderLimits.defaults(), FUTURE).createReader(new Configuration(), split(f, null)));

        assertThat(out).hasSize(4);
        assertThat(out).allMatch(r -> r.getRecord().deadLetter != null);
        assertThat(out).extracting(r -> r.getRecord().deadLetter.origin)
                .containsExactly("file:" + f + ":1", "file:" + f + ":2", "file:" + f + ":3#[0]", "file:" + f + ":3#[1]");
        assertThat(out).extracting(RecordAndPosition::getRecordSkipCount).containsExactly(1L, 2L, 3L, 4L);
    }

    @Test
    void gzipIsRecognisedByContentWhateverTheName() throws IOException {
        java.nio.file.Path f = dir.resolve("no-suffix");
        try (OutputStream o = new GZIPOutputStream(Files.newOutputStream(f))) {
            o.write(LINES.getBytes(StandardCharsets.UTF_8));
        }
        var out = readAll(new AuditFileFormat(DecoderLimits.defaults(), FUTURE).createReader(new Configuration(), split(f, null)));
        assertThat(out).hasSize(4);
        assertThat(out.get(0).getRecord().deadLetter.rawPrefix).isEqualTo("not json at all");
    }

    @Test
    void aCorruptGzipFileBecomesADeadLetterNotAFailedJob() throws IOException {
        java.nio.file.Path f = dir.resolve("broken.json.gz");
        Files.write(f, new byte[] {0x1f, (byte) 0x8b, 8, 0, 0, 0, 0, 0, 0, 0, 1, 2, 3});
        var out = readAll(new AuditFileFormat(DecoderLimits.defaults(), FUTURE).createReader(new Configuration(), split(f, null)));
        assertThat(out).hasSize(1);
        assertThat(out.get(0).getRecord().deadLetter.reason).startsWith("unreadable compressed data, rest of file skipped");
    }

    @Test
    void aRestoredReaderSkipsWhatWasAlreadyEmitted() throws IOException {
        java.nio.file.Path f = dir.resolve("mixed.log");
        Files.writeString(f, LINES);
        var format = new AuditFileFormat(DecoderLimits.defaults(), FUTURE);
        var restored = readAll(format.restoreReader(new Configuration(), split(f, new CheckpointedPosition(CheckpointedPosition.NO_OFFSET, 2))));
        assertThat(restored).extracting(r -> r.getRecord().deadLetter.origin).containsExactly("file:" + f + ":3#[0]", "file:" + f + ":3#[1]");
        assertThat(restored).extracting(RecordAndPosition::getRecordSkipCount).containsExactly(3L, 4L);
    }

    @Test
    void anOversizeRecordIsADeadLetterWithItsLength() throws IOException {
        java.nio.file.Path f = dir.resolve("big.jsonl");
        String big = "{\"k\":\"" + "x".repeat(4000) + "\"}";
        Files.writeString(f, "{\"a\":1}\n" + big + "\n");
        var limits = new DecoderLimits(2048, 64, 4096, 16);
        var out = readAll(new AuditFileFormat(limits, FUTURE).createReader(new Configuration(), split(f, null)));
        assertThat(out).hasSize(2);
        assertThat(out.get(1).getRecord().deadLetter.reason).isEqualTo("record is 4008 bytes, over the limit of 2048 (decoding.max-record-bytes)");
        assertThat(out.get(1).getRecord().deadLetter.rawLength).isEqualTo(4008);
        assertThat(out.get(1).getRecord().deadLetter.rawPrefix).isEqualTo("{\"k\":\"xxxxxxxxxx");
    }

    private static String cloudTrail(String eventTime, String id) {
        return "{\"eventVersion\":\"1.08\",\"userIdentity\":{\"type\":\"IAMUser\",\"arn\":\"arn:aws:iam::111122223333:user/dave\","
                + "\"accountId\":\"111122223333\"},\"eventTime\":\"" + eventTime + "\",\"eventSource\":\"s3.amazonaws.com\","
                + "\"eventName\":\"ListBuckets\",\"awsRegion\":\"us-east-1\",\"sourceIPAddress\":\"203.0.113.9\",\"eventID\":\"" + id + "\"}";
    }

    @Test
    void anEventDatedFarAheadOfTheClockIsADeadLetterAndTheRestAreEvents() throws IOException {
        java.nio.file.Path f = dir.resolve("future.jsonl");
        Files.writeString(f, String.join("\n", cloudTrail("2099-01-01T00:00:00Z", "e-2099"),
                cloudTrail("2026-11-03T23:59:59Z", "e-within-a-day"), cloudTrail("2026-11-02T10:00:00Z", "e-yesterday")) + "\n");
        var out = readAll(new AuditFileFormat(DecoderLimits.defaults(), FUTURE).createReader(new Configuration(), split(f, null)));

        assertThat(out).hasSize(3);
        var future = out.get(0).getRecord().deadLetter;
        assertThat(future.reason).isEqualTo("event time 2099-01-01T00:00:00Z is 26357d ahead of the clock (2026-11-03T00:00:00Z), more than"
                + " event-time.max-future (1d): set aside so that it cannot move the watermark past every other event; fix the clock of the"
                + " system that logged it, or raise event-time.max-future");
        assertThat(future.origin).isEqualTo("file:" + f + ":1");
        assertThat(future.eventTime).isEqualTo(Instant.parse("2099-01-01T00:00:00Z").toEpochMilli());
        assertThat(future.rawPrefix).contains("\"event_id\":\"e-2099\"");
        assertThat(out.subList(1, 3)).extracting(r -> r.getRecord().event.eventId).containsExactly("e-within-a-day", "e-yesterday");
    }
}
