package dev.firebreak.notify;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

import javax.sql.DataSource;

import jakarta.inject.Inject;

import org.junit.jupiter.api.Test;

import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;

import dev.firebreak.testsupport.OutboxDriver;
import dev.firebreak.testsupport.SlackTestProfile;

/**
 * The dispatcher's batch reads: due incidents come oldest first and never include an incident with an event waiting for
 * a retry (even when a newer event of it is due), pending events are read for a whole batch, and batch leases exclude
 * other replicas until released.
 */
@QuarkusTest
@TestProfile(SlackTestProfile.class)
class NotifyStoreTest {
    private static final Duration LEASE = Duration.ofSeconds(60);

    @Inject
    DataSource dataSource;
    @Inject
    NotificationDispatcher dispatcher;
    @Inject
    NotifyStore store;

    @Test
    void dueIncidentsPendingEventsAndBatchLeases() {
        OutboxDriver driver = new OutboxDriver(dataSource, dispatcher);
        Map<String, String> labels = Map.of("slack_channel", "#" + OutboxDriver.unique("store"));
        String pod = OutboxDriver.unique("store-pod");
        String sourceB = OutboxDriver.unique("0.store-b");
        long a = driver.open(OutboxDriver.unique("0.store-a"), pod + "-a", "Warning", labels);
        long b = driver.open(sourceB, pod + "-b", "Warning", labels);
        long c = driver.open(OutboxDriver.unique("0.store-c"), pod + "-c", "Warning", labels);
        List<Long> ours = List.of(a, b, c);
        try {
            assertThat(due(ours)).containsExactly(a, b, c);

            store.reschedule(b, Instant.now().plus(Duration.ofHours(1)), "test: waiting for a retry", false);
            assertThat(due(ours)).containsExactly(a, c);
            driver.renotify(sourceB, pod + "-b", "Warning", labels, "9");
            assertThat(driver.pending(b)).as("b has a due event and one waiting").isEqualTo(2);
            assertThat(due(ours)).as("an incident goes out only when all its events are due").containsExactly(a, c);

            Map<Long, List<OutboxEvent>> pending = store.pendingAll(ours);
            assertThat(pending.get(a)).isNotEmpty().allSatisfy(e -> assertThat(e.kind()).isNotBlank());
            assertThat(pending.get(b)).isEmpty();
            assertThat(pending.get(c)).hasSize((int) driver.pending(c));
            assertThat(store.pending(a)).isEqualTo(pending.get(a));

            assertThat(store.tryLeaseAll(List.of(a, c), "replica-one", LEASE)).containsExactly(a, c);
            assertThat(store.tryLeaseAll(List.of(c, a), "replica-two", LEASE)).isEmpty();
            assertThat(store.tryLeaseAll(List.of(a), "replica-one", LEASE)).as("the holder renews").containsExactly(a);
            store.finish(List.of(), List.of(a, c), "replica-two");
            assertThat(store.tryLeaseAll(List.of(c), "replica-two", LEASE)).as("only the holder releases").isEmpty();
            store.finish(List.of(), List.of(a, c), "replica-one");
            assertThat(store.tryLeaseAll(List.of(c, a), "replica-two", LEASE)).containsExactly(c, a);
            store.finish(List.of(), List.of(a, c), "replica-two");
        } finally {
            // the other tests of this profile wait for an empty outbox
            ours.forEach(id -> store.reschedule(id, Instant.now().minusSeconds(1), null, false));
            store.markDelivered(store.pendingAll(ours)
                    .values()
                    .stream()
                    .flatMap(List::stream)
                    .map(OutboxEvent::outboxId)
                    .toList());
        }
        assertThat(ours).allSatisfy(id -> assertThat(driver.pending(id)).isZero());
    }

    private List<Long> due(List<Long> ours) {
        return store.dueIncidents(10_000).stream().filter(ours::contains).collect(Collectors.toList());
    }
}
