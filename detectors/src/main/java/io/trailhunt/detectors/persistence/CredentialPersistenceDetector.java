package io.trailhunt.detectors.persistence;

import io.trailhunt.detectors.Detector;
import io.trailhunt.detectors.DetectorContext;
import io.trailhunt.detectors.common.LastSeen;
import io.trailhunt.detectors.common.Locations;
import io.trailhunt.detectors.common.NetworkKinds;
import io.trailhunt.detectors.common.Networks;
import io.trailhunt.detectors.common.Principals;
import io.trailhunt.detectors.common.Repeats;
import io.trailhunt.detectors.common.Timers;
import io.trailhunt.detectors.storageclient.StorageClients;
import io.trailhunt.events.finding.FindingBuilder;
import io.trailhunt.events.model.AuditEvent;
import io.trailhunt.events.model.Cloud;
import io.trailhunt.events.model.PrincipalType;
import io.trailhunt.events.model.Severity;
import io.trailhunt.events.settings.Quantities;

import java.time.Duration;

/**
 * {@code credential-persistence}: a principal creates a long-lived credential (an AWS access key or
 * console password, a GCP service-account key, an Entra service principal or application secret or
 * certificate) when it has not created that kind, for itself or for others, within the look-back.
 * Creating one for someone else weighs more: it is how a foothold outlives the stolen credential.
 * Also: a GCP service-account key used from a public address outside the trusted networks, the
 * other half of the same story (a key that left the building).
 */
public final class CredentialPersistenceDetector implements Detector<CredentialPersistenceState> {
    public static final String RULE_ID = "credential-persistence";
    private static final long serialVersionUID = 1L;
    private static final long HOUR = Duration.ofHours(1).toMillis();
    private static final int MAX_ENTRIES = 100;
    /** GUI-vil and others create keys with S3 Browser: a desktop client doing IAM work is no admin's habit. */
    private static final StorageClients DESKTOP_CLIENTS = new StorageClients(StorageClients.DEFAULTS);

    private final CredentialPersistenceSettings settings;

    public CredentialPersistenceDetector(CredentialPersistenceSettings settings) {
        this.settings = settings;
    }

    @Override
    public String ruleId() {
        return RULE_ID;
    }

    @Override
    public Class<CredentialPersistenceState> stateClass() {
        return CredentialPersistenceState.class;
    }

    @Override
    public Duration quietPeriod() {
        return settings.keyUse() ? settings.keyUseQuietPeriod() : Duration.ZERO;
    }

    @Override
    public Duration stateTtl() {
        Duration longest = settings.lookBack().compareTo(settings.keyUseQuietPeriod()) > 0 ? settings.lookBack() : settings.keyUseQuietPeriod();
        return longest.plusDays(1);
    }

    @Override
    public boolean accepts(AuditEvent e) {
        if (!e.succeeded() || !Principals.tracked(e)) {
            return false;
        }
        return CredentialCatalog.isCandidate(e) || (settings.keyUse() && isKeyUseFromOutside(e));
    }

