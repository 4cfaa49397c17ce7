package io.trailhunt.enrichment.geoip;

import io.trailhunt.enrichment.address.AddressClassifier;
import io.trailhunt.enrichment.address.ClassifiedAddress;
import io.trailhunt.events.model.AddressKind;
import io.trailhunt.events.model.AuditEvent;
import io.trailhunt.events.model.Geo;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.Closeable;
import java.io.IOException;

/**
 * The enrichment of one event, in plain Java: classify the source address, look public ones up
 * (through the cache), and set {@code sourceIpKind}, {@code geo} and, for events whose provider
 * located them, {@code geoIp}. Checks the database files for replacements at most once per
 * {@code reload-check-interval} of processing time. One instance per subtask; not thread-safe.
 */
public final class GeoIpEnricher implements Closeable {
    private static final Logger LOG = LoggerFactory.getLogger(GeoIpEnricher.class);
    /** Lookup errors are logged the first time and then once per this many. */
    private static final long LOG_ERRORS_EVERY = 10_000;

    /** What happened to one event; the Flink function counts these. */
    public enum Result {
        /** A public address answered from the cache. */
        CACHE_HIT,
        /** A public address looked up in the databases. */
        CACHE_MISS,
        /** Private, reserved, a service name, invalid or missing: not looked up. */
        NOT_LOOKED_UP,
        /** A public address, but no database is configured. */
        NO_DATABASE,
        /** The databases failed to answer (a damaged file): the event goes on without a location. */
        LOOKUP_FAILED
    }

    /** A cached answer; {@code geo} null means looked up and not found. Never mutated. */
    private record Answer(Geo geo) {}

    private final GeoIpDatabases databases;
    private final LookupCache<Answer> cache;
    private final Ticker ticker;
    private final long checkEveryNanos;
    private long lastCheck;
    private long hits;
    private long misses;
    private long notLookedUp;
    private long lookupErrors;

    private GeoIpEnricher(GeoIpDatabases databases, GeoIpSettings settings, Ticker ticker) {
        this.databases = databases;
        this.cache = new LookupCache<>(settings.cacheSize());
        this.ticker = ticker;
        this.checkEveryNanos = settings.reloadCheckInterval().toNanos();
        this.lastCheck = ticker.nanos();
    }

    /** Opens the configured databases (none: addresses are classified only). */
    public static GeoIpEnricher open(GeoIpSettings settings, Ticker ticker) throws GeoIpDatabaseException {
        GeoIpDatabases dbs = settings.hasDatabases() ? GeoIpDatabases.open(settings) : null;
        return new GeoIpEnricher(dbs, settings, ticker);
    }

    public Result enrich(AuditEvent e) {
        if (databases == null) {
            AddressKind kind = AddressClassifier.classify(e.sourceIp).kind();
            apply(e, kind, null);
            notLookedUp++;
            return kind == AddressKind.PUBLIC ? Result.NO_DATABASE : Result.NOT_LOOKED_UP;
        }
        maybeCheckForUpdates();
        String raw = e.sourceIp;
        Answer cached = raw == null ? null : cache.get(raw);
        if (cached != null) {
            hits++;
            apply(e, AddressKind.PUBLIC, cached.geo);
            return Result.CACHE_HIT;
        }
        ClassifiedAddress a = AddressClassifier.classify(raw);
        if (a.kind() != AddressKind.PUBLIC) {
            notLookedUp++;
            apply(e, a.kind(), null);
            return Result.NOT_LOOKED_UP;
        }
        misses++;
        Geo found;
        try {
            found = databases.lookup(a.address());
        } catch (IOException | RuntimeException ex) {
            // A damaged file must not stop the job: this event goes on unlocated.
            if (lookupErrors++ % LOG_ERRORS_EVERY == 0) {
                LOG.warn("GeoIP lookup of {} failed ({} failures so far): {}", raw, lookupErrors, ex.toString());
            }
            apply(e, AddressKind.PUBLIC, null);
            return Result.LOOKUP_FAILED;
        }
        cache.put(raw, new Answer(found));
        apply(e, AddressKind.PUBLIC, found);
        return Result.CACHE_MISS;
    }

    /**
     * The provider's own location and network (Entra sign-ins) stay the event's, completed with the
     * facts providers do not give; GeoIP's answer is kept beside it in {@code geoIp}. A provider
     * that gives only the network (an Entra sign-in without a location) gets GeoIP's place, source geoip.
     * Shared answers are copied: a later operator may change the event it is handed.
     */
    private static void apply(AuditEvent e, AddressKind kind, Geo found) {
        e.sourceIpKind = kind;
        Geo provider = e.providerGeo;
        if (provider == null) {
            e.geo = found == null ? null : found.copy();
            e.geoIp = null;
            return;
        }
        Geo g;
        if (provider.hasPlace() || found == null) {
            g = provider.copy();
        } else {
            g = found.copy();
            g.asn = provider.asn;
            g.asOrg = null;
        }
        if (found != null) {
            if (g.asn == null) {
                g.asn = found.asn;
                g.asOrg = found.asOrg;
            } else if (g.asOrg == null && g.asn.equals(found.asn)) {
                g.asOrg = found.asOrg;
            }
            g.anonymous |= found.anonymous;
            g.anonymousVpn |= found.anonymousVpn;
            g.hostingProvider |= found.hostingProvider;
            g.publicProxy |= found.publicProxy;
            g.residentialProxy |= found.residentialProxy;
            g.torExitNode |= found.torExitNode;
        }
        e.geo = g;
        e.geoIp = found == null ? null : found.copy();
    }

    private void maybeCheckForUpdates() {
        if (checkEveryNanos == 0) {
            return;
        }
        long now = ticker.nanos();
        if (now - lastCheck >= checkEveryNanos) {
            lastCheck = now;
            checkForUpdates();
        }
    }

    /** Looks at the database files now; true when one was replaced and swapped in (the cache is emptied). */
    public boolean checkForUpdates() {
        if (databases == null || !databases.refresh()) {
            return false;
        }
        cache.clear();
        return true;
    }

    public boolean hasDatabases() {
        return databases != null;
    }

    /** For logs: the open databases, or what is done without them. */
    public String describe() {
        return databases == null ? "no databases: addresses are classified, not located" : String.join("; ", databases.describe());
    }

    public long cacheHits() {
        return hits;
    }

    public long cacheMisses() {
        return misses;
    }

    public long notLookedUp() {
        return notLookedUp;
    }

    public long lookupErrors() {
        return lookupErrors;
    }

    public int cacheSize() {
        return cache.size();
    }

    public long reloads() {
        return databases == null ? 0 : databases.reloads();
    }

    public long reloadFailures() {
        return databases == null ? 0 : databases.reloadFailures();
    }

    @Override
    public void close() throws IOException {
        cache.clear();
        if (databases != null) {
            databases.close();
        }
    }
}
