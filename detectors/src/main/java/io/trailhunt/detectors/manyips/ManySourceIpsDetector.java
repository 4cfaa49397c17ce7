package io.trailhunt.detectors.manyips;

import io.trailhunt.detectors.Detector;
import io.trailhunt.detectors.DetectorContext;
import io.trailhunt.detectors.common.Networks;
import io.trailhunt.detectors.common.Principals;
import io.trailhunt.detectors.common.Repeats;
import io.trailhunt.detectors.common.Timers;
import io.trailhunt.events.finding.FindingBuilder;
import io.trailhunt.events.model.AuditEvent;
import io.trailhunt.events.model.Severity;
import io.trailhunt.events.settings.Quantities;

import java.time.Duration;
import java.util.HashSet;
import java.util.Iterator;
import java.util.Set;
import java.util.TreeSet;

/**
 * {@code many-source-ips}: a principal succeeds from more than {@code max-addresses} distinct public
 * addresses within a sliding window (a day by default): credentials shared, sold, or driven through
 * a proxy pool. Private addresses do not count (a fleet behind NAT is one place); IPv6 addresses
 * count by their /64 (one subscriber's privacy addresses are one). Reported once per window; the
 * evidence is the latest call from each address.
 */
public final class ManySourceIpsDetector implements Detector<ManySourceIpsState> {
    public static final String RULE_ID = "many-source-ips";
    private static final long serialVersionUID = 1L;
    /** A known address seen again this soon is not written back: the window is days, not minutes. */
    private static final long GRANULARITY = Duration.ofMinutes(5).toMillis();
    private static final int MANY_COUNTRIES = 3;
    private static final String SUBJECT = "window";

    private final ManySourceIpsSettings settings;

    public ManySourceIpsDetector(ManySourceIpsSettings settings) {
        this.settings = settings;
    }

    @Override
    public String ruleId() {
        return RULE_ID;
    }

    @Override
    public Class<ManySourceIpsState> stateClass() {
        return ManySourceIpsState.class;
    }

    @Override
    public Duration quietPeriod() {
        return settings.window();
    }

    @Override
    public Duration stateTtl() {
        return settings.window().plus(Duration.ofMillis(Timers.IDLE)).plusDays(1);
    }

    @Override
    public boolean accepts(AuditEvent e) {
        return e.succeeded() && Principals.tracked(e) && Networks.isPublic(e.sourceIp);
    }

    @Override
    public ManySourceIpsState onEvent(ManySourceIpsState state, AuditEvent e, DetectorContext ctx) {
        if (settings.allow().allows(e)) {
            ctx.unchanged();
            return state;
        }
        long t = e.eventTime;
        ManySourceIpsState s = state == null ? new ManySourceIpsState() : state;
        String address = Networks.subscriber(e.sourceIp);
        Sighting known = find(s, address);
        if (known != null) {
            // Only a new address can raise the count; a known one just stays in the window.
            if (t - known.lastSeen >= GRANULARITY) {
                known.update(e);
                return s;
            }
            ctx.unchanged();
            return s;
        }
        s.sightings.add(Sighting.of(e, address));
        long horizon = t - settings.window().toMillis();
        s.sightings.removeIf(x -> x.lastSeen <= horizon);
        while (s.sightings.size() > settings.tracked()) {
            s.sightings.remove(leastRecent(s));
        }
        if (s.sightings.size() > settings.maxAddresses()) {
            if (s.reportedAt == 0 || t - s.reportedAt >= settings.window().toMillis()) {
                report(s, e, ctx);
                s.reportedAt = t;
            } else {
                ctx.emit(Repeats.of(RULE_ID, SUBJECT, severity(s), e)); // one more address: counted into the open finding
            }
        }
        if (s.timerAt == 0) {
            s.timerAt = nextTimer(s);
            ctx.registerTimer(s.timerAt);
        }
        return s;
    }

    @Override
    public ManySourceIpsState onTimer(ManySourceIpsState s, long timestamp, DetectorContext ctx) {
        if (s.timerAt == 0 || timestamp < s.timerAt) {
            ctx.unchanged();
            return s;
        }
        long horizon = timestamp - settings.window().toMillis();
        s.sightings.removeIf(x -> x.lastSeen <= horizon);
        if (s.sightings.isEmpty() && s.reportedAt <= horizon) {
            return null;
        }
        s.timerAt = Timers.next(due(s), timestamp);
        ctx.registerTimer(s.timerAt);
        return s;
    }

    private long nextTimer(ManySourceIpsState s) {
        return Timers.at(due(s));
    }

    /**
     * A window after the principal's last sighting (or finding), but not before it has been idle for
     * {@link Timers#IDLE}: an active principal's old sightings are pruned by its next new address,
     * so its timer need not fire every day.
     */
    private long due(ManySourceIpsState s) {
        long newest = s.reportedAt;
        for (Sighting x : s.sightings) {
            newest = Math.max(newest, x.lastSeen);
        }
        return newest + Math.max(settings.window().toMillis(), Timers.IDLE);
    }

    private static Sighting find(ManySourceIpsState s, String address) {
        for (Sighting x : s.sightings) {
            if (x.counted().equals(address)) {
                return x;
            }
        }
        return null;
    }

    private static int leastRecent(ManySourceIpsState s) {
        int idx = 0;
        for (int i = 1; i < s.sightings.size(); i++) {
            if (s.sightings.get(i).lastSeen < s.sightings.get(idx).lastSeen) {
                idx = i;
            }
        }
        return idx;
    }

    private static Severity severity(ManySourceIpsState s) {
        Set<String> countries = new HashSet<>();
        for (Sighting x : s.sightings) {
            if (x.countryIso != null) {
                countries.add(x.countryIso);
            }
        }
        return countries.size() >= MANY_COUNTRIES ? Severity.HIGH : Severity.MEDIUM;
    }

    private void report(ManySourceIpsState s, AuditEvent e, DetectorContext ctx) {
        TreeSet<String> countries = new TreeSet<>();
        TreeSet<Long> asns = new TreeSet<>();
        for (Sighting x : s.sightings) {
            if (x.countryIso != null) {
                countries.add(x.countryIso);
            }
            if (x.asn != null) {
                asns.add(x.asn);
            }
        }
        int n = s.sightings.size();
        String window = Quantities.format(settings.window());
        FindingBuilder b = FindingBuilder.rule(RULE_ID)
                .about(e)
                .title(n + " source addresses within " + window)
                .severity(severity(s))
                .mitre("T1078.004")
                .subject(SUBJECT)
                .fact("distinct_addresses", n)
                .fact("max_addresses", settings.maxAddresses())
                .fact("window", window)
                .fact("countries", countries.isEmpty() ? null : String.join(",", countries))
                .fact("asns", asns.isEmpty() ? null : asns.size());
        for (Iterator<Sighting> it = s.sightings.iterator(); it.hasNext(); ) {
            Sighting x = it.next();
            if (x.eventId != null && x.eventId.equals(e.eventId)) {
                continue;
            }
            b.evidence(x.evidence());
        }
        b.evidence(e);
        b.explanation(e.principal + " succeeded from " + n + " different public addresses within " + window
                + (countries.isEmpty() ? "" : " (" + String.join(", ", countries) + ")")
                + ", more than the " + settings.maxAddresses() + " expected. Its credentials may be in several hands or driven"
                + " through a proxy pool: check whether these addresses are the owner's (mobile network, VPN) and rotate the credentials if not.");
        ctx.emit(b.build());
    }
}
