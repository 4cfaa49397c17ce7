package io.trailhunt.detectors.travel;

import io.trailhunt.detectors.Detector;
import io.trailhunt.detectors.DetectorContext;
import io.trailhunt.detectors.common.Locations;
import io.trailhunt.detectors.common.NetworkKinds;
import io.trailhunt.detectors.common.Principals;
import io.trailhunt.detectors.common.Repeats;
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
 * give the exit's place: pairs with them are reported at low severity, or ignored. When the previous
 * place is such an exit, a strong place is also compared with the last strong place before it.
 * Known egress networks are ignored altogether. While impossible pairs keep coming within the
 * suppression window (a principal used from two places at once flips between them), one finding
 * tells the story; a low finding never silences a high one.
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
    public Duration quietPeriod() {
        return settings.suppressionWindow();
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
        if (last != null && here.sameSpot(last) && here.eventTime >= last.eventTime
                && here.eventTime - last.eventTime < SAME_SPOT_GRANULARITY) {
            ctx.unchanged();
            return s;
        }
        Trip trip = null;
        Place strong = s.strongPlace();
        if (here.weakBecause == null && strong != null && strong != last) {
            // The last place is an exit: where the principal really was comes from the strong one before it.
            trip = impossible(strong, here);
        }
        if (trip == null && last != null) {
            trip = impossible(last, here);
        }
        if (trip != null) {
            report(s, trip, e, ctx);
        }
        s.remember(here);
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

    /** The pair of places {@code other} and {@code here} when no one could travel between them, else null. */
    private Trip impossible(Place other, Place here) {
        if (here.sameSpot(other)) {
            return null;
        }
        double distance = GreatCircle.km(other.latitude, other.longitude, here.latitude, here.longitude);
        int allowance = other.accuracyKm + here.accuracyKm;
        double effective = Math.max(0, distance - allowance);
        long gap = Math.abs(here.eventTime - other.eventTime);
        double speed = effective / (Math.max(gap, MIN_GAP) / (double) HOUR);
        if (effective < settings.minDistanceKm() || speed <= settings.maxSpeedKmh()) {
            return null;
        }
        return new Trip(other, here, distance, allowance, gap, speed);
    }

    /**
     * Reports the trip unless it repeats a story already told within the suppression window. Any
     * finding quiets the weak (demoted) trips after it; only a strong finding quiets strong trips, so
     * an anonymizer's low finding cannot hide a later high one.
     */
    private void report(ImpossibleTravelState s, Trip trip, AuditEvent e, DetectorContext ctx) {
        long t = trip.here().eventTime;
        long window = settings.suppressionWindow().toMillis();
        String weak = trip.weakBecause();
        boolean repeat = weak == null ? s.strongQuietUntil != 0 && t < s.strongQuietUntil : s.quietUntil != 0 && t < s.quietUntil;
        s.quietUntil = Math.max(s.quietUntil, t + window);
        if (weak == null) {
            s.strongQuietUntil = Math.max(s.strongQuietUntil, t + window);
        }
        Place from = trip.from();
        Place to = trip.to();
        Severity severity = weak == null ? Severity.HIGH : Severity.LOW;
        if (repeat) {
            ctx.emit(Repeats.of(RULE_ID, weak == null ? s.strongQuietSubject : s.quietSubject, severity, e));
            return;
        }
        String subject = from.describe() + " -> " + to.describe();
        s.quietSubject = subject;
        if (weak == null) {
            s.strongQuietSubject = subject;
        }
        FindingBuilder b = FindingBuilder.rule(RULE_ID)
                .about(e)
                .title("Impossible travel: " + from.describe() + " to " + to.describe())
                .severity(severity)
                .mitre("T1078.004")
                .subject(subject)
                .fact("from", from.describe())
                .fact("to", to.describe())
                .fact("from_ip", from.sourceIp)
                .fact("to_ip", to.sourceIp)
                .fact("from_time", Instant.ofEpochMilli(from.eventTime))
                .fact("to_time", Instant.ofEpochMilli(to.eventTime))
                .fact("distance_km", Math.round(trip.distance()))
                .fact("accuracy_allowance_km", trip.allowance())
                .fact("gap_minutes", String.format(Locale.ROOT, "%.1f", trip.gap() / 60_000.0))
                .fact("speed_kmh", Math.round(trip.speed()))
                .fact("max_speed_kmh", Math.round(settings.maxSpeedKmh()))
                .fact("weak_because", weak);
        if (trip.here() == to) {
            b.evidence(trip.other().evidence()).evidence(e);
        } else {
            b.evidence(e).evidence(trip.other().evidence());
        }
        b.explanation(explain(e.principal, from, to, trip.distance(), trip.gap(), trip.speed(), weak));
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
