package dev.firebreak.app;

import java.nio.file.Path;

/**
 * The local profile's database: with no {@code firebreak.db.url}, a real embedded PostgreSQL whose data persists in a
 * folder across restarts. Never used by any other profile, and absent from the production build.
 */
final class LocalDatabase {
    static final String DEFAULT_DATA_DIR = ".firebreak/pgdata";

    private LocalDatabase() {
    }

    static void startIfNeeded() {
        if (!"local".equals(setting("quarkus.profile", "QUARKUS_PROFILE"))
                || setting("firebreak.db.url", "FIREBREAK_DB_URL") != null) {
            return;
        }
        String dataDir = setting("firebreak.db.embedded.data-dir", "FIREBREAK_DB_EMBEDDED_DATA_DIR");
        Path dir = Path.of(dataDir != null ? dataDir : DEFAULT_DATA_DIR).toAbsolutePath();
        String portSetting = setting("firebreak.db.embedded.port", "FIREBREAK_DB_EMBEDDED_PORT");
        int port = portSetting == null ? 0 : Integer.parseInt(portSetting.trim());
        String jdbcUrl;
        try {
            jdbcUrl = EmbeddedPostgresLauncher.start(dir, port);
        } catch (NoClassDefFoundError e) {
            throw new IllegalStateException("this build has no embedded PostgreSQL: build with -Plocal (see README) or set"
                    + " FIREBREAK_DB_URL", e);
        }
        System.setProperty("firebreak.db.url", jdbcUrl);
        System.setProperty("firebreak.db.user", "postgres");
        System.out.printf("Firebreak local profile: embedded PostgreSQL at %s (data in %s)%n", jdbcUrl, dir);
    }

    /** Outside the local/dev/test profiles a database must be named: say so before Quarkus reports it obscurely. */
    static void requireConfiguredDatabase() {
        String profile = setting("quarkus.profile", "QUARKUS_PROFILE");
        if ((profile == null || "prod".equals(profile)) && setting("firebreak.db.url", "FIREBREAK_DB_URL") == null) {
            System.err.println("Firebreak needs a PostgreSQL database: set FIREBREAK_DB_URL (jdbc:postgresql://host:5432/db),"
                    + " FIREBREAK_DB_USER and FIREBREAK_DB_PASSWORD. For a local run with an embedded database use"
                    + " bin/firebreak-local (QUARKUS_PROFILE=local).");
            System.exit(1);
        }
    }

    private static String setting(String property, String env) {
        String value = System.getProperty(property);
        if (value == null || value.isBlank()) {
            value = System.getenv(env);
        }
        return value == null || value.isBlank() ? null : value;
    }
}
