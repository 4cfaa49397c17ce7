package io.trailhunt.job.graph;

import io.trailhunt.events.model.Decoded;
import org.apache.flink.api.connector.source.Source;

import java.time.Duration;

/**
 * A source of decoded records with the name its uid is made from ({@code source-<name>}), and the
 * watermark lag its records need.
 */
public record NamedSource(String name, Source<Decoded, ?, ?> source, Duration maxOutOfOrderness) {}
