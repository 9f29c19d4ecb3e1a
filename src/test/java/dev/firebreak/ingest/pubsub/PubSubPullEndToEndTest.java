package dev.firebreak.ingest.pubsub;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;

import javax.sql.DataSource;

import jakarta.inject.Inject;

import org.awaitility.Awaitility;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;

import dev.firebreak.testsupport.Db;
import dev.firebreak.testsupport.ReceivedMessage;
import dev.firebreak.testsupport.SubscriptionOptions;

/**
 * The pull path against the real emulator and PostgreSQL: a notification becomes an incident, a poison message is
 * quarantined and acknowledged once, and a real dead-letter copy of an ingested message is a duplicate.
 */
@QuarkusTest
@TestProfile(PullTestProfile.class)
class PubSubPullEndToEndTest {
    @Inject
    DataSource dataSource;

    @Inject
    PubSubPuller puller;

    @Inject
    MeterRegistry registry;

    PullFixture fixture;

    @BeforeEach
    void fixture() {
        fixture = new PullFixture(dataSource);
    }

    @Test
    void publishedNotificationBecomesAnIncidentRecordedAsPull() {
        String sourceId = PullFixture.unique("0.pull-e2e");
        double acksBefore = PullFixture.counter(registry, "firebreak.pubsub.pull.acks");
        String messageId = fixture.publish(PullFixture.openNotification(sourceId), Map.of("team", "payments"));

        fixture.awaitIncident(sourceId);

        assertThat(Db.text(dataSource, "SELECT concat_ws('|', transport, subscription, attributes::text, outcome,"
                + " publish_time IS NOT NULL, delivery_attempt) FROM inbox_message WHERE message_id = ?", messageId))
                .isEqualTo("pull|" + fixture.subscriptionName() + "|{\"team\": \"payments\"}|opened|t|1");
        Awaitility.await()
                .atMost(Duration.ofSeconds(5))
                .untilAsserted(() -> assertThat(
                        PullFixture.counter(registry, "firebreak.pubsub.pull.acks")).isGreaterThan(acksBefore));
        given().get("/q/health/ready")
                .then()
                .statusCode(200)
                .body("checks.find { it.name == '" + PubSubPullHealthCheck.NAME + "' }.data.state", equalTo("RUNNING"));
        given().get("/q/metrics")
                .then()
                .statusCode(200)
                .body(containsString("firebreak_ingest_messages_total{transport=\"pull\"}"))
                .body(containsString("firebreak_pubsub_pull_acks_total"))
                .body(containsString("firebreak_pubsub_pull_nacks_total{reason=\"unavailable\"}"));
    }

    @Test
    void poisonMessageIsQuarantinedOnceAndAcknowledged() {
        byte[] poison = ("not a notification " + PullFixture.unique("poison")).getBytes(StandardCharsets.UTF_8);
        String messageId = fixture.publish(poison, Map.of());

        Awaitility.await()
                .atMost(PullFixture.WAIT)
                .untilAsserted(() -> assertThat(Db.text(dataSource,
                        "SELECT concat_ws('|', transport, reason_code) FROM quarantine WHERE message_id = ?", messageId))
                        .isEqualTo("pull|not_json"));
        Awaitility.await()
                .during(Duration.ofSeconds(2))
                .atMost(Duration.ofSeconds(4))
                .untilAsserted(() -> assertThat(
                        Db.count(dataSource, "SELECT count(*) FROM quarantine WHERE message_id = ?", messageId)).isEqualTo(1));

        // the subscription is drained: with our subscriber stopped, nothing is left to deliver
        puller.stop();
        try {
            assertThat(fixture.pullLeftovers(1, Duration.ofSeconds(1))).isEmpty();
        } finally {
            puller.start();
        }
    }

    @Test
    void deadLetterCopyOfAnIngestedMessageIsRecognisedAsDuplicate() {
        String sourceId = PullFixture.unique("0.pull-dlq");
        byte[] data = PullFixture.openNotification(sourceId);
        String suffix = PullFixture.unique("dlq");
        String sourceTopic = "dlq-source-" + suffix;
        String failingSubscription = "always-nacked-" + suffix;
        String peekSubscription = "peek-" + suffix;
        fixture.admin.createTopic(PullFixture.PROJECT, sourceTopic);
        fixture.admin.createPullSubscription(PullFixture.PROJECT, failingSubscription, sourceTopic,
                SubscriptionOptions.defaults().deadLetterPolicy(fixture.topic, 5));
        fixture.admin.createPullSubscription(PullFixture.PROJECT, peekSubscription, fixture.topic);
        try {
            String originalId = fixture.publish(data, Map.of());
            fixture.awaitIncident(sourceId);
            long timelineBefore = fixture.timelineEventsFor(sourceId);
            double duplicatesBefore = PullFixture.counter(registry, "firebreak.ingest.duplicates", "transport", "pull");

            // a consumer that keeps failing: after 5 delivery attempts Pub/Sub dead-letters a copy onto our topic
            fixture.admin.publish(PullFixture.PROJECT, sourceTopic, data, Map.of());
            ReceivedMessage copy = deadLetterCopy(failingSubscription, peekSubscription, originalId);

            assertThat(copy.messageId()).isNotEqualTo(originalId);
            assertThat(copy.data()).isEqualTo(data);
            assertThat(copy.attributes()).containsKeys("CloudPubSubDeadLetterSourceDeliveryCount",
                    "CloudPubSubDeadLetterSourceSubscription");
            Awaitility.await()
                    .atMost(PullFixture.WAIT)
                    .untilAsserted(() -> assertThat(
                            PullFixture.counter(registry, "firebreak.ingest.duplicates", "transport", "pull"))
                            .isGreaterThan(duplicatesBefore));
            assertThat(fixture.inboxRows(originalId)).isEqualTo(1);
            assertThat(fixture.inboxRows(copy.messageId())).isZero();
            assertThat(fixture.incidentsFor(sourceId)).isEqualTo(1);
            assertThat(fixture.timelineEventsFor(sourceId)).isEqualTo(timelineBefore);
        } finally {
            fixture.admin.deleteSubscription(PullFixture.PROJECT, failingSubscription);
            fixture.admin.deleteSubscription(PullFixture.PROJECT, peekSubscription);
        }
    }

    /** Nacks every delivery on the failing subscription until the dead-lettered copy shows up on the peek one. */
    private ReceivedMessage deadLetterCopy(String failingSubscription, String peekSubscription, String originalId) {
        ReceivedMessage[] found = new ReceivedMessage[1];
        Awaitility.await().atMost(PullFixture.WAIT).pollInterval(Duration.ofMillis(100)).until(() -> {
            List<ReceivedMessage> failing = fixture.admin.pull(PullFixture.PROJECT, failingSubscription, 10);
            if (!failing.isEmpty()) {
                fixture.admin.nack(PullFixture.PROJECT, failingSubscription,
                        failing.stream().map(ReceivedMessage::ackId).toList());
            }
            for (ReceivedMessage peeked : fixture.admin.pull(PullFixture.PROJECT, peekSubscription, 10)) {
                fixture.admin.acknowledge(PullFixture.PROJECT, peekSubscription, List.of(peeked.ackId()));
                if (!peeked.messageId().equals(originalId)) {
                    found[0] = peeked;
                }
            }
            return found[0] != null;
        });
        return found[0];
    }
}
