package dev.firebreak.compat;

import static dev.firebreak.compat.BackupDatabase.DATABASE;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.net.URL;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import jakarta.inject.Inject;

import org.flywaydb.core.Flyway;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIf;

import com.fasterxml.jackson.databind.JsonNode;

import io.agroal.api.AgroalDataSource;
import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;

/**
 * Back up and restore, as docs/upgrade-and-backup.md tells an operator to: the service fills its database (the
 * {@link Workload} through its push endpoint and API, plus bulk incidents loaded with the read benchmark's SQL), then
 * {@code pg_dump -Fc}; the database is dropped and created again empty, {@code pg_restore --no-owner} fills it, and the
 * service (its connection pool emptied) answers exactly what it answered before, every table has the same rows,
 * Flyway finds nothing to migrate, and new alerts and commands work on the restored data. Prints the measured dump and
 * restore times. Needs PostgreSQL 15 server and client tools (in CI a missing one fails the test).
 */
@QuarkusTest
@TestProfile(BackupRestoreTest.OnPostgres15.class)
@EnabledIf("enabled")
class BackupRestoreTest {
    /** Bulk incidents added to the workload; {@code -Dfirebreak.compat.backup-incidents=N} measures another size. */
    static final int BULK_INCIDENTS = Integer.getInteger("firebreak.compat.backup-incidents", 20_000);

    @TestHTTPResource("/")
    URL service;
    @Inject
    AgroalDataSource dataSource;
    @Inject
    Flyway flyway;

    /** The service on the PostgreSQL 15 database of {@link BackupDatabase}. */
    public static class OnPostgres15 extends OwnDatabaseProfile {
        @Override
        protected Class<? extends QuarkusTestResourceLifecycleManager> database() {
            return BackupDatabase.class;
        }
    }

    static boolean enabled() {
        return Postgres15.availableOrCi();
    }

    @Test
    void aDumpRestoredIntoAFreshDatabaseAnswersTheSameAndKeepsWorking() throws IOException {
        Postgres15 postgres = BackupDatabase.postgres;
        ApiClient api = new ApiClient(service.toString());
        Map<String, Long> workload = Workload.run(api);
        if (BULK_INCIDENTS > 0) {
            api.push(Workload.k8s("bench-startup-compat", "open", "checkout-7d9f-bulk", "Warning"));
            postgres.psqlFile(DATABASE, Path.of("bench/sql/load-incidents.sql"), Map.of("n", Integer.toString(BULK_INCIDENTS)));
        }
        await().atMost(Duration.ofSeconds(30)).until(() -> pendingOutbox(postgres) == 0);
        ApiSnapshot before = ApiSnapshot.of(api, workload.values());
        Map<String, String> tablesBefore = tableFingerprints(postgres);
        assertThat(tablesBefore.get("incident"))
                .startsWith((workload.size() + (BULK_INCIDENTS > 0 ? BULK_INCIDENTS + 1 : 0)) + " ");

        Path dump = Path.of("target/compat/backup/firebreak.dump");
        Files.createDirectories(dump.getParent());
        Files.deleteIfExists(dump);
        long dumpStarted = System.nanoTime();
        postgres.dump(DATABASE, dump);
        long dumpMillis = (System.nanoTime() - dumpStarted) / 1_000_000;
        assertThat(tableFingerprints(postgres)).as("nothing changed while dumping").isEqualTo(tablesBefore);

        // Lose the database entirely, then restore into a fresh, empty one of the same name.
        postgres.dropDatabase(DATABASE);
        postgres.createDatabase(DATABASE);
        assertThat(tableFingerprints(postgres)).as("the new database is empty").isEmpty();
        long restoreStarted = System.nanoTime();
        postgres.restore(dump, DATABASE);
        long restoreMillis = (System.nanoTime() - restoreStarted) / 1_000_000;
        dataSource.flush(AgroalDataSource.FlushMode.ALL);

        assertThat(tableFingerprints(postgres)).as("every table has the same rows").isEqualTo(tablesBefore);
        ApiSnapshot after = ApiSnapshot.of(api, workload.values());
        assertThat(after.details().keySet()).isEqualTo(before.details().keySet());
        for (Long id : before.details().keySet()) {
            assertThat(after.details().get(id)).as("incident %d", id).isEqualTo(before.details().get(id));
            assertThat(after.timelines().get(id)).as("timeline of incident %d", id).isEqualTo(before.timelines().get(id));
        }
        assertThat(after.list()).isEqualTo(before.list());
        assertThat(after.quarantine()).isEqualTo(before.quarantine());

        // What the service does at startup finds the restored schema complete and unchanged.
        flyway.validate();
        assertThat(flyway.info().pending()).isEmpty();

        // It keeps working: sequences were restored (new ids follow the old ones), commands apply to restored incidents.
        long newest = before.details().keySet().stream().mapToLong(Long::longValue).max().orElseThrow();
        api.push(Workload.k8s("compat-after-restore", "open", "checkout-7d9f-after-restore", "Warning"));
        assertThat(api.idOf("compat-after-restore")).isGreaterThan(newest);
        JsonNode worked = api.command(workload.get(Workload.ACKNOWLEDGED), "/steps/immediate_response/complete",
                "{\"actor\":\"alice\",\"note\":\"pcap taken, VM restarted\"}");
        assertThat(worked.get("currentStep").asText()).isEqualTo("root_cause_analysis");

        String figures = String.format("backup/restore of %s incidents (%d tables, %d rows): pg_dump -Fc %d ms, %d bytes;"
                + " pg_restore into an empty database %d ms", tablesBefore.get("incident").split(" ")[0],
                tablesBefore.size(), totalRows(tablesBefore), dumpMillis, Files.size(dump), restoreMillis);
        System.out.println("[compat] " + figures);
        Files.writeString(Path.of("target/compat/backup-figures.txt"), figures + "\n");
    }

    private static long pendingOutbox(Postgres15 postgres) throws SQLException {
        try (Connection c = postgres.connect(DATABASE);
                Statement s = c.createStatement();
                ResultSet rs = s.executeQuery(
                        "SELECT count(*) FROM outbox WHERE delivered_at IS NULL AND failed_at IS NULL")) {
            rs.next();
            return rs.getLong(1);
        }
    }

    /** Per table of the public schema: "rows md5-over-the-rows'-md5s". */
    private static Map<String, String> tableFingerprints(Postgres15 postgres) {
        Map<String, String> fingerprints = new TreeMap<>();
        try (Connection c = postgres.connect(DATABASE); Statement s = c.createStatement()) {
            List<String> tables = new ArrayList<>();
            try (ResultSet rs = s.executeQuery("SELECT table_name FROM information_schema.tables"
                    + " WHERE table_schema = 'public' AND table_type = 'BASE TABLE'")) {
                while (rs.next()) {
                    tables.add(rs.getString(1));
                }
            }
            for (String table : tables) {
                try (ResultSet rs = s.executeQuery("SELECT count(*), md5(coalesce(string_agg(md5(t::text), '' ORDER BY"
                        + " md5(t::text)), '')) FROM \"" + table + "\" t")) {
                    rs.next();
                    fingerprints.put(table, rs.getLong(1) + " " + rs.getString(2));
                }
            }
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
        return fingerprints;
    }

    private static long totalRows(Map<String, String> fingerprints) {
        return fingerprints.values().stream().mapToLong(f -> Long.parseLong(f.split(" ")[0])).sum();
    }
}
