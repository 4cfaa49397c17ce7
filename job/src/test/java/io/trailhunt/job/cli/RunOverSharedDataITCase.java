package io.trailhunt.job.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.trailhunt.job.TrailhuntJobAccess;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@code trailhunt run --input <folder> --output out.jsonl} over each folder of the shared real
 * logs beside the checkout: exits 0 and writes only valid JSON lines, findings and dead letters.
 */
class RunOverSharedDataITCase {
    private static final Path SHARED = Path.of("..", "..", "shared", "data");
    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    Path dir;

    @ParameterizedTest
    @ValueSource(strings = {"stratus-red-team-detonation-logs", "panther-analysis", "plaso-test-data", "otrf-security-datasets", "azure-sentinel-sample-data"})
    void boundedRunOverAFolderExitsZeroWithValidJsonLines(String folder) throws IOException {
        Path input = SHARED.resolve(folder);
        Assumptions.assumeTrue(Files.isDirectory(input), "the shared data sits beside the checkout in CI: " + input.toAbsolutePath());
        Path out = dir.resolve("out.jsonl");

        int code = TrailhuntJobAccess.run("run", "--input", input.toString(), "--output", out.toString());

        assertThat(code).isZero();
        Path deadLetters = dir.resolve("out.dead-letters.jsonl");
        assertThat(out).exists();
        assertThat(deadLetters).exists();
        for (Path p : new Path[] {out, deadLetters}) {
            for (String line : Files.readAllLines(p)) {
                assertThat(JSON.readTree(line).isObject()).as(line).isTrue();
            }
        }
        assertThat(Files.readAllLines(out).size() + Files.readAllLines(deadLetters).size()).isPositive();
    }
}
