package io.trailhunt.job.graph;

import io.trailhunt.events.model.Decoded;
import org.apache.flink.api.connector.source.Source;

import java.time.Duration;
import java.util.List;

/**
 * A source of decoded records with the name its uid is made from ({@code source-<name>}), and the
 * watermark lag its records need.
 */
public record NamedSource(String name, Source<Decoded, ?, ?> source, Duration maxOutOfOrderness) {
    /** The lag every source uses, or null when they use different ones. */
    public static Duration commonOutOfOrderness(List<NamedSource> sources) {
        Duration first = sources.get(0).maxOutOfOrderness();
        return sources.stream().allMatch(s -> s.maxOutOfOrderness().equals(first)) ? first : null;
    }
}
