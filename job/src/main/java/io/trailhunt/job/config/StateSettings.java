package io.trailhunt.job.config;

import io.trailhunt.detectors.host.KeyedDetectorsFunction;
import io.trailhunt.events.settings.Section;

import java.io.Serializable;

/**
 * Settings of {@code state}.
 *
 * @param cachedPrincipals how many principals' keyed-rule states each parallel instance keeps as
 *     objects between events on RocksDB (written back before each checkpoint and when evicted, least
 *     recently used first); 0 reads and writes RocksDB at every event. The heap backend keeps its
 *     states as objects anyway and ignores it.
 */
public record StateSettings(int cachedPrincipals) implements Serializable {
    public static final int MAX_CACHED_PRINCIPALS = 1_000_000;

    public static StateSettings defaults() {
        return new StateSettings(KeyedDetectorsFunction.DEFAULT_CACHED_PRINCIPALS);
    }

    public static StateSettings from(Section s) {
        return new StateSettings(s.integer("cached-principals", KeyedDetectorsFunction.DEFAULT_CACHED_PRINCIPALS, 0, MAX_CACHED_PRINCIPALS));
    }
}
