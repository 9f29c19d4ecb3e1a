package dev.firebreak.ingest.pubsub;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import javax.sql.DataSource;

import org.awaitility.Awaitility;
import org.eclipse.microprofile.config.ConfigProvider;

import io.micrometer.core.instrument.MeterRegistry;

import dev.firebreak.testsupport.Db;
import dev.firebreak.testsupport.OutgoingMessage;
import dev.firebreak.testsupport.Payloads;
import dev.firebreak.testsupport.PubSubAdmin;
import dev.firebreak.testsupport.ReceivedMessage;

/**
 * What the pull tests share: the emulator topic the service pulls from, publishing, and database reads.
 */
final class PullFixture {
    static final String PROJECT = PullEmulatorResource.PROJECT;
    static final Duration WAIT = Duration.ofSeconds(20);

    final PubSubAdmin admin;
    final String topic;
    final String subscription;
    final DataSource dataSource;

    PullFixture(DataSource dataSource) {
        this.dataSource = dataSource;
        this.admin = new PubSubAdmin(URI.create(setting("firebreak-test.pull.emulator-rest")));
        this.topic = setting("firebreak-test.pull.topic");
        this.subscription = setting("firebreak.pubsub.subscription");
    }

    /** Full subscription name as recorded in the inbox. */
    String subscriptionName() {
        return PubSubAdmin.subscriptionName(PROJECT, subscription);
    }

    static String unique(String prefix) {
        return prefix + "-" + UUID.randomUUID().toString().substring(0, 8);
    }

    static byte[] openNotification(String sourceIncidentId) {
        return Payloads.bytes(Payloads.notification(sourceIncidentId, "open", 1_764_000_000L, null, "pod-" + sourceIncidentId));
    }

    String publish(byte[] data, Map<String, String> attributes) {
        return admin.publish(PROJECT, topic, data, attributes);
    }

    /** Publishes one open notification per source incident id, in one request; returns the message ids in order. */
    List<String> publishOpens(List<String> sourceIncidentIds) {
        List<OutgoingMessage> messages = new ArrayList<>();
        sourceIncidentIds.forEach(id -> messages.add(new OutgoingMessage(openNotification(id), Map.of())));
        return admin.publishAll(PROJECT, topic, messages);
    }

    long inboxRows(String messageId) {
        return Db.count(dataSource, "SELECT count(*) FROM inbox_message WHERE message_id = ?", messageId);
    }

    long storedOf(List<String> messageIds) {
        return Db.count(dataSource, "SELECT count(*) FROM inbox_message WHERE message_id = ANY (?)",
                (Object) messageIds.toArray(String[]::new));
    }

    List<String> storedIdsOf(List<String> messageIds) {
        String joined = Db.text(dataSource, "SELECT string_agg(message_id, ',') FROM inbox_message WHERE message_id = ANY (?)",
                (Object) messageIds.toArray(String[]::new));
        return joined == null ? List.of() : List.of(joined.split(","));
    }

    long incidentsFor(String sourceIncidentId) {
        return Db.count(dataSource, "SELECT count(DISTINCT incident_id) FROM source_alert WHERE source_incident_id = ?",
                sourceIncidentId);
    }

    long timelineEventsFor(String sourceIncidentId) {
        return Db.count(dataSource, "SELECT count(*) FROM timeline_event t JOIN source_alert s ON s.incident_id = t.incident_id"
                + " WHERE s.source_incident_id = ?", sourceIncidentId);
    }

    void awaitIncident(String sourceIncidentId) {
        Awaitility.await()
                .atMost(WAIT)
                .pollInterval(Duration.ofMillis(100))
                .untilAsserted(() -> assertThat(incidentsFor(sourceIncidentId)).isEqualTo(1));
    }

    /** Messages nobody holds: after the service stopped pulling, anything returned here was never acknowledged. */
    List<ReceivedMessage> pullLeftovers(int atLeast, Duration timeout) {
        return admin.pullAtLeast(PROJECT, subscription, atLeast, timeout);
    }

    static double counter(MeterRegistry registry, String name, String... tags) {
        return registry.counter(name, tags).count();
    }

    private static String setting(String key) {
        return ConfigProvider.getConfig().getValue(key, String.class);
    }
}
