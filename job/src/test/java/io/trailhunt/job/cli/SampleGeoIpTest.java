package io.trailhunt.job.cli;

import io.trailhunt.enrichment.geoip.GeoIpSettings;
import io.trailhunt.events.settings.SettingsException;
import io.trailhunt.job.config.TrailhuntConfig;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * MaxMind's test databases are used for a run over the bundled sample alone, when no database is
 * configured, and for nothing else.
 */
class SampleGeoIpTest {
    @TempDir
    Path dir;

    private String previousHome;

    @BeforeEach
    void home() {
        previousHome = System.getProperty(RunCommand.HOME_PROPERTY);
        System.setProperty(RunCommand.HOME_PROPERTY, ".."); // the tests run in job/
    }

    @AfterEach
    void restore() {
        if (previousHome == null) {
            System.clearProperty(RunCommand.HOME_PROPERTY);
        } else {
            System.setProperty(RunCommand.HOME_PROPERTY, previousHome);
        }
    }

    private static TrailhuntConfig resolve(String... args) {
        return RunCommand.resolve(CliArguments.parse(args));
    }

    private Path config(String yaml) throws IOException {
        return Files.writeString(dir.resolve("trailhunt.yaml"), yaml);
    }

    @Test
    void theBundledSampleRunUsesTheTestDatabasesAndSaysSo() {
        GeoIpSettings geoip = resolve("run").geoip();

        assertThat(geoip.testDatabases()).isTrue();
        assertThat(Path.of(geoip.city())).isEqualTo(Path.of("..", RunCommand.SAMPLE_GEOIP_FOLDER, "GeoIP2-City-Test.mmdb"));
        assertThat(geoip.asn()).endsWith("GeoLite2-ASN-Test.mmdb");
        assertThat(geoip.anonymousIp()).endsWith("GeoIP2-Anonymous-IP-Test.mmdb");
        assertThat(RunCommand.describeGeoIp(geoip)).startsWith("GeoIP enrichment with MaxMind's TEST databases, because this run reads only"
                + " the bundled sample: they locate a few test networks, not the Internet; for real input set geoip.city (docs/configuration.md). city: GeoIP2-City built ");
    }

    @Test
    void theSampleNamedAsAnInputCountsAsTheSample() {
        assertThat(resolve("run", "--input", "../job/sample-data").geoip().testDatabases()).isTrue();
        assertThat(resolve("run", "--input", "../job/sample-data/").geoip().testDatabases()).isTrue();
    }

    @Test
    void realInputNeverGetsTheTestDatabases() {
        GeoIpSettings geoip = resolve("run", "--input", "../events/src/test/resources/real-logs").geoip();
        assertThat(geoip).isEqualTo(GeoIpSettings.defaults());
        assertThat(RunCommand.describeGeoIp(geoip)).startsWith("GeoIP lookups off: no geoip.city configured, so source addresses are"
                + " classified (public, private, cloud service, ...) but not located; to locate them, get the free GeoLite2 databases");
        // the sample together with other input is real input
        assertThat(resolve("run", "--input", "../job/sample-data", "../events/src/test/resources/real-logs").geoip().hasDatabases()).isFalse();
    }

    @Test
    void configuredDatabasesOrAnOffSwitchWinOverTheTestDatabases() throws IOException {
        Path city = Path.of("sample-geoip", "GeoIP2-City-Test.mmdb").toAbsolutePath();
        GeoIpSettings configured = resolve("run", "--config", config("geoip:\n  city: " + city + "\n").toString()).geoip();
        assertThat(configured.testDatabases()).isFalse();
        assertThat(configured.city()).isEqualTo(city.toString());
        assertThat(configured.asn()).isNull();
        assertThat(RunCommand.describeGeoIp(configured)).startsWith("GeoIP enrichment: city: GeoIP2-City built ")
                .endsWith("; cache 10000 addresses per subtask, files checked for updates every 1m");

        GeoIpSettings off = resolve("run", "--config", config("geoip:\n  enabled: false\n").toString()).geoip();
        assertThat(off.enabled()).isFalse();
        assertThat(off.hasDatabases()).isFalse();
        assertThat(RunCommand.describeGeoIp(off)).isEqualTo("GeoIP enrichment off (geoip.enabled: false): events carry no location and no address kind");
    }

    @Test
    void missingBundledDatabasesStopTheStart() throws IOException {
        System.setProperty(RunCommand.HOME_PROPERTY, dir.toString());
        Files.createDirectories(dir.resolve(RunCommand.SAMPLE_FOLDER));
        assertThatThrownBy(() -> resolve("run")).isInstanceOf(SettingsException.class)
                .hasMessageStartingWith("geoip.city: no such file: " + dir.resolve(RunCommand.SAMPLE_GEOIP_FOLDER).resolve("GeoIP2-City-Test.mmdb"));
    }
}
