package io.trailhunt.detectors.travel;

import io.trailhunt.detectors.Detector;
import io.trailhunt.detectors.DetectorContext;
import io.trailhunt.detectors.common.Locations;
import io.trailhunt.detectors.common.NetworkKinds;
import io.trailhunt.detectors.common.Principals;
import io.trailhunt.detectors.common.Timers;
import io.trailhunt.events.finding.FindingBuilder;
import io.trailhunt.events.model.AuditEvent;
import io.trailhunt.events.model.Category;
import io.trailhunt.events.model.Geo;
import io.trailhunt.events.model.Severity;

import java.time.Duration;
import java.time.Instant;
import java.util.Locale;

/**
 * {@code impossible-travel}: one principal succeeds from two places that no one could travel
 * between in the time between them. Each located success is compared with the principal's previous
 * one: the great-circle distance less both places' accuracy radii must exceed {@code min-distance-km}
 * and, over the time between them, {@code max-speed-kmh}. Anonymizers and hosting providers only
 * give the exit's place: pairs with them are reported at low severity, or ignored. Known egress
 * networks are ignored altogether. While impossible pairs keep coming within the suppression window
 * (a principal used from two places at once flips between them), one finding tells the story.
 */
public final class ImpossibleTravelDetector implements Detector<ImpossibleTravelState> {
    public static final String RULE_ID = "impossible-travel";
    private static final long serialVersionUID = 1L;
    private static final long HOUR = Duration.ofHours(1).toMillis();
    /** A second event at the same spot this soon after the last is not written back (state writes cost). */
    private static final long SAME_SPOT_GRANULARITY = Duration.ofMinutes(1).toMillis();
    /** Gaps are counted as at least a minute: log times are to the second, and a zero gap has no speed. */
    private static final long MIN_GAP = Duration.ofMinutes(1).toMillis();

    private final ImpossibleTravelSettings settings;
    /** After this long, no next place can be impossible from the last one: the state can go. */
    private final long usefulMillis;

    public ImpossibleTravelDetector(ImpossibleTravelSettings settings) {
        this.settings = settings;
        this.usefulMillis = (long) Math.ceil(GreatCircle.MAX_DISTANCE_KM / settings.maxSpeedKmh() * HOUR);
    }

    @Override
    public String ruleId() {
        return RULE_ID;
    }

    @Override
    public Class<ImpossibleTravelState> stateClass() {
        return ImpossibleTravelState.class;
    }

    @Override
    public Duration stateTtl() {
        return Duration.ofMillis(Math.max(usefulMillis, Timers.IDLE)).plus(settings.suppressionWindow()).plusDays(1);
    }

    @Override
    public boolean accepts(AuditEvent e) {
        return e.succeeded() && Principals.tracked(e) && (settings.includeApiCalls() || e.category == Category.SIGN_IN);
    }

    @Override
    public ImpossibleTravelState onEvent(ImpossibleTravelState state, AuditEvent e, DetectorContext ctx) {
        Geo g = Locations.located(e);
        if (g == null || settings.allow().allows(e) || settings.egress().allows(e)) {
            ctx.unchanged();
            return state;
        }
        String weak = NetworkKinds.first(e.geo);
        if (weak != null && settings.skipAnonymizers()) {
            ctx.unchanged();
            return state;
        }
        Place here = Place.of(e, g, weak);
        ImpossibleTravelState s = state == null ? new ImpossibleTravelState() : state;
        Place last = s.last;
        if (last != null) {
            if (here.sameSpot(last)) {
                if (here.eventTime >= last.eventTime && here.eventTime - last.eventTime < SAME_SPOT_GRANULARITY) {
                    ctx.unchanged();
                    return s;
                }
            } else {
                compare(s, last, here, e, ctx);
            }
        }
        if (last == null || here.eventTime >= last.eventTime) {
            s.last = here;
        }
        if (s.timerAt == 0) {
            s.timerAt = Timers.at(expiry(s));
            ctx.registerTimer(s.timerAt);
        }
        return s;
    }

    @Override
    public ImpossibleTravelState onTimer(ImpossibleTravelState s, long timestamp, DetectorContext ctx) {
        if (s.timerAt == 0 || timestamp < s.timerAt) {
            ctx.unchanged();
            return s; // another detector's timer
        }
        if (expiry(s) <= timestamp) {
            return null;
        }
        s.timerAt = Timers.next(expiry(s), timestamp);
        ctx.registerTimer(s.timerAt);
        return s;
    }

