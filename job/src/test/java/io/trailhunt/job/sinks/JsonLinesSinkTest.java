package io.trailhunt.job.sinks;

import org.apache.flink.streaming.runtime.tasks.TestProcessingTimeService;
import org.junit.jupiter.api.Test;

import java.io.BufferedWriter;
import java.io.StringWriter;

import static org.assertj.core.api.Assertions.assertThat;

/** A finding written to a file or the console shows within a second, not only at the next checkpoint. */
class JsonLinesSinkTest {
    private final StringWriter file = new StringWriter();
    private final TestProcessingTimeService time = new TestProcessingTimeService();

    /** What has reached the file: a buffer of 16 KB in front of it, as the real writer has 64 KB. */
    private final BufferedWriter buffered = new BufferedWriter(file, 16 * 1024);

    @Test
    void linesAreFlushedASecondAfterTheFirstUnflushedOne() throws Exception {
        time.setCurrentTime(10_000);
        JsonLinesSink.LineWriter writer = new JsonLinesSink.LineWriter(buffered, time);
        writer.write(line("{\"rule_id\":\"log-tampering\"}"), null);
        time.setCurrentTime(10_500);
        writer.write(line("{\"rule_id\":\"new-country\"}"), null);
        assertThat(file.toString()).isEmpty(); // still buffered
        assertThat(time.getNumActiveTimers()).isEqualTo(1); // one flush for both

        time.setCurrentTime(11_000);
        assertThat(file.toString()).isEqualTo("{\"rule_id\":\"log-tampering\"}\n{\"rule_id\":\"new-country\"}\n");
        assertThat(time.getNumActiveTimers()).isZero(); // nothing written since: nothing scheduled

        writer.write(line("{\"rule_id\":\"impossible-travel\"}"), null);
        assertThat(time.getNumActiveTimers()).isEqualTo(1);
        writer.flush(false); // a checkpoint flushes at once
        assertThat(file.toString()).endsWith("{\"rule_id\":\"impossible-travel\"}\n");
    }

    @Test
    void aFlushDueAfterCloseDoesNothing() throws Exception {
        JsonLinesSink.LineWriter writer = new JsonLinesSink.LineWriter(buffered, time);
        writer.write(line("{\"rule_id\":\"log-tampering\"}"), null);
        writer.close();
        time.setCurrentTime(5_000); // the timer fires on a closed stream: no exception
        assertThat(file.toString()).isEqualTo("{\"rule_id\":\"log-tampering\"}\n");
    }

    private static KeyedLine line(String json) {
        return new KeyedLine("k", json);
    }
}
