package dev.firebreak.ingest.pubsub;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assumptions.assumeThat;

import java.time.Duration;
import java.util.List;
import java.util.stream.IntStream;
import java.util.stream.Stream;

import javax.sql.DataSource;

import jakarta.inject.Inject;

import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;

import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;

import dev.firebreak.testsupport.Db;
import dev.firebreak.testsupport.PostgresTestResource;

/**
 * Database down while messages arrive: they are nacked and redelivered, and once the database is back every one is
 * stored exactly once.
 */
@QuarkusTest
@TestProfile(PullTestProfile.class)
class PubSubPullOutageTest {
    static final int MESSAGES = 8;

    @Inject
    DataSource dataSource;

    @Inject
    MeterRegistry registry;

    @Test
    void messagesPublishedDuringAnOutageAreStoredExactlyOnceAfterRecovery() {
        assumeThat(PostgresTestResource.embedded()).as("needs the embedded database to stop it").isTrue();
        PullFixture fixture = new PullFixture(dataSource);
        String prefix = PullFixture.unique("0.pull-outage");
        List<String> sourceIds = IntStream.range(0, MESSAGES).mapToObj(i -> prefix + "-" + i).toList();
        double nacksBefore = nacks();

        List<String> messageIds;
        PostgresTestResource.stopDatabase();
        try {
            messageIds = fixture.publishOpens(sourceIds.subList(0, MESSAGES / 2));
            Awaitility.await()
                    .atMost(PullFixture.WAIT)
                    .untilAsserted(() -> assertThat(nacks() - nacksBefore).isGreaterThanOrEqualTo(MESSAGES / 2));
            messageIds = concat(messageIds, fixture.publishOpens(sourceIds.subList(MESSAGES / 2, MESSAGES)));
            Awaitility.await()
                    .atMost(PullFixture.WAIT)
                    .untilAsserted(() -> assertThat(nacks() - nacksBefore).isGreaterThanOrEqualTo(MESSAGES));
        } finally {
            PostgresTestResource.restartDatabase();
        }
        List<String> published = messageIds;

        Awaitility.await()
                .atMost(Duration.ofSeconds(30))
                .pollInterval(Duration.ofMillis(250))
                .untilAsserted(() -> assertThat(fixture.storedOf(published)).isEqualTo(MESSAGES));
        for (String sourceId : sourceIds) {
            assertThat(fixture.incidentsFor(sourceId)).as("incidents of %s", sourceId).isEqualTo(1);
            assertThat(fixture.timelineEventsFor(sourceId)).as("timeline of %s", sourceId).isEqualTo(1);
            assertThat(Db.count(dataSource, "SELECT count(*) FROM inbox_message WHERE source_incident_id = ?", sourceId))
                    .as("inbox rows of %s", sourceId)
                    .isEqualTo(1);
        }
        assertThat(Db.count(dataSource, "SELECT max(delivery_attempt) FROM inbox_message WHERE message_id = ANY (?)",
                (Object) published.toArray(String[]::new))).as("stored on a redelivery").isGreaterThan(1);
    }

    private double nacks() {
        return PullFixture.counter(registry, "firebreak.pubsub.pull.nacks", "reason", PullMetrics.UNAVAILABLE);
    }

    private static List<String> concat(List<String> first, List<String> second) {
        return Stream.concat(first.stream(), second.stream()).toList();
    }
}
