package io.trailhunt.detectors.hours;

import io.trailhunt.detectors.Detector;
import io.trailhunt.detectors.common.Principals;
import io.trailhunt.detectors.DetectorContext;
import io.trailhunt.detectors.common.ForgetTimer;
import io.trailhunt.detectors.PrincipalRef;
import io.trailhunt.detectors.stats.Confidence;
import io.trailhunt.detectors.stats.HourOfWeek;
import io.trailhunt.events.finding.FindingBuilder;
import io.trailhunt.events.model.AuditEvent;
import io.trailhunt.events.model.Evidence;
import io.trailhunt.events.model.Severity;

import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.time.temporal.ChronoUnit;
import java.util.Locale;

/**
 * {@code after-hours-access}: data access, secret reads or sensitive changes outside business
 * hours in the principal's zone, reported only when the principal rarely acts at that hour of the
 * week by its own learned histogram (fewer than {@code rare-share} of its earlier weeks, looking at
 * the hour and its two neighbours), so people who always work nights are left alone. Every event
 * teaches the histogram; a principal is judged only after {@code min-history}. The rare calls of
 * one hour are reported together when that hour is over (by timer, or by the principal's next
 * event in a later hour when the timer is late).
 */
public final class AfterHoursDetector implements Detector<AfterHoursState> {
    public static final String RULE_ID = "after-hours-access";
    private static final long serialVersionUID = 1L;
    private static final long HOUR = 3_600_000L;
    private static final long DAY = 86_400_000L;

    private final AfterHoursSettings settings;

    public AfterHoursDetector(AfterHoursSettings settings) {
        this.settings = settings;
    }

    @Override
    public String ruleId() {
        return RULE_ID;
    }