    /**
     * When the state can go: once no next place could be impossible from the last one (and the quiet
     * window is over), and not before the principal has been idle for {@link Timers#IDLE}, so that an
     * active principal's timer does not fire every day.
     */
    private long expiry(ImpossibleTravelState s) {
        long lastUse = s.last == null ? 0 : s.last.eventTime + Math.max(usefulMillis, Timers.IDLE);
        return Math.max(lastUse, s.quietUntil);
    }

    private void compare(ImpossibleTravelState s, Place last, Place here, AuditEvent e, DetectorContext ctx) {
        double distance = GreatCircle.km(last.latitude, last.longitude, here.latitude, here.longitude);
        int allowance = last.accuracyKm + here.accuracyKm;
        double effective = Math.max(0, distance - allowance);
        long gap = Math.abs(here.eventTime - last.eventTime);
        double speed = effective / (Math.max(gap, MIN_GAP) / (double) HOUR);
        if (effective < settings.minDistanceKm() || speed <= settings.maxSpeedKmh()) {
            return;
        }
        long window = settings.suppressionWindow().toMillis();
        boolean repeat = s.quietUntil != 0 && here.eventTime < s.quietUntil;
        s.quietUntil = Math.max(s.quietUntil, here.eventTime + window);
        if (repeat) {
            return;
        }
        Place from = last.eventTime <= here.eventTime ? last : here;
        Place to = from == last ? here : last;
        String weak = from.weakBecause != null ? from.weakBecause : to.weakBecause;
        FindingBuilder b = FindingBuilder.rule(RULE_ID)
                .about(e)
                .title("Impossible travel: " + from.describe() + " to " + to.describe())
                .severity(weak == null ? Severity.HIGH : Severity.LOW)
                .mitre("T1078.004")
                .subject(from.describe() + " -> " + to.describe())
                .fact("from", from.describe())
                .fact("to", to.describe())
                .fact("from_ip", from.sourceIp)
                .fact("to_ip", to.sourceIp)
                .fact("from_time", Instant.ofEpochMilli(from.eventTime))
                .fact("to_time", Instant.ofEpochMilli(to.eventTime))
                .fact("distance_km", Math.round(distance))
                .fact("accuracy_allowance_km", allowance)
                .fact("gap_minutes", String.format(Locale.ROOT, "%.1f", gap / 60_000.0))
                .fact("speed_kmh", Math.round(speed))
                .fact("max_speed_kmh", Math.round(settings.maxSpeedKmh()))
                .fact("weak_because", weak);
        if (here == to) {
            b.evidence(last.evidence()).evidence(e);
        } else {
            b.evidence(e).evidence(last.evidence());
        }
        b.explanation(explain(e.principal, from, to, distance, gap, speed, weak));
        ctx.emit(b.build());
    }

    private String explain(String principal, Place from, Place to, double distance, long gap, double speed, String weak) {
        StringBuilder sb = new StringBuilder();
        sb.append(principal).append(" acted from ").append(from.describe()).append(" (").append(from.sourceIp).append(") and, ")
                .append(minutes(gap)).append(" later, from ").append(to.describe()).append(" (").append(to.sourceIp).append("): ")
                .append(String.format(Locale.ROOT, "%,d km, %,d km/h", Math.round(distance), Math.round(speed)))
                .append(String.format(Locale.ROOT, " where at most %,d km/h is possible.", Math.round(settings.maxSpeedKmh())));
        if (weak != null) {
            sb.append(" One address is a ").append(weak.replace('-', ' '))
                    .append(", which shows only where its exit is: confirm whether the principal uses one.");
        } else {
            sb.append(" Two parties are probably using these credentials: ask the owner which activity is theirs, and revoke the sessions and keys of the other.");
        }
        return sb.toString();
    }

    private static String minutes(long gap) {
        long m = Math.round(gap / 60_000.0);
        if (m < 120) {
            return m + (m == 1 ? " minute" : " minutes");
        }
        return String.format(Locale.ROOT, "%.1f hours", gap / 3_600_000.0);
    }
}
