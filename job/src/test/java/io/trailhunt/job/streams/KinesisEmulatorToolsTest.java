package io.trailhunt.job.streams;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.opentest4j.TestAbortedException;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Without node and npm the Kinesis ITCases skip on a developer's machine and fail in CI. */
class KinesisEmulatorToolsTest {
    @TempDir
    Path dir;

    private Path bin(String... commands) throws Exception {
        Path bin = Files.createDirectories(dir.resolve("bin"));
        for (String c : commands) {
            Files.createFile(bin.resolve(c), PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rwxr-xr-x")));
        }
        return bin;
    }

    @Test
    void withNodeAndNpmOnThePathTheEmulatorMayStartAnywhere() throws Exception {
        String path = bin("node", "npm") + ":/nonexistent";
        assertThatCode(() -> KinesisEmulator.requireNodeAndNpm(path, "true", "true")).doesNotThrowAnyException();
    }

    @Test
    void withoutNpmATestIsSkippedOutsideCi() throws Exception {
        String path = bin("node").toString();
        assertThatThrownBy(() -> KinesisEmulator.requireNodeAndNpm(path, null, null))
                .isInstanceOf(TestAbortedException.class)
                .hasMessageContaining("the Kinesis tests need node and npm on the PATH to install and run kinesis-local 0.6.2");
        assertThatThrownBy(() -> KinesisEmulator.requireNodeAndNpm(path, "false", "false")).isInstanceOf(TestAbortedException.class);
    }

    @Test
    void withoutNodeOrNpmATestFailsWhenCiIsSetOrThePropertyRequiresTheEmulator() throws Exception {
        String path = bin("npm").toString();
        assertThatThrownBy(() -> KinesisEmulator.requireNodeAndNpm(path, "true", null))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageEndingWith("; they are required here because the environment variable CI is set");
        assertThatThrownBy(() -> KinesisEmulator.requireNodeAndNpm("", null, "true"))
                .isInstanceOf(IllegalStateException.class)
                .hasMessage("the Kinesis tests need node and npm on the PATH to install and run kinesis-local 0.6.2 (e.g. apt-get install nodejs npm);"
                        + " PATH is ; they are required here because trailhunt.require-emulators=true");
        assertThat(KinesisEmulator.requiredBy("1", null)).isEqualTo("the environment variable CI is set");
        assertThat(KinesisEmulator.requiredBy("", "false")).isNull();
    }
}
