package io.trailhunt.enrichment.geoip;

import com.maxmind.geoip2.exception.GeoIp2Exception;
import com.maxmind.geoip2.model.AnonymousIpResponse;
import com.maxmind.geoip2.model.AsnResponse;
import com.maxmind.geoip2.model.CityResponse;
import com.maxmind.geoip2.model.CountryResponse;
import com.maxmind.geoip2.record.Location;
import io.trailhunt.events.model.Geo;
import io.trailhunt.events.settings.SettingsException;

import java.io.Closeable;
import java.io.IOException;
import java.net.Inet6Address;
import java.net.InetAddress;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The open databases: a City or Country one for the location, and optionally ASN and Anonymous
 * IP ones, answering together for one address. Not thread-safe: one per subtask.
 */
public final class GeoIpDatabases implements Closeable {
    /** What a record without any field reads as: no answer. Compared with, never handed out. */
    private final Geo empty = geo(null);

    private final DatabaseFile location;
    private final DatabaseFile asn;
    private final DatabaseFile anonymousIp;
    private final List<DatabaseFile> all;

    private GeoIpDatabases(DatabaseFile location, DatabaseFile asn, DatabaseFile anonymousIp, List<DatabaseFile> all) {
        this.location = location;
        this.asn = asn;
        this.anonymousIp = anonymousIp;
        this.all = all;
    }

    /** Opens every configured database; on a failure closes those already open. */
    public static GeoIpDatabases open(GeoIpSettings settings) throws GeoIpDatabaseException {
        List<DatabaseFile> opened = new ArrayList<>();
        DatabaseFile location = null;
        DatabaseFile asn = null;
        DatabaseFile anonymousIp = null;
        try {
            for (GeoIpSettings.ConfiguredDatabase d : settings.databases()) {
                DatabaseFile f = DatabaseFile.open(d.kind(), d.path());
                opened.add(f);
                switch (d.kind()) {
                    case CITY, COUNTRY -> location = f;
                    case ASN -> asn = f;
                    case ANONYMOUS_IP -> anonymousIp = f;
                    default -> throw new IllegalStateException(d.kind().name());
                }
            }
        } catch (GeoIpDatabaseException e) {
            for (DatabaseFile f : opened) {
                closeQuietly(f);
            }
            throw e;
        }
        return new GeoIpDatabases(location, asn, anonymousIp, List.copyOf(opened));
    }

    /**
     * Opens and closes every configured database, so a missing or wrong file stops the job at
     * start-up with a message naming its key (exit 2) rather than failing every task. Returns
     * one line per database: its key, type, build date and path.
     */
    public static List<String> verify(GeoIpSettings settings) {
        if (!settings.enabled()) {
            return List.of();
        }
        try (GeoIpDatabases dbs = open(settings)) {
            return dbs.describe();
        } catch (GeoIpDatabaseException e) {
            throw new SettingsException(e.kind().settingsKey(), e.getMessage());
        } catch (IOException e) {
            throw new SettingsException(GeoIpSettings.SECTION, e.getMessage());
        }
    }

    /** One line per open database: its key, type, build date and path. */
    public List<String> describe() {
        List<String> out = new ArrayList<>();
        for (DatabaseFile f : all) {
            out.add(f.kind.key() + ": " + DatabaseFile.describe(f.metadata()) + " (" + f.path + ")");
        }
        return out;
    }

    /**
     * Everything the databases know about a public address, or null when none of them knows it.
     * Fields a database lacks stay null (a Country database has no city).
     */
    public Geo lookup(InetAddress address) throws IOException {
        Geo g = null;
        if (location != null && fits(location, address)) {
            g = location.kind == DatabaseKind.CITY ? city(location, address) : country(location, address);
        }
        if (asn != null && fits(asn, address)) {
            g = asn(asn, address, g);
        }
        if (anonymousIp != null && fits(anonymousIp, address)) {
            g = anonymizers(anonymousIp, address, g);
        }
        return g == null || g.equals(empty) ? null : g;
    }

