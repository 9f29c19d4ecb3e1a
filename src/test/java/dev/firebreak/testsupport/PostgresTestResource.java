package dev.firebreak.testsupport;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.Map;
import java.util.stream.Stream;

import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;

/**
 * A real PostgreSQL for every {@code @QuarkusTest}: the one named by {@code FIREBREAK_TEST_DB_URL} (+ user/password),
 * or an embedded one (zonky) on a free port with a fresh data folder. Tests may stop and restart the embedded one to
 * simulate an outage.
 */
public class PostgresTestResource implements QuarkusTestResourceLifecycleManager {
    private static final Path DATA_DIR = Path.of("target/embedded-pg-data");
    private static volatile EmbeddedPostgres postgres;
    private static volatile int port;

    @Override
    public Map<String, String> start() {
        String external = System.getenv("FIREBREAK_TEST_DB_URL");
        if (external != null && !external.isBlank()) {
            return Map.of("firebreak.db.url", external,
                    "firebreak.db.user", envOr("FIREBREAK_TEST_DB_USER", "postgres"),
                    "firebreak.db.password", envOr("FIREBREAK_TEST_DB_PASSWORD", ""));
        }
        startEmbedded(0, true);
        return Map.of("firebreak.db.url", postgres.getJdbcUrl("postgres", "postgres"), "firebreak.db.user", "postgres");
    }

    @Override
    public void stop() {
        stopDatabase();
    }

    /** True when the tests run on the embedded server (which they can stop and start). */
    public static boolean embedded() {
        return postgres != null;
    }

    /** Stops the embedded server immediately (an outage). */
    public static synchronized void stopDatabase() {
        if (postgres != null) {
            try {
                postgres.close();
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
    }

    /** Starts the embedded server again on the same port and data. */
    public static synchronized void restartDatabase() {
        startEmbedded(port, false);
    }

    private static synchronized void startEmbedded(int onPort, boolean clean) {
        try {
            if (clean) {
                deleteRecursively(DATA_DIR);
            }
            EmbeddedPostgres.Builder builder = EmbeddedPostgres.builder()
                    .setOverrideWorkingDirectory(Path.of("target/embedded-pg").toFile())
                    .setDataDirectory(DATA_DIR)
                    .setCleanDataDirectory(false);
            if (onPort > 0) {
                builder.setPort(onPort);
            }
            postgres = builder.start();
            port = postgres.getPort();
        } catch (IOException e) {
            throw new UncheckedIOException("could not start the embedded PostgreSQL", e);
        }
    }

    private static void deleteRecursively(Path dir) throws IOException {
        if (!Files.exists(dir)) {
            return;
        }
        try (Stream<Path> paths = Files.walk(dir)) {
            for (Path path : paths.sorted(Comparator.reverseOrder()).toList()) {
                Files.delete(path);
            }
        }
    }

    private static String envOr(String name, String fallback) {
        String value = System.getenv(name);
        return value == null ? fallback : value;
    }
}
