package io.trailhunt.detectors.novelty;

import io.trailhunt.detectors.stats.CategoricalCounts;

/** Per principal: how often it used each value of each component (bounded), since when, and when it was last reported. */
public class NoveltyState {
    public CategoricalCounts counts;
    public long firstSeen;
    public long lastReported = Long.MIN_VALUE;
    public long forgetAt;
    /** The one expiry timer pending ({@link io.trailhunt.detectors.common.ForgetTimer}); 0: none. */
    public long forgetTimerAt;

    public NoveltyState() {}
}
