package io.trailhunt.job.config;

import java.io.Serializable;

/**
 * Where findings or dead letters go: {@code stdout}, {@code stderr} or a {@code file} (JSON
 * lines), a Kafka topic or a Kinesis stream.
 *
 * @param path the file, for type {@code file}; null otherwise
 * @param format {@code trailhunt} (the finding JSON of docs/formats.md) or {@code ocsf} (OCSF
 *     Detection Finding, class 2004); dead letters are always in Trailhunt's format
 */
public record OutputSettings(String type, String path, String format, KafkaOutputSettings kafka, KinesisOutputSettings kinesis)
        implements Serializable {
    public static final String STDOUT = "stdout";
    public static final String STDERR = "stderr";
    public static final String FILE = "file";
    public static final String KAFKA = "kafka";
    public static final String KINESIS = "kinesis";
    public static final String FORMAT_TRAILHUNT = "trailhunt";
    public static final String FORMAT_OCSF = "ocsf";

    public OutputSettings(String type, String path) {
        this(type, path, FORMAT_TRAILHUNT, null, null);
    }

    public static OutputSettings file(String path) {
        return new OutputSettings(FILE, path);
    }

    public static OutputSettings stdout() {
        return new OutputSettings(STDOUT, null);
    }

    public static OutputSettings stderr() {
        return new OutputSettings(STDERR, null);
    }

    public boolean isFile() {
        return FILE.equals(type);
    }

    public boolean ocsf() {
        return FORMAT_OCSF.equals(format);
    }

    @Override
    public String toString() {
        switch (type) {
            case FILE:
                return path;
            case KAFKA:
                return "kafka topic " + kafka.topic() + " at " + kafka.connection().describe();
            case KINESIS:
                return "kinesis " + kinesis.streamArn();
            default:
                return type;
        }
    }
}
