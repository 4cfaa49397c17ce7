package io.trailhunt.enrichment.geoip;

import com.maxmind.db.Metadata;
import com.maxmind.db.Reader;
import com.maxmind.geoip2.DatabaseReader;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.Closeable;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;

/**
 * One configured database file and the reader currently open on it. {@link #refresh()} swaps to
 * a new reader when the file at the path has been replaced; a replacement that does not open is
 * logged and the old reader kept, and is not tried again until the file changes once more.
 *
 * <p>The reader maps the file into memory. Replace database files by renaming a new file over the
 * old one (as geoipupdate does): overwriting a mapped file in place changes it under the reader.
 */
final class DatabaseFile implements Closeable {
    private static final Logger LOG = LoggerFactory.getLogger(DatabaseFile.class);

    final DatabaseKind kind;
    final Path path;
    private DatabaseReader reader;
    private FileSignature loaded;
    private FileSignature rejected;
    private boolean unreadableReported;
    private long reloads;
    private long reloadFailures;

    private DatabaseFile(DatabaseKind kind, Path path, DatabaseReader reader, FileSignature loaded) {
        this.kind = kind;
        this.path = path;
        this.reader = reader;
        this.loaded = loaded;
    }

    static DatabaseFile open(DatabaseKind kind, Path path) throws GeoIpDatabaseException {
        FileSignature signature = signature(kind, path);
        return new DatabaseFile(kind, path, openReader(kind, path), signature);
    }

    DatabaseReader reader() {
        return reader;
    }

    Metadata metadata() {
        return reader.metadata();
    }

    long reloads() {
        return reloads;
    }

    long reloadFailures() {
        return reloadFailures;
    }

    /** Swaps to the file now at the path if it was replaced; true when it did. Never throws. */
    boolean refresh() {
        FileSignature now;
        try {
            now = FileSignature.of(path);
        } catch (IOException e) {
            if (!unreadableReported) {
                LOG.warn("GeoIP {}: cannot read {} ({}); keeping the database loaded from it before", kind.settingsKey(), path, e.toString());
                reloadFailures++;
                unreadableReported = true;
            }
            return false;
        }
        unreadableReported = false;
        if (now.equals(loaded) || now.equals(rejected)) {
            return false;
        }
        DatabaseReader fresh;
        try {
            fresh = openReader(kind, path);
        } catch (GeoIpDatabaseException e) {
            LOG.warn("GeoIP {}: the replaced file {} ({}) cannot be used: {}; keeping the database loaded before ({})",
                    kind.settingsKey(), path, now, e.getMessage(), describe(reader.metadata()));
            reloadFailures++;
            rejected = now;
            return false;
        }
        DatabaseReader old = reader;
        reader = fresh;
        loaded = now;
        rejected = null;
        reloads++;
        LOG.info("GeoIP {}: reloaded {}: now {} (was {})", kind.settingsKey(), path, describe(fresh.metadata()), describe(old.metadata()));
        closeQuietly(old);
        return true;
    }

    @Override
    public void close() throws IOException {
        reader.close();
    }

    static String describe(Metadata m) {
        return m.databaseType() + " built " + m.buildTime();
    }

    private static FileSignature signature(DatabaseKind kind, Path path) throws GeoIpDatabaseException {
        if (!Files.exists(path)) {
            throw new GeoIpDatabaseException(kind, "no such file: " + path.toAbsolutePath() + "; " + GeoIpSettings.HOW_TO_GET, null);
        }
        if (!Files.isRegularFile(path) || !Files.isReadable(path)) {
            throw new GeoIpDatabaseException(kind, "not a readable file: " + path.toAbsolutePath()
                    + "; give the path of a .mmdb file this user can read", null);
        }
        try {
            return FileSignature.of(path);
        } catch (NoSuchFileException e) {
            throw new GeoIpDatabaseException(kind, "no such file: " + path.toAbsolutePath() + "; " + GeoIpSettings.HOW_TO_GET, e);
        } catch (IOException e) {
            throw new GeoIpDatabaseException(kind, "cannot read " + path.toAbsolutePath() + ": " + e.getMessage(), e);
        }
    }

    /** A memory-mapped reader that has answered one lookup of its kind. */
    private static DatabaseReader openReader(DatabaseKind kind, Path path) throws GeoIpDatabaseException {
        DatabaseReader r;
        try {
            r = new DatabaseReader.Builder(path.toFile()).fileMode(Reader.FileMode.MEMORY_MAPPED).build();
        } catch (IOException | RuntimeException e) {
            throw new GeoIpDatabaseException(kind, path.toAbsolutePath() + " is not a MaxMind DB file (" + e.getMessage()
                    + "); " + GeoIpSettings.HOW_TO_GET, e);
        }
        try {
            kind.probe(r);
            return r;
        } catch (UnsupportedOperationException e) {
            String type = r.metadata().databaseType();
            closeQuietly(r);
            throw new GeoIpDatabaseException(kind, path.toAbsolutePath() + " is a " + type + " database, which cannot serve as "
                    + kind.settingsKey() + " (" + kind.provides() + ")", e);
        } catch (IOException | RuntimeException e) {
            closeQuietly(r);
            throw new GeoIpDatabaseException(kind, path.toAbsolutePath() + " is a damaged MaxMind DB file (" + e.getMessage() + ")", e);
        }
    }

    private static void closeQuietly(DatabaseReader r) {
        try {
            r.close();
        } catch (IOException e) {
            LOG.debug("closing a GeoIP reader", e);
        }
    }
}
