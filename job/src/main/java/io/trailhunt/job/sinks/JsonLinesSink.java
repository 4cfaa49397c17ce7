package io.trailhunt.job.sinks;

import io.trailhunt.job.config.OutputSettings;
import org.apache.flink.api.connector.sink2.Sink;
import org.apache.flink.api.connector.sink2.SinkWriter;

import java.io.BufferedWriter;
import java.io.FileOutputStream;
import java.io.IOException;
import java.io.OutputStreamWriter;
import java.io.PrintStream;
import java.io.Writer;
import java.nio.charset.StandardCharsets;

/**
 * Writes JSON lines to stdout, stderr or a file. Run with parallelism 1 so a file has one writer.
 * The file is appended to: the CLI empties it when a run starts, and a restart after a failure
 * must not erase what was written before; findings after the last checkpoint may then repeat
 * (at-least-once). Streams to Kafka or Kinesis are the exactly-once outputs.
 */
public final class JsonLinesSink implements Sink<KeyedLine> {
    private static final long serialVersionUID = 1L;

    private final OutputSettings target;

    public JsonLinesSink(OutputSettings target) {
        this.target = target;
    }

    @Override
    @SuppressWarnings("deprecation")
    public SinkWriter<KeyedLine> createWriter(InitContext context) throws IOException {
        return new LineWriter(open());
    }

    private Writer open() throws IOException {
        switch (target.type()) {
            case OutputSettings.STDOUT:
                return unclosable(System.out);
            case OutputSettings.STDERR:
                return unclosable(System.err);
            default:
                return new BufferedWriter(new OutputStreamWriter(new FileOutputStream(target.path(), true), StandardCharsets.UTF_8), 64 * 1024);
        }
    }

    /** The process's own streams are flushed, never closed. */
    private static Writer unclosable(PrintStream stream) {
        return new BufferedWriter(new OutputStreamWriter(stream, StandardCharsets.UTF_8)) {
            @Override
            public void close() throws IOException {
                flush();
            }
        };
    }

    private static final class LineWriter implements SinkWriter<KeyedLine> {
        private final Writer out;

        LineWriter(Writer out) {
            this.out = out;
        }

        @Override
        public void write(KeyedLine line, Context context) throws IOException {
            out.write(line.line);
            out.write('\n');
        }

        @Override
        public void flush(boolean endOfInput) throws IOException {
            out.flush();
        }

        @Override
        public void close() throws IOException {
            out.close();
        }
    }
}
