package io.trailhunt.detectors.firstseen;

import io.trailhunt.detectors.Detector;
import io.trailhunt.detectors.DetectorContext;
import io.trailhunt.detectors.common.Activity;
import io.trailhunt.detectors.common.LastSeen;
import io.trailhunt.detectors.common.Locations;
import io.trailhunt.detectors.common.Principals;
import io.trailhunt.detectors.common.Repeats;
import io.trailhunt.detectors.common.Timers;
import io.trailhunt.events.finding.FindingBuilder;
import io.trailhunt.events.model.AuditEvent;
import io.trailhunt.events.model.Severity;
import io.trailhunt.events.settings.Quantities;

import java.time.Duration;
import java.util.List;
import java.util.Locale;

/**
 * {@code new-source-ip}, {@code new-asn}, {@code new-country}: the first time in the look-back that
 * a principal succeeds from an address, a network (ASN) or a country. One instance per dimension,
 * each with its own state. A principal whose own history is shorter than the learning period raises
 * nothing (it is still being learned). Addresses that GeoIP flags as anonymizers are neither
 * reported nor learned: their place and network are the exit's ({@code anonymizing-network} reports
 * them). A value that is new in a coarser dimension whose rule is on is left to that rule: a new
 * country is one finding, not also a new ASN and a new address. After a finding, new values within
 * the quiet period are learned without one: a burst is one finding, the first.
 */
public final class FirstSeenDetector implements Detector<FirstSeenState> {
    private static final long serialVersionUID = 1L;
    /** Last-seen times are kept to the hour: precise enough for a look-back of days, and fewer state writes. */
    private static final long GRANULARITY = Duration.ofHours(1).toMillis();
    private static final int KNOWN_SHOWN = 5;

    private final Dimension dimension;
    private final FirstSeenSettings settings;
    private final Dimension[] coarserRulesOn;
    /** Built in the task on first use. */
    private transient AsnNames asnNames;

    /** @param coarserRulesOn the coarser dimensions whose rules are enabled (they report what is new there) */
    public FirstSeenDetector(Dimension dimension, FirstSeenSettings settings, List<Dimension> coarserRulesOn) {
        this.dimension = dimension;
        this.settings = settings;
        this.coarserRulesOn = coarserRulesOn.toArray(new Dimension[0]);
        for (Dimension c : coarserRulesOn) {
            if (c.ordinal() <= dimension.ordinal()) {
                throw new IllegalArgumentException(c + " is not coarser than " + dimension);
            }
        }
    }

    @Override
    public String ruleId() {
        return dimension.ruleId();
    }

    @Override
    public Class<FirstSeenState> stateClass() {
        return FirstSeenState.class;
    }

    @Override
    public Duration quietPeriod() {
        return settings.quietPeriod();
    }

    @Override
    public Duration stateTtl() {
        return settings.lookBack().plusDays(1);
    }

    @Override
    public boolean accepts(AuditEvent e) {
        return e.succeeded() && Principals.tracked(e);
    }

    @Override
    public FirstSeenState onEvent(FirstSeenState state, AuditEvent e, DetectorContext ctx) {
        if (settings.allow().allows(e)) {
            ctx.unchanged();
            return state;
        }
        long t = e.eventTime;
        boolean changed = false;
        FirstSeenState s = state;
        if (s == null) {
            s = new FirstSeenState();
            s.since = t;
            s.lastActive = t;
            changed = true;
        } else {
            if (t < s.since) {
                s.since = t;
                changed = true;
            }
            if (t - s.lastActive >= GRANULARITY) {
                s.lastActive = t;
                changed = true;
            }
        }
        if (asnNames == null) {
            asnNames = new AsnNames();
        }
        String value = Locations.anonymized(e) ? null : dimension.valueOf(e, asnNames);
        if (value != null) {
            changed |= observe(s, value, e, ctx);
        }
        if (s.timerAt == 0) {
            s.timerAt = nextTimer(s);
            ctx.registerTimer(s.timerAt);
            changed = true;
        }
        if (!changed) {
            ctx.unchanged();
        }
        return s;
    }

    /** Decides on the value, then remembers it; true when the state changed. */
    private boolean observe(FirstSeenState s, String value, AuditEvent e, DetectorContext ctx) {
        long t = e.eventTime;
        long horizon = t - settings.lookBack().toMillis();
        boolean isNew = !LastSeen.seenSince(s.values, value, horizon);
        boolean newCoarser = false;
        String[] coarserValues = new String[coarserRulesOn.length];
        for (int i = 0; i < coarserRulesOn.length; i++) {
            Dimension c = coarserRulesOn[i];
            coarserValues[i] = c.valueOf(e, asnNames);
            if (coarserValues[i] != null) {
                newCoarser |= !LastSeen.seenSince(c.coarserMap(s), coarserValues[i], horizon);
            }
        }
        boolean learned = t - s.since >= settings.learningPeriod().toMillis();
        boolean quiet = s.reportedAt != 0 && Math.abs(t - s.reportedAt) < settings.quietPeriod().toMillis();
        boolean changed = false;
        if (isNew && learned && !newCoarser && !quiet) {
            report(s, value, e, horizon, ctx);
            s.reportedAt = t;
            s.reportedValue = value;
            changed = true;
        } else if (isNew && learned && !newCoarser) {
            ctx.emit(Repeats.of(ruleId(), s.reportedValue, severity(Activity.sensitivity(e)), e)); // a burst: counted into the first
        }
        changed |= LastSeen.touch(s.values, value, t, settings.maxValues(), GRANULARITY);
        for (int i = 0; i < coarserRulesOn.length; i++) {
            if (coarserValues[i] != null) {
                changed |= LastSeen.touch(coarserRulesOn[i].coarserMap(s), coarserValues[i], t, settings.maxValues(), GRANULARITY);
            }
        }
        return changed;
    }

