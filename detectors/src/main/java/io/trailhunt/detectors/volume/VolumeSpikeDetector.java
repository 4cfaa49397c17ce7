package io.trailhunt.detectors.volume;

import io.trailhunt.detectors.Detector;
import io.trailhunt.detectors.common.Principals;
import io.trailhunt.detectors.DetectorContext;
import io.trailhunt.detectors.common.ForgetTimer;
import io.trailhunt.detectors.PrincipalRef;
import io.trailhunt.detectors.stats.Confidence;
import io.trailhunt.detectors.stats.EwmaTable;
import io.trailhunt.detectors.stats.ZScore;
import io.trailhunt.events.finding.FindingBuilder;
import io.trailhunt.events.model.AuditEvent;
import io.trailhunt.events.model.Evidence;
import io.trailhunt.events.model.Severity;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;

/**
 * {@code volume-spike}: a principal's calls of one class (data, IAM, write, list, read) in one
 * hour, against its own baseline: an exponentially weighted mean and variance of its hourly
 * counts, zeros for idle hours included, taken for the same hour of day once that has
 * {@code seasonal-min-days} of history and over all hours before. A spike is a count of at least
 * {@code min-count} more than {@code k} standard deviations above the mean (the deviation is at
 * least the Poisson spread, see {@link ZScore}). An hour is judged when the watermark passes its
 * end (timer), or when events of later hours no longer leave room for it (lazily); spikes enter
 * the baseline clipped to mean + k·σ so one burst does not teach that bursts are normal.
 */
public final class VolumeSpikeDetector implements Detector<VolumeState> {
    public static final String RULE_ID = "volume-spike";
    private static final long serialVersionUID = 1L;
    private static final long HOUR = 3_600_000L;
    private static final long DAY = 86_400_000L;
    /** Idle hours longer ago than this add nothing more to a baseline that is already near zero. */
    private static final int MAX_ZERO_HOURS = 24 * 28;

    private final VolumeSpikeSettings settings;
    private final double alpha;
    private final double seasonalAlpha;

    public VolumeSpikeDetector(VolumeSpikeSettings settings) {
        this.settings = settings;
        this.alpha = EwmaTable.alphaForSpan(settings.spanHours());
        this.seasonalAlpha = EwmaTable.alphaForSpan(settings.seasonalSpanDays());
    }

    @Override
    public String ruleId() {
        return RULE_ID;
    }

    @Override
    public Class<VolumeState> stateClass() {
        return VolumeState.class;
    }

    @Override
    public Duration stateTtl() {
        return settings.forgetAfter().plusDays(2);
    }

    @Override
    public boolean accepts(AuditEvent e) {
        // Every call of a person or workload teaches the baseline. Anonymous callers (one key per internet address), cloud
        // services acting for the account and calls without a principal (one key per account) have no rhythm of their own.
        return Principals.tracked(e);
    }

    @Override
    public VolumeState onEvent(VolumeState state, AuditEvent e, DetectorContext ctx) {
        if (settings.allow().allows(e)) {
            return state;
        }
        long hour = Math.floorDiv(e.eventTime, HOUR);
        VolumeState s = state;
        if (s == null) {
            s = new VolumeState();
            s.who = PrincipalRef.of(e);
            s.firstHour = hour;
        } else if (hour < s.firstHour && s.lastClosedHour == Long.MIN_VALUE) {
            s.firstHour = hour;
        }
        closeUpTo(s, ctx.currentWatermark(), ctx);
        if (hour <= s.lastClosedHour) {
            return s; // its hour is already judged: too late to count
        }
        boolean open = isOpen(s, hour);
        int slot;
        while ((slot = slotOf(s, hour)) < 0) {
            // No free slot: judge the oldest open hour now rather than lose this one.
            closeHour(s, oldestOpen(s), ctx);
        }
        if (!open) {
            ctx.registerTimer((hour + 1) * HOUR);
        }
        int cls = ActionClass.classify(e).ordinal();
        s.openCounts[slot * VolumeState.CLASSES + cls]++;
        sample(s, e, hour, cls);
        long forgetAt = Math.floorDiv(e.eventTime + settings.forgetAfter().toMillis() + DAY - 1, DAY) * DAY;
        if (forgetAt > s.forgetAt) {
            s.forgetAt = forgetAt;
        }
        s.forgetTimerAt = ForgetTimer.afterActivity(s.forgetTimerAt, s.forgetAt, ctx);
        return s;
    }

