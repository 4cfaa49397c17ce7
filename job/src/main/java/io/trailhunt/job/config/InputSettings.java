package io.trailhunt.job.config;

import java.io.Serializable;
import java.time.Duration;

/** One configured input: files, a Kafka topic set, or a Kinesis stream. */
public sealed interface InputSettings extends Serializable permits FileInputSettings, KafkaInputSettings, KinesisInputSettings {
    /** Names the source: its operator uid is {@code source-<name>}. */
    String name();

    /** True when the input ends (a bounded replay); the job then ends too. */
    boolean bounded();

    /** The watermark lag this input's records need, given the global {@code event-time.max-out-of-orderness}. */
    Duration effectiveOutOfOrderness(Duration global);

    /** For the start-up message: where it reads from, without secrets. */
    String describe();
}
