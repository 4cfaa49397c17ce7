package io.trailhunt.detectors;

import io.trailhunt.events.model.AuditEvent;
import io.trailhunt.events.model.Finding;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * Runs detectors over events in event-time order without Flink, as the keyed host does: state per
 * detector and principal key, timers per key shared by all detectors, the watermark at each event's
 * time (timers due before an event fire before it). For tests over many principals (real logs).
 */
public final class Replay {
    private final List<Detector<?>> detectors;
    private final List<Map<String, Object>> states = new ArrayList<>();
    private final TreeMap<Long, TreeSet<String>> timers = new TreeMap<>();
    public final List<Finding> findings = new ArrayList<>();
    /** The repeats quiet periods sent on for the suppression step to count, apart from the findings. */
    public final List<Finding> repeats = new ArrayList<>();

    public Replay(List<Detector<?>> detectors) {
        this.detectors = List.copyOf(detectors);
        for (int i = 0; i < detectors.size(); i++) {
            states.add(new HashMap<>());
        }
    }

    /** Sorts by event time (stable for ties) and processes each, then fires every remaining timer. */
    public Replay run(List<AuditEvent> events) {
        List<AuditEvent> sorted = new ArrayList<>(events);
        sorted.sort(Comparator.comparingLong(e -> e.eventTime));
        for (AuditEvent e : sorted) {
            advanceTo(e.eventTime - 1);
            process(e);
        }
        advanceTo(Long.MAX_VALUE);
        return this;
    }

    /** Keys that still hold state for a detector. */
    public int keysWithState(String ruleId) {
        for (int i = 0; i < detectors.size(); i++) {
            if (detectors.get(i).ruleId().equals(ruleId)) {
                return states.get(i).size();
            }
        }
        throw new IllegalArgumentException(ruleId);
    }

    public void process(AuditEvent e) {
        String key = e.principalKey();
        for (int i = 0; i < detectors.size(); i++) {
            if (detectors.get(i).accepts(e)) {
                call(i, key, e, 0);
            }
        }
    }

    public void advanceTo(long watermark) {
        while (!timers.isEmpty() && timers.firstKey() <= watermark) {
            Map.Entry<Long, TreeSet<String>> due = timers.pollFirstEntry();
            for (String key : due.getValue()) {
                for (int i = 0; i < detectors.size(); i++) {
                    if (states.get(i).containsKey(key)) {
                        call(i, key, null, due.getKey());
                    }
                }
            }
        }
    }

    @SuppressWarnings("unchecked")
    private <S> void call(int i, String key, AuditEvent e, long timer) {
        Detector<S> d = (Detector<S>) detectors.get(i);
        S before = (S) states.get(i).get(key);
        DetectorContext ctx = new DetectorContext() {
            @Override
            public void emit(Finding finding) {
                (finding.repeat ? repeats : findings).add(finding);
            }

            @Override
            public void registerTimer(long eventTime) {
                timers.computeIfAbsent(eventTime, t -> new TreeSet<>()).add(key);
            }

            @Override
            public long currentWatermark() {
                return e == null ? timer : e.eventTime - 1;
            }
        };
        S after = e != null ? d.onEvent(before, e, ctx) : d.onTimer(before, timer, ctx);
        if (after == null) {
            states.get(i).remove(key);
        } else {
            states.get(i).put(key, after);
        }
    }
}