    @Override
    public FirstSeenState onTimer(FirstSeenState s, long timestamp, DetectorContext ctx) {
        if (s.timerAt == 0 || timestamp < s.timerAt) {
            ctx.unchanged();
            return s; // another detector's timer
        }
        long horizon = timestamp - settings.lookBack().toMillis();
        LastSeen.forgetUntil(s.values, horizon);
        LastSeen.forgetUntil(s.asns, horizon);
        LastSeen.forgetUntil(s.countries, horizon);
        if (s.values.isEmpty() && s.asns.isEmpty() && s.countries.isEmpty() && s.lastActive <= horizon) {
            return null; // not seen for the whole look-back: a stranger again
        }
        s.timerAt = Timers.next(due(s), timestamp);
        ctx.registerTimer(s.timerAt);
        return s;
    }

    private long nextTimer(FirstSeenState s) {
        return Timers.at(due(s));
    }

    /**
     * When the oldest value is forgotten; with none left, when the principal itself is. (lastActive
     * is kept to the hour and may lag a value's last-seen time, so it only counts when no value is left.)
     */
    private long due(FirstSeenState s) {
        long oldest = Math.min(LastSeen.oldest(s.values), Math.min(LastSeen.oldest(s.asns), LastSeen.oldest(s.countries)));
        return (oldest == Long.MAX_VALUE ? s.lastActive : oldest) + settings.lookBack().toMillis();
    }

    private void report(FirstSeenState s, String value, AuditEvent e, long horizon, DetectorContext ctx) {
        String sensitivity = Activity.sensitivity(e);
        Severity severity = severity(sensitivity);
        List<String> known = LastSeen.mostRecent(s.values, KNOWN_SHOWN, horizon);
        String place = Locations.describe(e.geo == null ? (e.providerGeo == null ? null : e.providerGeo.city) : e.geo.city,
                Locations.country(e), null);
        double historyDays = (e.eventTime - s.since) / 86_400_000.0;
        FindingBuilder b = FindingBuilder.rule(ruleId())
                .about(e)
                .title("First activity from a new " + dimension.noun() + ": " + label(value, e))
                .severity(severity)
                .mitre("T1078.004")
                .subject(value)
                .fact(dimension == Dimension.SOURCE_IP ? "source_ip" : dimension == Dimension.ASN ? "asn" : "country", value)
                .fact("source_ip", e.sourceIp)
                .fact("place", place)
                .fact("as_org", e.geo == null ? null : e.geo.asOrg)
                .fact("known", known.isEmpty() ? null : String.join(",", known))
                .fact("history_days", String.format(Locale.ROOT, "%.1f", historyDays))
                .fact("look_back", Quantities.format(settings.lookBack()))
                .fact("action_sensitivity", sensitivity)
                .evidence(e);
        b.explanation(explain(e, value, known, historyDays, sensitivity));
        ctx.emit(b.build());
    }

    /**
     * Rises with the dimension (address low, network medium, country high), and one step when what
     * was done from there is sensitive: an interactive sign-in, a credential creation or a data read.
     * A new country with any of these is critical.
     */
    Severity severity(String sensitivity) {
        Severity s = dimension.severity();
        return sensitivity == null ? s : s.raise();
    }

    private String label(String value, AuditEvent e) {
        if (dimension == Dimension.ASN && e.geo != null && e.geo.asOrg != null) {
            return value + " (" + e.geo.asOrg + ")";
        }
        return value;
    }

    private String explain(AuditEvent e, String value, List<String> known, double historyDays, String sensitivity) {
        StringBuilder sb = new StringBuilder();
        sb.append(e.principal).append(" acted from ").append(dimension.noun()).append(' ').append(label(value, e))
                .append(" for the first time in ").append(Quantities.format(settings.lookBack())).append(": ")
                .append(e.service).append(' ').append(e.action);
        if (sensitivity != null) {
            sb.append(" (a ").append(sensitivity).append(')');
        }
        if (e.sourceIp != null && dimension != Dimension.SOURCE_IP) {
            sb.append(" from ").append(e.sourceIp);
        }
        sb.append(String.format(Locale.ROOT, ". In %.0f days of history it acted from ", historyDays));
        sb.append(known.isEmpty() ? "no known " + dimension.noun() : String.join(", ", known));
        sb.append(". Confirm with the owner that this was them (travel, a new provider, a new office); if not, revoke its sessions and keys.");
        return sb.toString();
    }
}
