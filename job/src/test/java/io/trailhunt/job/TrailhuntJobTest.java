package io.trailhunt.job;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;

/** Exit codes: 2 for bad arguments or configuration, before any job starts. */
class TrailhuntJobTest {
    @Test
    void badArgumentsAndConfigurationExitTwo() {
        assertThat(TrailhuntJob.run(new String[] {"frobnicate"})).isEqualTo(2);
        assertThat(TrailhuntJob.run(new String[] {"run", "--input", "/no/such/logs"})).isEqualTo(2);
        assertThat(TrailhuntJob.run(new String[] {"run", "--config", "/no/such.yaml"})).isEqualTo(2);
        assertThat(TrailhuntJob.run(new String[] {"run", "--input", ".", "--output", "/no/such/folder/out.jsonl"})).isEqualTo(2);
    }

    @Test
    void aMissingGeoIpDatabaseExitsTwo(@TempDir Path dir) throws IOException {
        Path config = Files.writeString(dir.resolve("trailhunt.yaml"), "geoip:\n  city: " + dir.resolve("GeoLite2-City.mmdb") + "\n");
        assertThat(TrailhuntJob.run(new String[] {"run", "--config", config.toString()})).isEqualTo(2);
    }

    @Test
    void aDuplicateKeyOrARepeatedOptionExitsTwo(@TempDir Path dir) throws IOException {
        Path config = Files.writeString(dir.resolve("trailhunt.yaml"), "event-time:\n  idleness: 1m\n  idleness: 2m\n");
        assertThat(TrailhuntJob.run(new String[] {"run", "--config", config.toString()})).isEqualTo(2);
        assertThat(TrailhuntJob.run(new String[] {"run", "--output", dir.resolve("a").toString(), "--output", dir.resolve("b").toString()})).isEqualTo(2);
    }

    @Test
    void helpExitsZero() {
        assertThat(TrailhuntJob.run(new String[] {"--help"})).isEqualTo(0);
    }
}
