package io.trailhunt.job.sinks;

import io.trailhunt.job.config.OutputSettings;
import org.apache.flink.api.common.operators.ProcessingTimeService;
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
 *
 * <p>Lines are buffered and flushed at the latest {@link #FLUSH_AFTER_MILLIS} after they were
 * written (and at every checkpoint and at the end): someone tailing the file or the console sees a
 * finding within a second, not at the next checkpoint, whatever the checkpoint interval.
 */
public final class JsonLinesSink implements Sink<KeyedLine> {
    private static final long serialVersionUID = 1L;
    static final long FLUSH_AFTER_MILLIS = 1000;

    private final OutputSettings target;

    public JsonLinesSink(OutputSettings target) {
        this.target = target;
    }

    @Override
    @SuppressWarnings("deprecation")
    public SinkWriter<KeyedLine> createWriter(InitContext context) throws IOException {
        return new LineWriter(open(), context.getProcessingTimeService());
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

    static final class LineWriter implements SinkWriter<KeyedLine> {
        private final Writer out;
        private final ProcessingTimeService time;
        /** Whether a flush is due for lines written since the last one. */
        private boolean flushPending;
        private boolean closed;

        LineWriter(Writer out, ProcessingTimeService time) {
            this.out = out;
            this.time = time;
        }

        @Override
        public void write(KeyedLine line, Context context) throws IOException {
            out.write(line.line);
            out.write('\n');
            if (!flushPending) {
                flushPending = true;
                // runs in the task's thread, as write() does: no locking
                time.registerTimer(time.getCurrentProcessingTime() + FLUSH_AFTER_MILLIS, now -> flushNow());
            }
        }

        private void flushNow() throws IOException {
            flushPending = false;
            if (!closed) {
                out.flush();
            }
        }

        @Override
        public void flush(boolean endOfInput) throws IOException {
            out.flush();
        }

        @Override
        public void close() throws IOException {
            closed = true;
            out.close();
        }
    }
}
