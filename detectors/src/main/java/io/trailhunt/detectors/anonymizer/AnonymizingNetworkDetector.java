package io.trailhunt.detectors.anonymizer;

import io.trailhunt.detectors.Detector;
import io.trailhunt.detectors.DetectorContext;
import io.trailhunt.detectors.common.Activity;
import io.trailhunt.detectors.common.Locations;
import io.trailhunt.detectors.common.NetworkKinds;
import io.trailhunt.detectors.common.Principals;
import io.trailhunt.detectors.common.Repeats;
import io.trailhunt.detectors.common.Timers;
import io.trailhunt.events.finding.FindingBuilder;
import io.trailhunt.events.model.AuditEvent;
import io.trailhunt.events.model.Category;
import io.trailhunt.events.model.Cloud;
import io.trailhunt.events.model.Severity;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.function.LongSupplier;

/**
 * {@code anonymizing-network}: a successful call from a Tor exit, a public proxy or an anonymous VPN
 * (GeoIP's Anonymous-IP flags), from an address on a configured threat-intelligence list, or an
 * Entra sign-in that Entra itself rated risky (its risk level during sign-in, or a network-related
 * risk detection such as anonymizedIPAddress). One finding per principal and kind of network per
 * quiet period: a session through Tor is one finding, not one per call.
 */
public final class AnonymizingNetworkDetector implements Detector<AnonymizingNetworkState> {
    public static final String RULE_ID = "anonymizing-network";
    private static final long serialVersionUID = 1L;
    /** Risk an administrator or the user already dealt with is not news. */
    private static final Set<String> SETTLED_RISK = Set.of("dismissed", "remediated", "confirmedsafe");

    private final AnonymizingNetworkSettings settings;
    /** When to look at the threat-intelligence file again; null (after shipping to a task) is the JVM's clock. */
    private transient LongSupplier nanoClock;
    /** Loaded in the task on first use: the list is not shipped with the job graph. */
    private transient ThreatIntel intel;

    public AnonymizingNetworkDetector(AnonymizingNetworkSettings settings) {
        this.settings = settings;
    }

    /** @param nanoClock when to look at the threat-intelligence file again (tests pass their own) */
    AnonymizingNetworkDetector(AnonymizingNetworkSettings settings, LongSupplier nanoClock) {
        this.settings = settings;
        this.nanoClock = nanoClock;
    }

    /** One reason to report, with the subject its quiet period is kept under. */
    private record Signal(String subject, String kind, Severity severity, String description) {}

    @Override
    public String ruleId() {
        return RULE_ID;
    }

    @Override
    public Class<AnonymizingNetworkState> stateClass() {
        return AnonymizingNetworkState.class;
    }

    @Override
    public Duration quietPeriod() {
        return settings.quietPeriod();
    }

    @Override
    public Duration stateTtl() {
        return settings.quietPeriod().plusDays(1);
    }

    @Override
    public boolean accepts(AuditEvent e) {
        if (!e.succeeded() || !Principals.tracked(e)) {
            return false;
        }
        if (e.geo != null && (e.geo.anyAnonymizer() || e.geo.hostingProvider)) {
            return true;
        }
        if (e.cloud == Cloud.AZURE && e.category == Category.SIGN_IN
                && (e.param("riskLevelDuringSignIn") != null || e.param("riskEventTypes") != null || e.param("riskEventTypes_v2") != null)) {
            return true;
        }
        // Checked here so that the state of the many principals on no list is never read.
        return settings.threatIntelPath() != null && e.sourceIp != null && intel().lookup(e.sourceIp) != null;
    }

    @Override
    public AnonymizingNetworkState onEvent(AnonymizingNetworkState state, AuditEvent e, DetectorContext ctx) {
        List<Signal> signals = signals(e);
        if (signals.isEmpty() || settings.allow().allows(e)) {
            ctx.unchanged();
            return state;
        }
        long t = e.eventTime;
        long quiet = settings.quietPeriod().toMillis();
        List<Signal> fresh = new ArrayList<>();
        for (Signal sig : signals) {
            Long last = state == null ? null : state.reported.get(sig.subject());
            if (last == null || Math.abs(t - last) >= quiet) {
                fresh.add(sig);
            }
        }
        if (fresh.isEmpty()) {
            Signal primary = strongest(signals);
            ctx.emit(Repeats.of(RULE_ID, primary.subject(), severity(primary, e), e)); // counted into the open finding
            ctx.unchanged();
            return state;
        }
        report(fresh, signals, e, ctx);
        if (quiet == 0) {
            return state;
        }
        AnonymizingNetworkState s = state == null ? new AnonymizingNetworkState() : state;
        for (Signal sig : fresh) {
            s.reported.put(sig.subject(), t);
        }
        if (s.timerAt == 0) {
            s.timerAt = Timers.at(t + quiet);
            ctx.registerTimer(s.timerAt);
        }
        return s;
    }

    @Override
    public AnonymizingNetworkState onTimer(AnonymizingNetworkState s, long timestamp, DetectorContext ctx) {
        if (s.timerAt == 0 || timestamp < s.timerAt) {
            ctx.unchanged();
            return s;
        }
        long quiet = settings.quietPeriod().toMillis();
        s.reported.values().removeIf(t -> t + quiet <= timestamp);
        if (s.reported.isEmpty()) {
            return null;
        }
        long oldest = Long.MAX_VALUE;
        for (long t : s.reported.values()) {
            oldest = Math.min(oldest, t);
        }
        s.timerAt = Timers.next(oldest + quiet, timestamp);
        ctx.registerTimer(s.timerAt);
        return s;
    }