    /** Checks every file for a replacement; true when any reader was swapped (cached answers are stale). */
    public boolean refresh() {
        boolean swapped = false;
        for (DatabaseFile f : all) {
            swapped |= f.refresh();
        }
        return swapped;
    }

    public long reloads() {
        return all.stream().mapToLong(DatabaseFile::reloads).sum();
    }

    public long reloadFailures() {
        return all.stream().mapToLong(DatabaseFile::reloadFailures).sum();
    }

    @Override
    public void close() throws IOException {
        IOException first = null;
        for (DatabaseFile f : all) {
            try {
                f.close();
            } catch (IOException e) {
                first = first == null ? e : first;
            }
        }
        if (first != null) {
            throw first;
        }
    }

    /** An IPv4-only database cannot be asked about an IPv6 address (the reader throws). */
    private static boolean fits(DatabaseFile f, InetAddress address) {
        return !(address instanceof Inet6Address) || f.metadata().ipVersion() == 6;
    }

    private static Geo city(DatabaseFile f, InetAddress address) throws IOException {
        Optional<CityResponse> r = call(() -> f.reader().tryCity(address));
        if (r.isEmpty()) {
            return null;
        }
        CityResponse c = r.get();
        Geo g = geo(null);
        g.countryIso = c.country() == null ? null : c.country().isoCode();
        g.city = c.city() == null ? null : c.city().name();
        Location loc = c.location();
        if (loc != null) {
            g.latitude = loc.latitude();
            g.longitude = loc.longitude();
            g.accuracyRadiusKm = loc.accuracyRadius();
            g.timeZone = loc.timeZone();
        }
        return g;
    }

    private static Geo country(DatabaseFile f, InetAddress address) throws IOException {
        Optional<CountryResponse> r = call(() -> f.reader().tryCountry(address));
        if (r.isEmpty() || r.get().country() == null || r.get().country().isoCode() == null) {
            return null;
        }
        Geo g = geo(null);
        g.countryIso = r.get().country().isoCode();
        return g;
    }

    private static Geo asn(DatabaseFile f, InetAddress address, Geo known) throws IOException {
        Optional<AsnResponse> r = call(() -> f.reader().tryAsn(address));
        if (r.isEmpty() || r.get().autonomousSystemNumber() == null) {
            return known;
        }
        Geo g = geo(known);
        g.asn = r.get().autonomousSystemNumber();
        g.asOrg = r.get().autonomousSystemOrganization();
        return g;
    }

    private static Geo anonymizers(DatabaseFile f, InetAddress address, Geo known) throws IOException {
        Optional<AnonymousIpResponse> r = call(() -> f.reader().tryAnonymousIp(address));
        if (r.isEmpty()) {
            return known;
        }
        AnonymousIpResponse a = r.get();
        // the reader answers "all false" for networks it has no record of
        if (!(a.isAnonymous() || a.isAnonymousVpn() || a.isHostingProvider() || a.isPublicProxy()
                || a.isResidentialProxy() || a.isTorExitNode())) {
            return known;
        }
        Geo g = geo(known);
        g.anonymous = a.isAnonymous();
        g.anonymousVpn = a.isAnonymousVpn();
        g.hostingProvider = a.isHostingProvider();
        g.publicProxy = a.isPublicProxy();
        g.residentialProxy = a.isResidentialProxy();
        g.torExitNode = a.isTorExitNode();
        return g;
    }

    private static Geo geo(Geo known) {
        if (known != null) {
            return known;
        }
        Geo g = new Geo();
        g.source = Geo.SOURCE_GEOIP;
        return g;
    }

    private interface Lookup<T> {
        T get() throws IOException, GeoIp2Exception;
    }

    private static <T> T call(Lookup<T> lookup) throws IOException {
        try {
            return lookup.get();
        } catch (GeoIp2Exception e) {
            throw new IOException(e.getMessage(), e);
        }
    }

    private static void closeQuietly(DatabaseFile f) {
        try {
            f.close();
        } catch (IOException ignored) {
            // closing after a failed open: the failure is what gets reported
        }
    }
}