    @Override
    public CredentialPersistenceState onEvent(CredentialPersistenceState state, AuditEvent e, DetectorContext ctx) {
        if (settings.allow().allows(e)) {
            ctx.unchanged();
            return state;
        }
        CredentialPersistenceState s = state == null ? new CredentialPersistenceState() : state;
        boolean changed = false;
        CredentialAction created = CredentialCatalog.classify(e);
        if (created != null) {
            long horizon = e.eventTime - settings.lookBack().toMillis();
            if (!LastSeen.seenSince(s.habits, created.habit(), horizon)) {
                reportCreation(created, e, ctx);
            }
            changed |= LastSeen.touch(s.habits, created.habit(), e.eventTime, MAX_ENTRIES, HOUR);
        }
        if (settings.keyUse() && isKeyUseFromOutside(e)) {
            String key = e.param("serviceAccountKeyName");
            Long last = s.keyUse.get(key);
            if (last == null || Math.abs(e.eventTime - last) >= settings.keyUseQuietPeriod().toMillis()) {
                reportKeyUse(key, e, ctx);
                LastSeen.touch(s.keyUse, key, e.eventTime, MAX_ENTRIES, 0);
                changed = true;
            } else {
                ctx.emit(Repeats.of(RULE_ID, keyUseSubject(key), keyUseSeverity(e), e)); // counted into the open finding
            }
        }
        if (s.habits.isEmpty() && s.keyUse.isEmpty()) {
            ctx.unchanged();
            return state;
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

    @Override
    public CredentialPersistenceState onTimer(CredentialPersistenceState s, long timestamp, DetectorContext ctx) {
        if (s.timerAt == 0 || timestamp < s.timerAt) {
            ctx.unchanged();
            return s;
        }
        LastSeen.forgetUntil(s.habits, timestamp - settings.lookBack().toMillis());
        LastSeen.forgetUntil(s.keyUse, timestamp - settings.keyUseQuietPeriod().toMillis());
        if (s.habits.isEmpty() && s.keyUse.isEmpty()) {
            return null;
        }
        s.timerAt = Timers.next(due(s), timestamp);
        ctx.registerTimer(s.timerAt);
        return s;
    }

    private long nextTimer(CredentialPersistenceState s) {
        return Timers.at(due(s));
    }

    /** When the oldest habit or key-use report is forgotten. */
    private long due(CredentialPersistenceState s) {
        long habits = s.habits.isEmpty() ? Long.MAX_VALUE : LastSeen.oldest(s.habits) + settings.lookBack().toMillis();
        long keys = s.keyUse.isEmpty() ? Long.MAX_VALUE : LastSeen.oldest(s.keyUse) + settings.keyUseQuietPeriod().toMillis();
        return Math.min(habits, keys);
    }

    /** A GCP call authenticated with a service-account key, from a public address outside the trusted networks. */
    private boolean isKeyUseFromOutside(AuditEvent e) {
        return e.cloud == Cloud.GCP && e.param("serviceAccountKeyName") != null && Networks.isPublic(e.sourceIp)
                && !settings.keyUseTrusted().allows(e);
    }

    private void reportCreation(CredentialAction c, AuditEvent e, DetectorContext ctx) {
        Severity severity = baseSeverity(c);
        boolean root = e.principalType == PrincipalType.ROOT;
        String desktopClient = DESKTOP_CLIENTS.match(e.userAgent);
        if (root || desktopClient != null) {
            severity = severity.raise();
        }
        String whose = c.self() ? "itself" : c.target() == null ? "another identity" : c.target();
        String lookBack = Quantities.format(settings.lookBack());
        FindingBuilder b = FindingBuilder.rule(RULE_ID)
                .about(e)
                .title(capitalised(c.what()) + " created for " + whose)
                .severity(severity)
                .mitre(c.kind().contains("login-profile") ? "T1098" : "T1098.001")
                .subject(c.kind() + ":" + (c.target() == null ? "" : c.target()))
                .fact("credential", c.kind())
                .fact("target", c.target())
                .fact("for", c.self() ? "self" : "other")
                .fact("access_key_id", e.resource("accessKeyId"))
                .fact("desktop_client", desktopClient)
                .fact("look_back", lookBack)
                .evidence(e);
        StringBuilder why = new StringBuilder();
        why.append(e.principal).append(" created ").append(article(c.what())).append(' ').append(c.what()).append(" for ").append(whose)
                .append(", which it had not done within ").append(lookBack);
        if (e.sourceIp != null) {
            why.append(" (from ").append(e.sourceIp).append(')');
        }
        why.append('.');
        if (root) {
            why.append(" The root user did it.");
        }
        if (desktopClient != null) {
            why.append(" It used ").append(desktopClient).append(", a desktop storage client, for identity work.");
        }
        why.append(c.self() ? " A new long-lived credential outlives a stolen session: confirm the owner asked for it, or revoke it."
                : " A credential made for another identity is a classic way to keep access: confirm it was requested, or revoke it and review the caller.");
        b.explanation(why.toString());
        ctx.emit(b.build());
    }

    private static Severity baseSeverity(CredentialAction c) {
        switch (c.kind()) {
            case "azure-service-principal-credential":
            case "azure-application-credential":
                return Severity.HIGH;
            case "gcp-service-account-key":
                // Users create keys for service accounts routinely; a service account minting keys does not.
                return c.self() ? Severity.HIGH : Severity.MEDIUM;
            default:
                return c.self() ? Severity.MEDIUM : Severity.HIGH;
        }
    }

    private static String keyUseSubject(String key) {
        return "key-use:" + key.substring(key.lastIndexOf('/') + 1);
    }

    /** High from an anonymizer, medium from anywhere else outside. */
    private static Severity keyUseSeverity(AuditEvent e) {
        String kind = NetworkKinds.first(e.geo);
        return kind != null && !NetworkKinds.HOSTING_PROVIDER.equals(kind) ? Severity.HIGH : Severity.MEDIUM;
    }

    private void reportKeyUse(String key, AuditEvent e, DetectorContext ctx) {
        String kind = NetworkKinds.first(e.geo);
        String keyId = key.substring(key.lastIndexOf('/') + 1);
        String place = Locations.describe(e.geo == null ? null : e.geo.city, Locations.country(e), null);
        FindingBuilder b = FindingBuilder.rule(RULE_ID)
                .about(e)
                .title("Service-account key used from outside: " + e.sourceIp)
                .severity(keyUseSeverity(e))
                .mitre("T1078.004")
                .subject(keyUseSubject(key))
                .fact("credential", "gcp-service-account-key-use")
                .fact("key", key)
                .fact("source_ip", e.sourceIp)
                .fact("place", place)
                .fact("network", kind)
                .evidence(e);
        b.explanation(e.principal + " authenticated with service-account key " + keyId + " from " + e.sourceIp
                + (place == null ? "" : " (" + place + ")") + (kind == null ? "" : ", a " + kind.replace('-', ' ') + " address")
                + ", outside the networks its keys are used from. A key that left its workload can be used by anyone holding the file:"
                + " disable the key and find where it leaked.");
        ctx.emit(b.build());
    }

    private static String article(String noun) {
        return "aeiou".indexOf(Character.toLowerCase(noun.charAt(0))) >= 0 ? "an" : "a";
    }

    private static String capitalised(String s) {
        return Character.toUpperCase(s.charAt(0)) + s.substring(1);
    }
}