    @Override
    public VolumeState onTimer(VolumeState s, long timestamp, DetectorContext ctx) {
        closeUpTo(s, timestamp, ctx);
        s.forgetTimerAt = ForgetTimer.onTimer(s.forgetTimerAt, s.forgetAt, timestamp, ctx);
        if (timestamp >= s.forgetAt && oldestOpen(s) == Long.MIN_VALUE) {
            return null;
        }
        return s;
    }

    private static boolean isOpen(VolumeState s, long hour) {
        for (long h : s.openHours) {
            if (h == hour) {
                return true;
            }
        }
        return false;
    }

    /** The slot of an open hour, opening it when there is room; -1 when full. */
    private static int slotOf(VolumeState s, long hour) {
        int free = -1;
        for (int i = 0; i < VolumeState.OPEN_HOURS; i++) {
            if (s.openHours[i] == hour) {
                return i;
            }
            if (free < 0 && s.openHours[i] == Long.MIN_VALUE) {
                free = i;
            }
        }
        if (free >= 0) {
            s.openHours[free] = hour;
            return free;
        }
        return -1;
    }

    private static long oldestOpen(VolumeState s) {
        long oldest = Long.MIN_VALUE;
        for (long h : s.openHours) {
            if (h != Long.MIN_VALUE && (oldest == Long.MIN_VALUE || h < oldest)) {
                oldest = h;
            }
        }
        return oldest;
    }

    private void closeUpTo(VolumeState s, long time, DetectorContext ctx) {
        long h;
        while ((h = oldestOpen(s)) != Long.MIN_VALUE && (h + 1) * HOUR <= time) {
            closeHour(s, h, ctx);
        }
    }

    /** Judges one hour and feeds it, and the idle hours before it, into the baselines. */
    private void closeHour(VolumeState s, long hour, DetectorContext ctx) {
        int slot = -1;
        for (int i = 0; i < VolumeState.OPEN_HOURS; i++) {
            if (s.openHours[i] == hour) {
                slot = i;
            }
        }
        long from = s.lastClosedHour == Long.MIN_VALUE ? s.firstHour : s.lastClosedHour + 1;
        from = Math.max(from, hour - MAX_ZERO_HOURS);
        for (long idle = from; idle < hour; idle++) {
            for (int c = 0; c < VolumeState.CLASSES; c++) {
                learn(s.baselines, c, hourOfDay(idle), 0);
            }
        }
        boolean ready = (hour - s.firstHour) * HOUR >= settings.minHistory().toMillis();
        for (int c = 0; c < VolumeState.CLASSES; c++) {
            int x = s.openCounts[slot * VolumeState.CLASSES + c];
            int hod = hourOfDay(hour);
            int idx = s.baselines.count(VolumeState.seasonal(c, hod)) >= settings.seasonalMinDays()
                    ? VolumeState.seasonal(c, hod) : VolumeState.global(c);
            double mean = s.baselines.mean(idx);
            double sd = ZScore.effectiveStdDev(mean, s.baselines.stdDev(idx));
            double z = (x - mean) / sd;
            if (ready && x >= settings.minCount() && z >= settings.k()) {
                report(s, ctx, hour, c, x, mean, s.baselines.stdDev(idx), z, idx == VolumeState.global(c));
            }
            learn(s.baselines, c, hod, ready ? Math.min(x, mean + settings.k() * sd) : x);
            s.openCounts[slot * VolumeState.CLASSES + c] = 0;
        }
        s.openHours[slot] = Long.MIN_VALUE;
        s.lastClosedHour = Math.max(s.lastClosedHour, hour);
        String tag = Long.toString(hour);
        s.samples.removeIf(ev -> tag.equals(ev.details.get("volume_hour")));
    }

