package io.trailhunt.detectors;

import io.trailhunt.detectors.scores.ScoredObservation;
import io.trailhunt.events.model.Finding;

import java.util.ArrayList;
import java.util.List;
import java.util.TreeSet;

/**
 * A DetectorContext for plain-Java tests: records findings (apart from the repeats a quiet period
 * sends on for counting), scores and timers; the test sets the watermark.
 */
public final class RecordingContext implements DetectorContext {
    public final List<Finding> findings = new ArrayList<>();
    public final List<Finding> repeats = new ArrayList<>();
    public final List<ScoredObservation> scores = new ArrayList<>();
    public final TreeSet<Long> timers = new TreeSet<>();
    public long watermark = Long.MIN_VALUE;
    /** How many calls said they left the state unchanged. */
    public int unchangedCalls;
    public boolean wantScores;

    @Override
    public void emit(Finding finding) {
        (finding.repeat ? repeats : findings).add(finding);
    }

    @Override
    public void registerTimer(long eventTime) {
        timers.add(eventTime);
    }

    @Override
    public long currentWatermark() {
        return watermark;
    }

    @Override
    public void unchanged() {
        unchangedCalls++;
    }

    @Override
    public boolean wantsScores() {
        return wantScores;
    }

    @Override
    public void emitScore(ScoredObservation observation) {
        scores.add(observation);
    }

    /** Fires due timers in order, as Flink would when the watermark reaches {@code newWatermark}. */
    public <S> S advanceTo(Detector<S> detector, S state, long newWatermark) {
        return advanceTo(detector::onTimer, state, newWatermark);
    }

    /** The same for anything with an onTimer of that shape (principal-risk works on findings, not events). */
    public <S> S advanceTo(TimerHandler<S> handler, S state, long newWatermark) {
        watermark = newWatermark;
        S s = state;
        while (!timers.isEmpty() && timers.first() <= newWatermark && s != null) {
            s = handler.onTimer(s, timers.pollFirst(), this);
        }
        return s;
    }

    public interface TimerHandler<S> {
        S onTimer(S state, long timestamp, DetectorContext context);
    }
}
