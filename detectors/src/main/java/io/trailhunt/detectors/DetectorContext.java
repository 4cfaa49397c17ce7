package io.trailhunt.detectors;

import io.trailhunt.detectors.scores.ScoredObservation;
import io.trailhunt.events.model.Finding;

/** What a detector may do besides returning its state: report, and ask to be woken in event time. */
public interface DetectorContext {
    void emit(Finding finding);

    /** Calls {@link Detector#onTimer} when the watermark passes {@code eventTime}. */
    void registerTimer(long eventTime);

    /** The current event-time watermark (Long.MIN_VALUE before the first). */
    long currentWatermark();

    /**
     * Tells the host that this call left the state as it was read and returned it unchanged, so it
     * need not be written back (on RocksDB a write serializes the whole state). Optional: without
     * it the returned state is written.
     */
    default void unchanged() {}

    /** Whether scored observations are written anywhere: a detector builds them only when they are. */
    default boolean wantsScores() {
        return false;
    }

    /** Sends a scored observation to the scores output (when {@link #wantsScores()}). */
    default void emitScore(ScoredObservation observation) {}
}
