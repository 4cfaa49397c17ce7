package io.trailhunt.cep;

import io.trailhunt.events.model.AuditEvent;
import io.trailhunt.events.model.Finding;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/** Every pattern of one rule, each in its own {@link SequenceHarness}, fed the same events: the rule's whole output. */
public final class RuleHarness implements AutoCloseable {
    private final List<SequencePattern> patterns;
    private final List<SequenceHarness> harnesses = new ArrayList<>();

    private RuleHarness(List<SequencePattern> patterns) {
        this.patterns = patterns;
    }

    public static RuleHarness of(List<SequencePattern> patterns, String backend) throws Exception {
        RuleHarness r = new RuleHarness(patterns);
        for (SequencePattern p : patterns) {
            r.harnesses.add(SequenceHarness.of(p, backend));
        }
        return r;
    }

    public static RuleHarness of(List<SequencePattern> patterns) throws Exception {
        return of(patterns, "heap");
    }

    /** Restores every pattern from its part of a snapshot. */
    public static RuleHarness restore(List<SequencePattern> patterns, String backend, List<SequenceHarness.Snapshot> snapshots) throws Exception {
        RuleHarness r = new RuleHarness(patterns);
        for (int i = 0; i < patterns.size(); i++) {
            r.harnesses.add(SequenceHarness.restore(patterns.get(i), backend, snapshots.get(i)));
        }
        return r;
    }

    public RuleHarness send(AuditEvent... events) throws Exception {
        for (SequenceHarness h : harnesses) {
            h.send(copies(events));
        }
        return this;
    }

    public RuleHarness watermark(long time) throws Exception {
        for (SequenceHarness h : harnesses) {
            h.watermark(time);
        }
        return this;
    }

    /** See {@link SequenceHarness#replay}; findings of all patterns, by first event time then rule. */
    public List<Finding> replay(long boundMillis, AuditEvent... events) throws Exception {
        List<Finding> out = new ArrayList<>();
        for (SequenceHarness h : harnesses) {
            out.addAll(h.replay(boundMillis, copies(events)));
        }
        out.sort(Comparator.comparingLong((Finding f) -> f.firstSeen).thenComparing(f -> f.findingId));
        return out;
    }

    public List<Finding> findings() throws Exception {
        List<Finding> out = new ArrayList<>();
        for (SequenceHarness h : harnesses) {
            out.addAll(h.findings());
        }
        out.sort(Comparator.comparingLong((Finding f) -> f.firstSeen).thenComparing(f -> f.findingId));
        return out;
    }

    public List<AuditEvent> late() {
        List<AuditEvent> out = new ArrayList<>();
        harnesses.forEach(h -> out.addAll(h.late()));
        return out;
    }

    public List<SequenceHarness.Snapshot> snapshot(long id) throws Exception {
        List<SequenceHarness.Snapshot> out = new ArrayList<>();
        for (SequenceHarness h : harnesses) {
            out.add(h.snapshot(id));
        }
        return out;
    }

    public List<SequenceHarness> harnesses() {
        return harnesses;
    }

    public List<SequencePattern> patterns() {
        return patterns;
    }

    /** The heap backend keeps references: each harness gets its own copy, as each operator would after a shuffle. */
    private static AuditEvent[] copies(AuditEvent... events) {
        AuditEvent[] out = new AuditEvent[events.length];
        for (int i = 0; i < events.length; i++) {
            out[i] = Events.copy(events[i]);
        }
        return out;
    }

    @Override
    public void close() throws Exception {
        for (SequenceHarness h : harnesses) {
            h.close();
        }
    }
}