    private List<Signal> signals(AuditEvent e) {
        List<Signal> out = new ArrayList<>(2);
        for (String kind : NetworkKinds.of(e.geo)) {
            if (settings.networks().contains(kind)) {
                out.add(new Signal(kind, kind, networkSeverity(kind), "a " + kind.replace('-', ' ') + " address"));
            }
        }
        if (settings.threatIntelPath() != null && e.sourceIp != null) {
            String label = intel().lookup(e.sourceIp);
            if (label != null) {
                out.add(new Signal("threat-intel:" + label, "threat-intel", Severity.HIGH, "an address on the threat-intelligence list (" + label + ")"));
            }
        }
        Signal risk = providerRisk(e);
        if (risk != null) {
            out.add(risk);
        }
        return out;
    }

    /** Entra's own verdict on a sign-in, unless it was already dismissed or remediated. */
    private Signal providerRisk(AuditEvent e) {
        if (e.cloud != Cloud.AZURE || e.category != Category.SIGN_IN) {
            return null;
        }
        String riskState = e.param("riskState");
        if (riskState != null && SETTLED_RISK.contains(riskState.toLowerCase(Locale.ROOT))) {
            return null;
        }
        String level = e.param("riskLevelDuringSignIn");
        level = level == null ? null : level.toLowerCase(Locale.ROOT);
        List<String> types = new ArrayList<>();
        for (String field : new String[] {"riskEventTypes", "riskEventTypes_v2"}) {
            String v = e.param(field);
            if (v != null) {
                for (String type : v.split(",")) {
                    String tt = type.trim();
                    if (settings.riskEventTypes().contains(tt) && !types.contains(tt)) {
                        types.add(tt);
                    }
                }
            }
        }
        boolean levelReported = level != null && settings.riskLevels().contains(level);
        if (!levelReported && types.isEmpty()) {
            return null;
        }
        String detail = (level == null ? "" : "risk level " + level) + (types.isEmpty() ? "" : (level == null ? "" : ", ") + String.join(", ", types));
        if (levelReported) {
            return new Signal("entra-risk:" + level, "entra-risk", riskSeverity(level), "a sign-in Entra rated risky (" + detail + ")");
        }
        return new Signal("entra-risk:" + types.get(0), "entra-risk", Severity.MEDIUM, "a sign-in Entra flagged (" + detail + ")");
    }

    private static Severity networkSeverity(String kind) {
        switch (kind) {
            case NetworkKinds.TOR_EXIT:
                return Severity.HIGH;
            case NetworkKinds.HOSTING_PROVIDER:
                return Severity.LOW;
            default:
                return Severity.MEDIUM;
        }
    }

    private static Severity riskSeverity(String level) {
        switch (level) {
            case "high":
                return Severity.HIGH;
            case "medium":
                return Severity.MEDIUM;
            default:
                return Severity.LOW;
        }
    }

    /** The most severe signal; the first of equals. */
    private static Signal strongest(List<Signal> signals) {
        Signal primary = signals.get(0);
        for (Signal sig : signals) {
            if (sig.severity().ordinal() > primary.severity().ordinal()) {
                primary = sig;
            }
        }
        return primary;
    }

    private static Severity severity(Signal primary, AuditEvent e) {
        return Activity.CREDENTIAL_CREATION.equals(Activity.sensitivity(e)) ? primary.severity().raise() : primary.severity();
    }

    private void report(List<Signal> fresh, List<Signal> all, AuditEvent e, DetectorContext ctx) {
        Signal primary = strongest(fresh);
        String sensitivity = Activity.sensitivity(e);
        Severity severity = severity(primary, e);
        List<String> kinds = new ArrayList<>();
        for (Signal sig : all) {
            kinds.add(sig.subject());
        }
        String place = Locations.describe(e.geo == null ? null : e.geo.city, Locations.country(e), null);
        FindingBuilder b = FindingBuilder.rule(RULE_ID)
                .about(e)
                .title("Activity through " + primary.description())
                .severity(severity)
                .mitre("T1090.003", "T1078.004")
                .subject(primary.subject())
                .fact("network", primary.kind())
                .fact("signals", String.join(",", kinds))
                .fact("source_ip", e.sourceIp)
                .fact("place", place)
                .fact("asn", e.geo == null ? null : e.geo.asn)
                .fact("as_org", e.geo == null ? null : e.geo.asOrg)
                .fact("risk_level", e.param("riskLevelDuringSignIn"))
                .fact("risk_event_types", e.param("riskEventTypes_v2") != null ? e.param("riskEventTypes_v2") : e.param("riskEventTypes"))
                .fact("action_sensitivity", sensitivity)
                .evidence(e);
        b.explanation(e.principal + " succeeded at " + e.service + " " + e.action + " from " + e.sourceIp + ", " + primary.description()
                + ". Legitimate users rarely hide where they are: confirm with the owner, and if it was not them revoke its sessions and keys"
                + " and review what it did from there.");
        ctx.emit(b.build());
    }

    private ThreatIntel intel() {
        if (intel == null) {
            LongSupplier clock = nanoClock != null ? nanoClock : System::nanoTime;
            intel = new ThreatIntel(Path.of(settings.threatIntelPath()), settings.threatIntelCheckInterval().toNanos(), clock);
        }
        return intel;
    }
}
