package io.trailhunt.enrichment.geoip;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.trailhunt.events.settings.Section;
import io.trailhunt.events.settings.SettingsException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Reading {@code geoip}, and the start-up check of the files it names. */
class GeoIpSettingsTest {
    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    Path dir;

    private static GeoIpSettings read(String json) throws IOException {
        Section s = new Section("geoip", JSON.readTree(json));
        GeoIpSettings settings = GeoIpSettings.from(s);
        s.rejectUnknownKeys();
        return settings;
    }

    @Test
    void anAbsentSectionMeansEnabledWithoutDatabases() throws IOException {
        GeoIpSettings s = GeoIpSettings.from(Section.empty("geoip"));
        assertThat(s).isEqualTo(GeoIpSettings.defaults());
        assertThat(s.enabled()).isTrue();
        assertThat(s.hasDatabases()).isFalse();
        assertThat(s.cacheSize()).isEqualTo(10_000);
        assertThat(s.reloadCheckInterval()).isEqualTo(Duration.ofMinutes(1));
        assertThat(GeoIpDatabases.verify(s)).isEmpty();
        assertThat(read("{}")).isEqualTo(GeoIpSettings.defaults());
    }

    @Test
    void everyKeyIsRead() throws IOException {
        GeoIpSettings s = read("{\"enabled\": true, \"city\": \"/data/City.mmdb\", \"asn\": \"/data/ASN.mmdb\","
                + " \"anonymous-ip\": \"/data/Anon.mmdb\", \"cache-size\": 500, \"reload-check-interval\": \"10m\"}");
        assertThat(s).isEqualTo(new GeoIpSettings(true, "/data/City.mmdb", null, "/data/ASN.mmdb", "/data/Anon.mmdb", 500, Duration.ofMinutes(10), false));
        assertThat(s.databases()).extracting(GeoIpSettings.ConfiguredDatabase::kind)
                .containsExactly(DatabaseKind.CITY, DatabaseKind.ASN, DatabaseKind.ANONYMOUS_IP);
        assertThat(read("{\"country\": \"/data/Country.mmdb\", \"reload-check-interval\": \"0s\"}").reloadCheckInterval()).isZero();
        assertThat(read("{\"enabled\": false}").enabled()).isFalse();
    }

    @Test
    void badShapesAreNamedWithTheFix() {
        assertThatThrownBy(() -> read("{\"city\": \"a.mmdb\", \"country\": \"b.mmdb\"}")).isInstanceOf(SettingsException.class)
                .hasMessage("geoip.country: set either geoip.city or geoip.country, not both: a City database already holds the country");
        assertThatThrownBy(() -> read("{\"asn\": \"/data/ASN.mmdb\"}"))
                .hasMessageStartingWith("geoip.city: is required when geoip.asn is set: locations come from a City (or Country) database; get the free GeoLite2 databases");
        assertThatThrownBy(() -> read("{\"city\": \" \"}")).hasMessage("geoip.city: is empty: give the path of the .mmdb file or leave the key out");
        assertThatThrownBy(() -> read("{\"cache-size\": -1}")).hasMessage("geoip.cache-size: -1 is out of range: use a number between 0 and 10000000");
        assertThatThrownBy(() -> read("{\"reload-check-interval\": \"soon\"}")).hasMessageStartingWith("geoip.reload-check-interval: 'soon' is not a duration");
        assertThatThrownBy(() -> read("{\"citty\": \"a.mmdb\"}")).hasMessage(
                "geoip.citty: unknown key; the keys here are: enabled, city, country, asn, anonymous-ip, cache-size, reload-check-interval");
    }

    @Test
    void aMissingDatabaseStopsTheStartNamingThePathAndHowToGetOne() {
        Path missing = dir.resolve("GeoLite2-City.mmdb");
        GeoIpSettings s = TestDatabases.settings(missing.toString(), null, null, null, 10);
        assertThatThrownBy(() -> GeoIpDatabases.verify(s)).isInstanceOf(SettingsException.class)
                .hasMessage("geoip.city: no such file: " + missing + "; get the free GeoLite2 databases with a MaxMind licence key"
                        + " (sign up at https://www.maxmind.com/en/geolite2/signup) and geoipupdate (https://github.com/maxmind/geoipupdate,"
                        + " EditionIDs GeoLite2-City GeoLite2-ASN), or use any GeoIP2-compatible .mmdb file, and set geoip.city to its path");

        GeoIpSettings asnMissing = TestDatabases.settings(TestDatabases.path(TestDatabases.CITY).toString(), null, missing.toString(), null, 10);
        assertThatThrownBy(() -> GeoIpDatabases.verify(asnMissing)).hasMessageStartingWith("geoip.asn: no such file: " + missing);
    }

    @Test
    void aFileThatIsNotADatabaseOrOfTheWrongTypeIsRefused() throws IOException {
        Path garbage = Files.writeString(dir.resolve("City.mmdb"), "not a database\n");
        assertThatThrownBy(() -> GeoIpDatabases.verify(TestDatabases.settings(garbage.toString(), null, null, null, 10)))
                .hasMessageStartingWith("geoip.city: " + garbage + " is not a MaxMind DB file (");
        Path empty = Files.write(dir.resolve("Empty.mmdb"), new byte[0]);
        assertThatThrownBy(() -> GeoIpDatabases.verify(TestDatabases.settings(empty.toString(), null, null, null, 10)))
                .hasMessageStartingWith("geoip.city: " + empty + " is not a MaxMind DB file (");

        String asn = TestDatabases.path(TestDatabases.ASN).toString();
        assertThatThrownBy(() -> GeoIpDatabases.verify(TestDatabases.settings(asn, null, null, null, 10)))
                .hasMessage("geoip.city: " + asn + " is a GeoLite2-ASN database, which cannot serve as geoip.city (location (city))");
        String city = TestDatabases.path(TestDatabases.CITY).toString();
        assertThatThrownBy(() -> GeoIpDatabases.verify(TestDatabases.settings(city, null, null, city, 10)))
                .hasMessage("geoip.anonymous-ip: " + city + " is a GeoIP2-City database, which cannot serve as geoip.anonymous-ip (anonymizer flags)");
        assertThatThrownBy(() -> GeoIpDatabases.verify(TestDatabases.settings(city, null, dir.toString(), null, 10)))
                .hasMessage("geoip.asn: not a readable file: " + dir + "; give the path of a .mmdb file this user can read");
    }

    @Test
    void theVerifiedDatabasesAreDescribedForTheStartUpMessage() {
        List<String> lines = GeoIpDatabases.verify(TestDatabases.all());
        assertThat(lines).hasSize(3);
        assertThat(lines.get(0)).startsWith("city: GeoIP2-City built 20").endsWith("(" + TestDatabases.path(TestDatabases.CITY) + ")");
        assertThat(lines.get(1)).startsWith("asn: GeoLite2-ASN built ");
        assertThat(lines.get(2)).startsWith("anonymous-ip: GeoIP2-Anonymous-IP built ");
        assertThat(TestDatabases.all().testDatabases()).isTrue();
        assertThat(GeoIpDatabases.verify(TestDatabases.all().withEnabled(false))).isEmpty();
    }
}
