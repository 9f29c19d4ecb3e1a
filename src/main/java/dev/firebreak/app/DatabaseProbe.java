package dev.firebreak.app;

import java.sql.Connection;
import java.sql.SQLException;
import java.util.concurrent.atomic.AtomicInteger;

import javax.sql.DataSource;

import jakarta.enterprise.context.ApplicationScoped;

import org.jboss.logging.Logger;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.runtime.Startup;
import io.quarkus.scheduler.Scheduled;

/**
 * Exports {@code firebreak_database_up}: 1 while this replica can get a valid PostgreSQL connection, 0 while it cannot
 * (checked every {@value #INTERVAL}), so "database unreachable" can be alerted on without scraping health checks.
 */
@Startup
@ApplicationScoped
public class DatabaseProbe {
    static final String INTERVAL = "10s";
    private static final Logger LOG = Logger.getLogger(DatabaseProbe.class);
    private static final int VALID_TIMEOUT_SECONDS = 3;

    private final DataSource dataSource;
    private final AtomicInteger up = new AtomicInteger();

    public DatabaseProbe(DataSource dataSource, MeterRegistry registry) {
        this.dataSource = dataSource;
        Gauge.builder("firebreak.database.up", up, AtomicInteger::get)
                .description("1 while this replica can reach PostgreSQL, 0 while it cannot")
                .register(registry);
    }

    @Scheduled(every = INTERVAL, concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    void check() {
        int now;
        try (Connection connection = dataSource.getConnection()) {
            now = connection.isValid(VALID_TIMEOUT_SECONDS) ? 1 : 0;
        } catch (SQLException e) {
            now = 0;
        }
        int before = up.getAndSet(now);
        if (before != now && now == 0) {
            LOG.warn("PostgreSQL is unreachable (firebreak_database_up=0)");
        } else if (before != now) {
            LOG.debug("PostgreSQL is reachable (firebreak_database_up=1)");
        }
    }
}
