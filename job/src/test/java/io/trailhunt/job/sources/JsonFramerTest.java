package io.trailhunt.job.sources;

import org.junit.jupiter.api.Test;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class JsonFramerTest {

    private static List<JsonFramer.Frame> frames(String text, int max) throws IOException {
        JsonFramer f = new JsonFramer(new ByteArrayInputStream(text.getBytes(StandardCharsets.UTF_8)), max);
        List<JsonFramer.Frame> out = new ArrayList<>();
        JsonFramer.Frame fr;
        while ((fr = f.next()) != null) {
            out.add(fr);
        }
        return out;
    }

    private static List<String> texts(List<JsonFramer.Frame> frames) {
        List<String> out = new ArrayList<>();
        frames.forEach(f -> out.add(new String(f.bytes, StandardCharsets.UTF_8)));
        return out;
    }

    @Test
    void jsonLinesAreOneRecordPerLineAndATruncatedLineSwallowsNothing() throws IOException {
        List<JsonFramer.Frame> f = frames("{\"a\":1}\n{\"b\":\"x}\n\n{\"c\":[1,2]}\r\n", 1000);
        assertThat(texts(f)).containsExactly("{\"a\":1}", "{\"b\":\"x}", "{\"c\":[1,2]}");
        assertThat(f).extracting(fr -> fr.line).containsExactly(1L, 2L, 4L);
    }

    @Test
    void prettyPrintedDocumentsAreCutWhereTheirBracketsBalance() throws IOException {
        String doc = "[\n  {\"s\": \"a } ] \\\" {\"},\n  {\"t\": 2}\n]\n{\n \"Records\": []\n}\n";
        List<JsonFramer.Frame> f = frames(doc, 1000);
        assertThat(texts(f)).containsExactly("[\n  {\"s\": \"a } ] \\\" {\"},\n  {\"t\": 2}\n]", "{\n \"Records\": []\n}");
        assertThat(f).extracting(fr -> fr.line).containsExactly(1L, 5L);
    }

    @Test
    void textThatIsNotJsonIsOneRecordPerLine() throws IOException {
        assertThat(texts(frames("\uFEFFeventTime,eventName\n2024-01-01,StopLogging\n", 1000)))
                .containsExactly("eventTime,eventName", "2024-01-01,StopLogging");
    }

    @Test
    void anOversizeRecordIsMeasuredButNotKeptBeyondTheLimit() throws IOException {
        String big = "{\"k\":\"" + "x".repeat(5000) + "\"}";
        List<JsonFramer.Frame> f = frames(big + "\n{\"small\":1}\n", 100);
        assertThat(f).hasSize(2);
        assertThat(f.get(0).oversize).isTrue();
        assertThat(f.get(0).length).isEqualTo(big.length());
        assertThat(f.get(0).bytes).hasSize(100);
        assertThat(new String(f.get(1).bytes, StandardCharsets.UTF_8)).isEqualTo("{\"small\":1}");
    }

    @Test
    void aFirstLineCutShortInsideAStringDoesNotSwallowTheFile() throws IOException {
        List<JsonFramer.Frame> f = frames("{\"a\":\"cut sho\n{\"b\":1}\n{\"c\":2}\n", 1000);
        assertThat(texts(f)).containsExactly("{\"a\":\"cut sho", "{\"b\":1}", "{\"c\":2}");
        assertThat(f).extracting(fr -> fr.line).containsExactly(1L, 2L, 3L);
    }

    @Test
    void aLineCutShortOutsideAStringEndsWhereTheNextRecordStarts() throws IOException {
        List<String> t = texts(frames("{\"x\":{\"a\":1}}\n{\"a\":{\"b\":1}\n{\"c\":2}\n", 1000));
        assertThat(t).containsExactly("{\"x\":{\"a\":1}}", "{\"a\":{\"b\":1}", "{\"c\":2}");
        List<String> doc = texts(frames("[\n  {\"a\": 1}\n  {\"broken\": tr\n{\"next\": 1}\n", 1000));
        assertThat(doc).containsExactly("[\n  {\"a\": 1}\n  {\"broken\": tr", "{\"next\": 1}");
    }

    @Test
    void compactArraysWithRecordsAtColumnZeroStayOneDocument() throws IOException {
        assertThat(texts(frames("[\n{\"a\":1},\n{\"b\":2}\n]\n", 1000))).containsExactly("[\n{\"a\":1},\n{\"b\":2}\n]");
    }

    @Test
    void anUnbalancedDocumentEndsAtTheEndOfTheFile() throws IOException {
        List<String> t = texts(frames("{\n \"a\": [1,\n", 1000));
        assertThat(t).containsExactly("{\n \"a\": [1,\n");
    }

    @Test
    void emptyInputHasNoRecords() throws IOException {
        assertThat(frames("", 10)).isEmpty();
        assertThat(frames(" \n\t\n", 10)).isEmpty();
    }
}
