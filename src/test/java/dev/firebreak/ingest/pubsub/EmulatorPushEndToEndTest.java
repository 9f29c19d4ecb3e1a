package dev.firebreak.ingest.pubsub;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URL;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import javax.sql.DataSource;

import jakarta.inject.Inject;

import org.awaitility.Awaitility;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;

import dev.firebreak.testsupport.Db;
import dev.firebreak.testsupport.Payloads;
import dev.firebreak.testsupport.PubSubAdmin;
import dev.firebreak.testsupport.PubSubEmulator;
import dev.firebreak.testsupport.SubscriptionOptions;

/**
 * How Pub/Sub really calls us: the real emulator pushes to the running service.
 */
@QuarkusTest
class EmulatorPushEndToEndTest {
    static final String PROJECT = "firebreak-e2e";
    static final Duration WAIT = Duration.ofSeconds(20);

    @TestHTTPResource("/pubsub/push")
    URL pushUrl;

    @Inject
    DataSource dataSource;

    PubSubAdmin admin;
    final List<String> subscriptions = new ArrayList<>();

    @BeforeEach
    void emulator() {
        admin = PubSubEmulator.shared().admin();
    }

    @AfterEach
    void deleteSubscriptions() {
        subscriptions.forEach(sub -> admin.deleteSubscription(PROJECT, sub));
    }

    String topicWithPushSubscription(SubscriptionOptions options) {
        String suffix = UUID.randomUUID().toString().substring(0, 8);
        String topic = "alerts-" + suffix;
        admin.createTopic(PROJECT, topic);
        String sub = "firebreak-" + suffix;
        admin.createPushSubscription(PROJECT, sub, topic, pushUrl.toString(), options);
        subscriptions.add(sub);
        return topic;
    }

    @Test
    void wrappedPushOpensThenClearsAnIncident() {
        String topic = topicWithPushSubscription(SubscriptionOptions.defaults());
        admin.publish(PROJECT, topic, Payloads.bytes(Payloads.notification("0.e2e-wrapped", "open", 1_764_000_000L, null,
                "checkout-e2e-1")), Map.of());
        awaitIncident("0.e2e-wrapped", "firing");

        admin.publish(PROJECT, topic, Payloads.bytes(Payloads.notification("0.e2e-wrapped", "closed", 1_764_000_000L,
                1_764_000_500L, "checkout-e2e-1")), Map.of());
        awaitIncident("0.e2e-wrapped", "cleared");

        assertThat(Db.count(dataSource, "SELECT count(*) FROM inbox_message WHERE source_incident_id = '0.e2e-wrapped'"
                + " AND transport = 'push' AND message_id IS NOT NULL AND subscription LIKE 'projects/firebreak-e2e/%'"))
                .isEqualTo(2);
    }

    @Test
    void unwrappedPushWithMetadataOpensAnIncident() {
        String topic = topicWithPushSubscription(SubscriptionOptions.defaults().unwrapped(true));
        String messageId = admin.publish(PROJECT, topic, Payloads.bytes(Payloads.notification("0.e2e-unwrapped", "open",
                1_764_000_000L, null, "checkout-e2e-2")), Map.of("team", "payments"));
        awaitIncident("0.e2e-unwrapped", "firing");

        assertThat(Db.text(dataSource, "SELECT concat_ws(' ', transport, message_id, attributes::text) FROM inbox_message"
                + " WHERE source_incident_id = '0.e2e-unwrapped'"))
                .isEqualTo("push_unwrapped " + messageId + " {\"team\": \"payments\"}");
    }

    @Test
    void realSamplesAndAPoisonMessageThroughTheEmulator() {
        String topic = topicWithPushSubscription(SubscriptionOptions.defaults());
        String poisonId = admin.publish(PROJECT, topic, "this is not a notification".getBytes(), Map.of());
        admin.publish(PROJECT, topic, Payloads.resource("gcm/cm-test-notification-version-test.cloudforet.json"), Map.of());
        Awaitility.await()
                .atMost(WAIT)
                .untilAsserted(() -> assertThat(Db.text(dataSource,
                        "SELECT reason_code FROM quarantine WHERE message_id = ?", poisonId)).isEqualTo("not_json"));
        // a quarantined message is acknowledged: Pub/Sub does not deliver it again
        Awaitility.await()
                .during(Duration.ofSeconds(2))
                .atMost(Duration.ofSeconds(4))
                .untilAsserted(() -> assertThat(
                        Db.count(dataSource, "SELECT count(*) FROM quarantine WHERE message_id = ?", poisonId)).isEqualTo(1));
    }

    void awaitIncident(String sourceIncidentId, String alertState) {
        Awaitility.await()
                .atMost(WAIT)
                .pollInterval(Duration.ofMillis(200))
                .untilAsserted(() -> assertThat(Db.text(dataSource,
                        "SELECT i.alert_state FROM incident i JOIN source_alert s ON s.incident_id = i.id WHERE s.source_incident_id = ?",
                        sourceIncidentId)).isEqualTo(alertState));
    }
}
