package dev.firebreak.testsupport;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.opentest4j.TestAbortedException;

class EmulatorJarTest {

    @TempDir
    Path libDir;

    @Test
    void findsTheJarInTheLibDirectory() throws IOException {
        Path jar = Files.createFile(libDir.resolve("cloud-pubsub-emulator-0.8.20-all.jar"));
        Files.createFile(libDir.resolve("README"));

        assertThat(EmulatorJar.require(Map.of(), libDir)).isEqualTo(jar);
    }

    @Test
    void overrideWinsOverTheLibDirectory() throws IOException {
        Files.createFile(libDir.resolve("cloud-pubsub-emulator-0.8.20-all.jar"));
        Path custom = Files.createFile(libDir.resolve("custom.jar"));

        assertThat(EmulatorJar.require(Map.of(EmulatorJar.JAR_ENV, custom.toString()), libDir)).isEqualTo(custom);
    }

    @Test
    void overrideToAMissingFileFailsEvenOutsideCi() {
        Path missing = libDir.resolve("nope.jar");

        assertThatThrownBy(() -> EmulatorJar.require(Map.of(EmulatorJar.JAR_ENV, missing.toString()), libDir))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining(EmulatorJar.JAR_ENV)
                .hasMessageContaining(missing.toString());
    }

    @Test
    void missingJarSkipsOnADeveloperMachine() {
        assertThatThrownBy(() -> EmulatorJar.require(Map.of(), libDir.resolve("absent")))
                .isInstanceOf(TestAbortedException.class)
                .hasMessageContaining("Pub/Sub emulator jar not found");
    }

    @Test
    void missingJarFailsInCi() {
        assertThatThrownBy(() -> EmulatorJar.require(Map.of("CI", "true"), libDir))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("CI is set");
    }
}