    private void learn(EwmaTable t, int cls, int hourOfDay, double x) {
        t.update(VolumeState.global(cls), x, alpha);
        t.update(VolumeState.seasonal(cls, hourOfDay), x, seasonalAlpha);
    }

    private static int hourOfDay(long epochHour) {
        return (int) Math.floorMod(epochHour, 24L);
    }

    /** Keeps the first few events of each hour and class, and the latest ones. */
    private static void sample(VolumeState s, AuditEvent e, long hour, int cls) {
        String h = Long.toString(hour);
        String c = ActionClass.values()[cls].id();
        int seen = 0;
        int fourth = -1;
        for (int i = 0; i < s.samples.size(); i++) {
            Evidence ev = s.samples.get(i);
            if (h.equals(ev.details.get("volume_hour")) && c.equals(ev.details.get("volume_class"))) {
                seen++;
                if (seen == VolumeState.FIRST_SAMPLES + 1) {
                    fourth = i;
                }
            }
        }
        if (seen >= VolumeState.FIRST_SAMPLES + VolumeState.LAST_SAMPLES) {
            s.samples.remove(fourth);
        }
        s.samples.add(Evidence.of(e).withDetail("volume_hour", h).withDetail("volume_class", c));
    }

    private void report(VolumeState s, DetectorContext ctx, long hour, int cls, int x, double mean, double sd, double z, boolean allHours) {
        ActionClass ac = ActionClass.values()[cls];
        String h = Long.toString(hour);
        List<Evidence> evidence = new ArrayList<>();
        for (Iterator<Evidence> it = s.samples.iterator(); it.hasNext(); ) {
            Evidence ev = it.next();
            if (h.equals(ev.details.get("volume_hour")) && ac.id().equals(ev.details.get("volume_class"))) {
                evidence.add(ev);
            }
        }
        String from = Instant.ofEpochMilli(hour * HOUR).toString();
        String meanText = String.format(Locale.ROOT, "%.1f", mean);
        String sdText = String.format(Locale.ROOT, "%.1f", sd);
        String zText = String.format(Locale.ROOT, "%.1f", z);
        FindingBuilder f = FindingBuilder.rule(RULE_ID)
                .about(s.who.asEvent())
                .title("Volume spike: " + x + " " + ac.id() + " calls in one hour (usually " + meanText + ")")
                .severity(ac == ActionClass.DATA || ac == ActionClass.IAM || ac == ActionClass.WRITE ? Severity.MEDIUM : Severity.LOW)
                .confidence(Confidence.over(z, settings.k()))
                .subject(ac.id())
                .fact("class", ac.id())
                .fact("hour", from)
                .fact("count", x)
                .fact("baseline_mean", meanText)
                .fact("baseline_stddev", sdText)
                .fact("stddev_used", String.format(Locale.ROOT, "%.1f", ZScore.effectiveStdDev(mean, sd)))
                .fact("z_score", zText)
                .fact("baseline", allHours ? "all hours" : "same hour of day")
                .fact("k", settings.k())
                .fact("min_count", settings.minCount())
                .evidence(evidence);
        switch (ac) {
            case DATA -> f.mitre("T1530");
            case IAM -> f.mitre("T1087.004");
            case LIST, READ -> f.mitre("T1580");
            default -> { }
        }
        f.explanation(s.who.principal + " made " + x + " " + ac.id() + " calls in the hour from " + from + "; its baseline for "
                + (allHours ? "all hours" : "that hour of day") + " is " + meanText + " calls (standard deviation " + sdText
                + ", at least the Poisson spread " + String.format(Locale.ROOT, "%.1f", ZScore.effectiveStdDev(mean, sd)) + "), so this is "
                + zText + " standard deviations above it (threshold " + settings.k() + " and at least " + settings.minCount()
                + " calls). Check what the principal was doing; a sudden rise in " + ac.id() + " calls is typical of discovery or exfiltration.");
        ctx.emit(f.build());
    }
}
