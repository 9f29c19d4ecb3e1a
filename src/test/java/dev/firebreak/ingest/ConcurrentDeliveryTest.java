package dev.firebreak.ingest;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import javax.sql.DataSource;

import jakarta.inject.Inject;

import org.junit.jupiter.api.Test;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;

import dev.firebreak.testsupport.Db;
import dev.firebreak.testsupport.Payloads;

/**
 * At-least-once delivery to several replicas at once: the database, not memory, keeps it to one incident.
 */
@QuarkusTest
class ConcurrentDeliveryTest {
    static final int THREADS = 16;

    @Inject
    DataSource dataSource;

    @Test
    void sameNotificationFromManyThreadsWithSameAndNewMessageIds() throws Exception {
        byte[] data = Payloads.bytes(Payloads.notification("0.race", "open", 1_764_000_000L, null, "checkout-race"));
        String sharedId = Payloads.newMessageId();
        List<Integer> statuses = runConcurrently(i -> Payloads.envelope(data, i % 2 == 0 ? sharedId : Payloads.newMessageId()));

        assertThat(statuses).containsOnly(204);
        assertThat(Db.count(dataSource, "SELECT count(*) FROM incident WHERE source_incident_id = '0.race'")).isEqualTo(1);
        assertThat(Db.count(dataSource, "SELECT count(*) FROM source_alert WHERE source_incident_id = '0.race'")).isEqualTo(1);
        assertThat(Db.count(dataSource, "SELECT count(*) FROM inbox_message WHERE source_incident_id = '0.race'")).isEqualTo(1);
        assertThat(Db.count(dataSource, "SELECT count(*) FROM timeline_event t JOIN incident i ON i.id = t.incident_id"
                + " WHERE i.source_incident_id = '0.race'")).isEqualTo(1);
        assertThat(Db.count(dataSource, "SELECT alert_count FROM incident WHERE source_incident_id = '0.race'")).isEqualTo(1);
    }

    @Test
    void openAndCloseOfOneNewAlertRacingAgainstEachOther() throws Exception {
        byte[] open = Payloads.bytes(Payloads.notification("0.race2", "open", 1_764_000_000L, null, "checkout-race2"));
        byte[] close = Payloads.bytes(Payloads.notification("0.race2", "closed", 1_764_000_000L, 1_764_000_100L,
                "checkout-race2"));
        List<Integer> statuses = runConcurrently(i -> Payloads.envelope(i % 2 == 0 ? open : close, Payloads.newMessageId()));

        assertThat(statuses).containsOnly(204);
        assertThat(Db.count(dataSource, "SELECT count(*) FROM incident WHERE source_incident_id = '0.race2'")).isEqualTo(1);
        // whatever the order, the close wins and each real change is recorded once
        assertThat(Db.text(dataSource, "SELECT alert_state FROM incident WHERE source_incident_id = '0.race2'"))
                .isEqualTo("cleared");
        assertThat(Db.count(dataSource, "SELECT count(*) FROM inbox_message WHERE source_incident_id = '0.race2'"))
                .isEqualTo(2);
        long events = Db.count(dataSource, "SELECT count(*) FROM timeline_event t JOIN incident i ON i.id = t.incident_id"
                + " WHERE i.source_incident_id = '0.race2'");
        // open first: opened, alert_cleared, auto_resolved; close first: opened_cleared, auto_resolved (late open stale)
        assertThat(events).isBetween(2L, 3L);
        assertThat(Db.text(dataSource, "SELECT status FROM incident WHERE source_incident_id = '0.race2'"))
                .isEqualTo("resolved");
    }

    @Test
    void differentAlertsOfOneProblemRacingOpenOneIncident() throws Exception {
        List<Integer> statuses = runConcurrently(i -> Payloads.envelope(Payloads.bytes(Payloads.notification(
                "0.group-" + i, "open", 1_764_000_000L + i, null, "checkout-grouped")), Payloads.newMessageId()));

        assertThat(statuses).containsOnly(204);
        assertThat(Db.count(dataSource, "SELECT count(DISTINCT incident_id) FROM source_alert WHERE source_incident_id"
                + " LIKE '0.group-%'")).isEqualTo(1);
        assertThat(Db.count(dataSource, "SELECT i.alert_count FROM incident i JOIN source_alert s ON s.incident_id = i.id"
                + " WHERE s.source_incident_id = '0.group-0'")).isEqualTo(THREADS);
    }

    private static List<Integer> runConcurrently(BodyFactory bodies) throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(THREADS);
        try {
            CountDownLatch start = new CountDownLatch(1);
            List<Future<Integer>> futures = new ArrayList<>();
            for (int i = 0; i < THREADS; i++) {
                String body = bodies.body(i);
                Callable<Integer> call = () -> {
                    start.await();
                    return given().contentType(ContentType.JSON).body(body).post("/pubsub/push").statusCode();
                };
                futures.add(pool.submit(call));
            }
            start.countDown();
            List<Integer> statuses = new ArrayList<>();
            for (Future<Integer> future : futures) {
                statuses.add(future.get());
            }
            return statuses;
        } finally {
            pool.shutdownNow();
        }
    }

    @FunctionalInterface
    interface BodyFactory {
        String body(int index);
    }
}
