package dev.firebreak.compat;

import java.util.Map;

import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;

/**
 * The service's database for {@link BackupRestoreTest}: a PostgreSQL 15 cluster whose {@code pg_dump} and
 * {@code pg_restore} match the server.
 */
public class BackupDatabase implements QuarkusTestResourceLifecycleManager {
    static final String DATABASE = "firebreak";

    static volatile Postgres15 postgres;

    /** After the shared embedded PostgreSQL resource, so this database URL is the one the app gets. */
    @Override
    public int order() {
        return 100;
    }

    @Override
    public Map<String, String> start() {
        postgres = Postgres15.start();
        postgres.createDatabase(DATABASE);
        return Map.of("firebreak.db.url", postgres.jdbcUrl(DATABASE), "firebreak.db.user", Postgres15.USER);
    }

    @Override
    public void stop() {
        if (postgres != null) {
            postgres.close();
            postgres = null;
        }
    }
}
