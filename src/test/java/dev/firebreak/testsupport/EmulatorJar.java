package dev.firebreak.testsupport;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;

import org.junit.jupiter.api.Assumptions;

/** Locates the Pub/Sub emulator jar and decides between skipping (developer machine) and failing (CI) when absent. */
final class EmulatorJar {

    /** Environment variable that points at the emulator jar explicitly. */
    static final String JAR_ENV = "FIREBREAK_PUBSUB_EMULATOR_JAR";

    /** Where the Debian package {@code google-cloud-cli-pubsub-emulator} installs the jar. */
    static final Path DEFAULT_LIB_DIR = Path.of("/usr/lib/google-cloud-sdk/platform/pubsub-emulator/lib");

    private EmulatorJar() {
    }

    /**
     * Returns the jar to run. An explicit override that does not exist always fails; a missing default jar fails
     * when {@code CI} is set (CI must never silently skip) and aborts the current test otherwise.
     */
    static Path require(Map<String, String> env, Path libDir) {
        String override = env.get(JAR_ENV);
        if (override != null && !override.isBlank()) {
            Path jar = Path.of(override);
            if (!Files.isRegularFile(jar)) {
                throw new IllegalStateException(JAR_ENV + " points at " + jar + ", which is not a file");
            }
            return jar;
        }
        Optional<Path> found = findIn(libDir);
        if (found.isPresent()) {
            return found.get();
        }
        String message = "Pub/Sub emulator jar not found in " + libDir + " (install google-cloud-cli-pubsub-emulator or set "
                + JAR_ENV + ")";
        if (env.containsKey("CI")) {
            throw new IllegalStateException(message + "; CI is set, so emulator tests must not be skipped");
        }
        Assumptions.abort(message);
        throw new AssertionError("unreachable");
    }

    private static Optional<Path> findIn(Path libDir) {
        if (!Files.isDirectory(libDir)) {
            return Optional.empty();
        }
        try (Stream<Path> files = Files.list(libDir)) {
            List<Path> jars = files
                    .filter(p -> p.getFileName().toString().matches("cloud-pubsub-emulator-.*\\.jar"))
                    .sorted()
                    .toList();
            return jars.isEmpty() ? Optional.empty() : Optional.of(jars.get(jars.size() - 1));
        } catch (IOException e) {
            return Optional.empty();
        }
    }
}
