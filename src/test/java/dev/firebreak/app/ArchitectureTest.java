package dev.firebreak.app;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * The package rules of the codebase, enforced by scanning import lines (Java's stand-in for Go's depguard).
 */
class ArchitectureTest {
    static final Path MAIN = Path.of("src/main/java/dev/firebreak");

    @ParameterizedTest(name = "{0} must not import {1}")
    @CsvSource({
            // the shared kernel depends on nothing
            "alert, dev.firebreak.(?!alert)",
            // pure packages: no framework, persistence, transport or vendor SDK
            "alert, (io.quarkus|jakarta|com.google.cloud|com.slack|io.smallrye.reactive)",
            "classify, (io.quarkus|jakarta|org.hibernate|com.google.cloud|com.slack)",
            "runbook, (io.quarkus|jakarta|org.hibernate|com.google.cloud|com.slack)",
            "incident/workflow, (io.quarkus|jakarta|org.hibernate|com.google.cloud|com.slack)",
            "ingest/gcm, (io.quarkus|jakarta|org.hibernate|com.google.cloud|com.slack)",
            "security/jwt, (io.quarkus|jakarta|io.vertx|org.hibernate|com.google|com.slack|dev.firebreak.(?!security.jwt))",
            "security/token, (io.quarkus|jakarta|io.vertx|org.hibernate|com.google|com.slack|dev.firebreak.(?!security.token))",
            // incidents change because alerts arrive or people act; they never call out
            "incident, dev.firebreak.(api|ingest|notify)",
            "classify, dev.firebreak.(api|ingest|notify|incident|runbook)",
            "runbook, dev.firebreak.(api|ingest|notify|classify\\.)",
            "ingest, dev.firebreak.(api|notify)",
    })
    void packageDoesNotImport(String packagePath, String forbiddenPrefixRegex) {
        assertThat(importsMatching(MAIN.resolve(packagePath), "import (static )?" + forbiddenPrefixRegex + ".*")).isEmpty();
    }

    @ParameterizedTest(name = "only {0} may import {1}")
    @CsvSource({
            "notify/slack, com.slack",
            "ingest/pubsub, (com.google.cloud.pubsub|com.google.pubsub|com.google.api.gax)",
    })
    void vendorSdkOnlyInItsAdapter(String allowedPath, String sdkRegex) {
        List<String> offenders = new ArrayList<>();
        Path allowed = MAIN.resolve(allowedPath);
        for (String line : importsMatching(MAIN, "import (static )?" + sdkRegex + "\\..*")) {
            if (!line.startsWith(allowed.toString())) {
                offenders.add(line);
            }
        }
        assertThat(offenders).isEmpty();
    }

    /** Lines "path: import …" of every Java file under dir matching the regex. */
    static List<String> importsMatching(Path dir, String regex) {
        List<String> hits = new ArrayList<>();
        if (!Files.isDirectory(dir)) {
            return hits;
        }
        try (Stream<Path> files = Files.walk(dir)) {
            for (Path file : files.filter(f -> f.toString().endsWith(".java")).toList()) {
                for (String line : Files.readAllLines(file)) {
                    if (line.matches(regex + ";?")) {
                        hits.add(file + ": " + line);
                    }
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return hits;
    }
}
