package dev.firebreak.compat;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;

import dev.firebreak.testsupport.FakeSlack;
import dev.firebreak.testsupport.SlackTestProfile;

/**
 * The situation a rolling update starts from, prepared before the current code boots: a database that only the
 * previous release (its jar, built from git at {@link PreviousRelease#sha()}) ever touched: it created the schema
 * with its own migrations at startup, and it wrote the {@link Workload} through its push endpoint and REST API,
 * delivering to a fake Slack. The previous release keeps running (an old pod) while the current code starts on the
 * same database and migrates it; the test then checks both against each other.
 */
public class PreviousReleaseDeployment implements QuarkusTestResourceLifecycleManager {
    static final String DATABASE = "firebreak_rollout";

    static volatile Postgres15 postgres;
    static volatile FakeSlack slack;
    static volatile Path jar;
    static volatile ServiceProcess previous;
    /** Incident ids of the workload the previous release ran, by Cloud Monitoring incident id. */
    static volatile Map<String, Long> workload;
    /** What the previous release answered about its own data, before the current code touched it. */
    static volatile ApiSnapshot answered;
    /** Flyway's history as the previous release left it: version, checksum. */
    static volatile List<List<String>> historyBefore;

    /** After the shared embedded PostgreSQL resource, so this database URL is the one the app gets. */
    @Override
    public int order() {
        return 100;
    }

    @Override
    public Map<String, String> start() {
        try {
            return prepare();
        } catch (RuntimeException | Error e) {
            stop();
            throw e;
        }
    }

    private Map<String, String> prepare() {
        postgres = Postgres15.start();
        postgres.createDatabase(DATABASE);
        slack = FakeSlack.start();
        slack.createChannel(SlackTestProfile.CRITICAL_CHANNEL);
        slack.createChannel(SlackTestProfile.WARNING_CHANNEL);
        jar = PreviousRelease.jar();

        previous = startPrevious();
        ApiClient api = new ApiClient(previous.baseUrl());
        workload = Workload.run(api);
        awaitOutboxDelivered();
        answered = ApiSnapshot.of(api);
        historyBefore = history();

        Map<String, String> config = new HashMap<>();
        config.put("firebreak.db.url", postgres.jdbcUrl(DATABASE));
        config.put("firebreak.db.user", Postgres15.USER);
        config.put("firebreak.slack.bot-token", FakeSlack.TOKEN);
        config.put("firebreak.slack.api-url", slack.apiUrl());
        config.put("firebreak.slack.channels.critical", SlackTestProfile.CRITICAL_CHANNEL);
        config.put("firebreak.slack.channels.warning", SlackTestProfile.WARNING_CHANNEL);
        config.put("firebreak.slack.channel-interval", "50ms");
        return config;
    }

    private static int starts;

    /** Starts the previous release's jar on the rollout database, configured like a container (prod profile). */
    static ServiceProcess startPrevious() {
        return startPrevious(Map.of());
    }

    /** The same, with more environment variables. Each start logs to its own file under {@code target/compat/}. */
    static ServiceProcess startPrevious(Map<String, String> moreEnv) {
        Map<String, String> env = new HashMap<>(moreEnv);
        env.put("FIREBREAK_DB_URL", postgres.jdbcUrl(DATABASE));
        env.put("FIREBREAK_DB_USER", Postgres15.USER);
        env.put("FIREBREAK_PUSH_AUTH", "none");
        env.put("FIREBREAK_API_AUTH", "none");
        env.put("FIREBREAK_SLACK_BOT_TOKEN", FakeSlack.TOKEN);
        env.put("FIREBREAK_SLACK_API_URL", slack.apiUrl());
        env.put("FIREBREAK_SLACK_CHANNELS_CRITICAL", SlackTestProfile.CRITICAL_CHANNEL);
        env.put("FIREBREAK_SLACK_CHANNELS_WARNING", SlackTestProfile.WARNING_CHANNEL);
        env.put("FIREBREAK_SLACK_CHANNEL_INTERVAL", "50ms");
        starts++;
        return ServiceProcess.start(jar, env,
                Path.of("target/compat/previous-release-service-" + starts + ".log").toAbsolutePath());
    }

    /** Waits until every outbox row is delivered (the previous release posted to the fake Slack). */
    static void awaitOutboxDelivered() {
        long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
        long pending = -1;
        while (System.nanoTime() < deadline) {
            pending = count("SELECT count(*) FROM outbox WHERE delivered_at IS NULL AND failed_at IS NULL");
            if (pending == 0) {
                return;
            }
            try {
                Thread.sleep(200);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException(e);
            }
        }
        throw new IllegalStateException(pending + " outbox rows still undelivered");
    }

    static long count(String sql) {
        try (Connection c = postgres.connect(DATABASE);
                Statement s = c.createStatement();
                ResultSet rs = s.executeQuery(sql)) {
            rs.next();
            return rs.getLong(1);
        } catch (SQLException e) {
            throw new IllegalStateException(sql + ": " + e.getMessage(), e);
        }
    }

    /** Successful rows of Flyway's history, in order: [version, checksum]. */
    static List<List<String>> history() {
        String sql = "SELECT version, checksum FROM flyway_schema_history WHERE success AND version IS NOT NULL"
                + " ORDER BY installed_rank";
        List<List<String>> rows = new ArrayList<>();
        try (Connection c = postgres.connect(DATABASE);
                Statement s = c.createStatement();
                ResultSet rs = s.executeQuery(sql)) {
            while (rs.next()) {
                rows.add(List.of(rs.getString(1), String.valueOf(rs.getObject(2))));
            }
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
        return rows;
    }

    @Override
    public void stop() {
        if (previous != null) {
            previous.close();
            previous = null;
        }
        if (slack != null) {
            slack.close();
            slack = null;
        }
        if (postgres != null) {
            postgres.close();
            postgres = null;
        }
    }
}
