package io.trailhunt.detectors.storageclient;

import io.trailhunt.detectors.Detector;
import io.trailhunt.detectors.DetectorContext;
import io.trailhunt.detectors.common.Activity;
import io.trailhunt.detectors.common.LastSeen;
import io.trailhunt.detectors.common.Principals;
import io.trailhunt.detectors.common.Timers;
import io.trailhunt.events.finding.FindingBuilder;
import io.trailhunt.events.model.AuditEvent;
import io.trailhunt.events.model.Severity;
import io.trailhunt.events.settings.Quantities;

import java.time.Duration;
import java.util.List;

/**
 * {@code uncommon-storage-client}: the first time in the look-back that a principal points a
 * desktop storage client (S3 Browser, Cyberduck, WinSCP, rclone, ...) at S3, Cloud Storage or Azure
 * Storage. Such clients make bulk download easy and are a favourite of intruders holding stolen keys;
 * Elastic's new-terms rule for S3 generalised to every cloud. Failed calls count too: they show the
 * tool is pointed at the account with these credentials.
 */
public final class UncommonStorageClientDetector implements Detector<UncommonStorageClientState> {
    public static final String RULE_ID = "uncommon-storage-client";
    private static final long serialVersionUID = 1L;
    private static final long HOUR = Duration.ofHours(1).toMillis();
    private static final int MAX_CLIENTS = 64;

    private final UncommonStorageClientSettings settings;

    public UncommonStorageClientDetector(UncommonStorageClientSettings settings) {
        this.settings = settings;
    }

    @Override
    public String ruleId() {
        return RULE_ID;
    }

    @Override
    public Class<UncommonStorageClientState> stateClass() {
        return UncommonStorageClientState.class;
    }

    @Override
    public Duration stateTtl() {
        return settings.lookBack().plusDays(1);
    }

    @Override
    public boolean accepts(AuditEvent e) {
        return e.userAgent != null && StorageClients.isStorage(e) && Principals.tracked(e) && settings.clients().match(e.userAgent) != null;
    }

    @Override
    public UncommonStorageClientState onEvent(UncommonStorageClientState state, AuditEvent e, DetectorContext ctx) {
        if (settings.allow().allows(e)) {
            ctx.unchanged();
            return state;
        }
        String client = settings.clients().match(e.userAgent);
        long t = e.eventTime;
        UncommonStorageClientState s = state == null ? new UncommonStorageClientState() : state;
        long horizon = t - settings.lookBack().toMillis();
        if (!LastSeen.seenSince(s.clients, client, horizon)) {
            report(s, client, e, horizon, ctx);
        }
        boolean changed = LastSeen.touch(s.clients, client, t, MAX_CLIENTS, HOUR);
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
    public UncommonStorageClientState onTimer(UncommonStorageClientState s, long timestamp, DetectorContext ctx) {
        if (s.timerAt == 0 || timestamp < s.timerAt) {
            ctx.unchanged();
            return s;
        }
        LastSeen.forgetUntil(s.clients, timestamp - settings.lookBack().toMillis());
        if (s.clients.isEmpty()) {
            return null;
        }
        s.timerAt = Timers.next(due(s), timestamp);
        ctx.registerTimer(s.timerAt);
        return s;
    }

    private long nextTimer(UncommonStorageClientState s) {
        return Timers.at(due(s));
    }

    private long due(UncommonStorageClientState s) {
        return LastSeen.oldest(s.clients) + settings.lookBack().toMillis();
    }

    private void report(UncommonStorageClientState s, String client, AuditEvent e, long horizon, DetectorContext ctx) {
        String sensitivity = Activity.sensitivity(e);
        List<String> before = LastSeen.mostRecent(s.clients, 5, horizon);
        String target = firstNonNull(e.resource("bucket"), e.resource("storageAccount"), e.resource("container"));
        String lookBack = Quantities.format(settings.lookBack());
        FindingBuilder b = FindingBuilder.rule(RULE_ID)
                .about(e)
                .title("Desktop storage client " + client + " used" + (target == null ? "" : " on " + target))
                .severity(Activity.DATA_READ.equals(sensitivity) && e.succeeded() ? Severity.HIGH : Severity.MEDIUM)
                .mitre("T1530")
                .subject(client)
                .fact("client", client)
                .fact("user_agent", e.userAgent)
                .fact("storage", target)
                .fact("clients_before", before.isEmpty() ? null : String.join(",", before))
                .fact("look_back", lookBack)
                .evidence(e);
        b.explanation(e.principal + " used " + client + " (" + e.userAgent + ") for " + e.service + " " + e.action
                + (target == null ? "" : " on " + target) + ", its first use of this client in " + lookBack
                + ". Desktop clients make bulk copies easy and often come with stolen keys: confirm with the owner, and review what was read.");
        ctx.emit(b.build());
    }

    private static String firstNonNull(String... values) {
        for (String v : values) {
            if (v != null) {
                return v;
            }
        }
        return null;
    }
}