    @Override
    public Class<AfterHoursState> stateClass() {
        return AfterHoursState.class;
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
    public AfterHoursState onEvent(AfterHoursState state, AuditEvent e, DetectorContext ctx) {
        if (settings.allow().allows(e)) {
            return state;
        }
        boolean changed = false;
        AfterHoursState s = state;
        if (s == null) {
            s = new AfterHoursState();
            s.who = PrincipalRef.of(e);
            s.firstSeen = e.eventTime;
            changed = true;
        } else if (e.eventTime < s.firstSeen) {
            s.firstSeen = e.eventTime;
            changed = true;
        }
        ZoneId zone = settings.zones().of(e.principal);
        ZonedDateTime local = Instant.ofEpochMilli(e.eventTime).atZone(zone);
        long hourStart = local.truncatedTo(ChronoUnit.HOURS).toInstant().toEpochMilli();
        if (s.pendingHour != Long.MIN_VALUE && hourStart > s.pendingHour) {
            report(s, ctx, zone);
            changed = true;
        }
        changed |= s.histogram.record(e.eventTime, zone, settings.decay());

        String kind = SensitiveCalls.kind(e);
        if (kind != null && !settings.businessHours().contains(local) && hasHistory(s, e.eventTime)) {
            int slot = HourOfWeek.slot(e.eventTime, zone);
            double share = usualShare(s, slot);
            if (share < settings.rareShare()) {
                addPending(s, e, kind, slot, share, hourStart);
                ctx.registerTimer(s.pendingHour + HOUR);
                changed = true;
            }
        }
        long forgetAt = roundUp(e.eventTime + settings.forgetAfter().toMillis(), DAY);
        if (forgetAt > s.forgetAt) {
            s.forgetAt = forgetAt;
            changed = true;
        }
        long pending = ForgetTimer.afterActivity(s.forgetTimerAt, s.forgetAt, ctx);
        if (pending != s.forgetTimerAt) {
            s.forgetTimerAt = pending;
            changed = true;
        }
        if (!changed) {
            ctx.unchanged();
        }
        return s;
    }

    @Override
    public AfterHoursState onTimer(AfterHoursState s, long timestamp, DetectorContext ctx) {
        if (s.pendingHour != Long.MIN_VALUE && timestamp >= s.pendingHour + HOUR) {
            report(s, ctx, settings.zones().of(s.who.principal));
        }
        s.forgetTimerAt = ForgetTimer.onTimer(s.forgetTimerAt, s.forgetAt, timestamp, ctx);
        if (timestamp >= s.forgetAt) {
            return null;
        }
        return s;
    }

    private boolean hasHistory(AfterHoursState s, long now) {
        return now - s.firstSeen >= settings.minHistory().toMillis() && s.histogram.earlierWeeks() >= 1.0 - 1e-6
                && s.histogram.activeHoursBefore() >= settings.minActiveHours();
    }

    /** The most the principal acted in this hour or the ones beside it, as a share of its earlier weeks. */
    private static double usualShare(AfterHoursState s, int slot) {
        double share = s.histogram.shareBefore(slot);
        share = Math.max(share, s.histogram.shareBefore(HourOfWeek.offset(slot, -1)));
        return Math.max(share, s.histogram.shareBefore(HourOfWeek.offset(slot, 1)));
    }

    private static void addPending(AfterHoursState s, AuditEvent e, String kind, int slot, double share, long hourStart) {
        if (s.pendingHour == Long.MIN_VALUE) {
            s.pendingHour = hourStart;
            s.pendingSlot = slot;
            s.pendingShare = share;
            s.pendingKinds = kind;
        } else if (!s.pendingKinds.contains(kind)) {
            s.pendingKinds = s.pendingKinds + ", " + kind;
        }
        s.pendingCalls++;
        // The first calls of the hour and the latest few, so the finding spans the whole hour.
        if (s.pendingEvidence.size() >= AfterHoursState.MAX_EVIDENCE) {
            s.pendingEvidence.remove(AfterHoursState.MAX_EVIDENCE - AfterHoursState.LATEST_EVIDENCE);
        }
        s.pendingEvidence.add(Evidence.of(e).withDetail("after_hours", kind));
    }

    private void report(AfterHoursState s, DetectorContext ctx, ZoneId zone) {
        ZonedDateTime local = Instant.ofEpochMilli(s.pendingHour).atZone(zone);
        String slot = HourOfWeek.describe(s.pendingSlot);
        String share = String.format(Locale.ROOT, "%.2f", s.pendingShare);
        String weeks = String.format(Locale.ROOT, "%.1f", s.histogram.earlierWeeks());
        boolean sensitive = s.pendingKinds.contains("secret") || s.pendingKinds.contains("change");
        BusinessHours bh = settings.businessHours();
        FindingBuilder f = FindingBuilder.rule(RULE_ID)
                .about(s.who.asEvent())
                .title("After-hours " + s.pendingKinds.split(",")[0] + " at a rare hour: " + slot + " " + zone.getId())
                .severity(sensitive ? Severity.MEDIUM : Severity.LOW)
                .confidence(Confidence.under(s.pendingShare, settings.rareShare()))
                .mitre("T1078")
                .subject(slot)
                .fact("calls", s.pendingCalls)
                .fact("kinds", s.pendingKinds)
                .fact("local_hour", local.toLocalDateTime().toString())
                .fact("time_zone", zone.getId())
                .fact("hour_of_week", slot)
                .fact("share_of_earlier_weeks", share)
                .fact("earlier_weeks", weeks)
                .fact("rare_share", settings.rareShare())
                .fact("business_hours", bh.start() + "-" + bh.end() + " " + AfterHoursSettings.describeDays(bh.days()))
                .evidence(s.pendingEvidence);
        f.explanation(s.who.principal + " made " + s.pendingCalls + (s.pendingCalls == 1 ? " call" : " calls") + " (" + s.pendingKinds
                + ") on " + local.getDayOfWeek().getDisplayName(java.time.format.TextStyle.FULL, Locale.ENGLISH) + " " + local.toLocalDate()
                + " between " + local.toLocalTime() + " and " + local.plusHours(1).toLocalTime() + " " + zone.getId()
                + ", outside business hours; it acted in that hour of the week (or the hours beside it) in " + share
                + " of its " + weeks + " earlier weeks. Confirm with the owner that this was them.");
        ctx.emit(f.build());
        s.pendingHour = Long.MIN_VALUE;
        s.pendingCalls = 0;
        s.pendingKinds = null;
        s.pendingShare = 0;
        s.pendingEvidence.clear();
    }

    private static long roundUp(long t, long unit) {
        return Math.floorDiv(t + unit - 1, unit) * unit;
    }
}
