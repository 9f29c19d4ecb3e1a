package dev.firebreak.testsupport;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;
import static org.assertj.core.api.Assertions.within;

import java.io.IOException;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

/** Proves the emulator support end to end and pins the emulator behaviours the ingest code relies on. */
class PubSubEmulatorTest {

    private static final String PROJECT = "firebreak-test";
    private static final Duration DELIVERY_TIMEOUT = Duration.ofSeconds(10);
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final AtomicInteger SEQUENCE = new AtomicInteger();
    private static final String MONITORING_NOTIFICATION = """
            {"incident":{"incident_id":"0.opqiw61fsv7p","scoping_project_id":"firebreak-test",
             "policy_name":"High CPU","condition_name":"VM CPU above 90%","state":"open","severity":"Critical",
             "started_at":1700000000,"ended_at":null,"summary":"CPU utilization is above the threshold",
             "resource":{"type":"gce_instance","labels":{"instance_id":"123","zone":"europe-west1-b"}}},
             "version":"1.2"}""";

    private static PubSubAdmin admin;
    private final List<String> subscriptions = new ArrayList<>();
    private CapturingHttpServer endpoint;

    @BeforeAll
    static void startEmulator() {
        admin = PubSubEmulator.shared().admin();
    }

    @BeforeEach
    void startEndpoint() {
        endpoint = CapturingHttpServer.start();
    }

    @AfterEach
    void cleanUp() {
        // deleting stops push retries against the endpoint that is about to close
        subscriptions.forEach(sub -> admin.deleteSubscription(PROJECT, sub));
        endpoint.close();
    }

    @Test
    void wrappedPushDeliversTheJsonEnvelope() throws IOException {
        String topic = newTopic("alerts");
        String sub = newPushSubscription("wrapped", topic, "/pubsub/push?token=s3cret", SubscriptionOptions.defaults());
        byte[] payload = MONITORING_NOTIFICATION.getBytes(UTF_8);
        Instant before = Instant.now();

        String messageId = admin.publish(PROJECT, topic, payload, Map.of("source", "cloud-monitoring"));

        RecordedRequest push = endpoint.awaitRequests(1, DELIVERY_TIMEOUT).get(0);
        assertThat(push.method()).isEqualTo("POST");
        assertThat(push.pathAndQuery()).isEqualTo("/pubsub/push?token=s3cret");
        assertThat(push.header("content-type")).hasValue("application/json");
        JsonNode envelope = JSON.readTree(push.body());
        assertThat(envelope.path("subscription").asText()).isEqualTo(PubSubAdmin.subscriptionName(PROJECT, sub));
        assertThat(envelope.has("deliveryAttempt")).as("deliveryAttempt without DLQ policy").isFalse();
        JsonNode message = envelope.path("message");
        assertThat(message.path("data").asText()).isEqualTo(Base64.getEncoder().encodeToString(payload));
        assertThat(JSON.readTree(Base64.getDecoder().decode(message.path("data").asText()))
                .at("/incident/incident_id")
                .asText()).isEqualTo("0.opqiw61fsv7p");
        assertThat(message.path("messageId").asText()).isEqualTo(messageId);
        assertThat(message.path("message_id").asText()).isEqualTo(messageId);
        assertThat(message.path("publish_time").asText()).isEqualTo(message.path("publishTime").asText());
        assertThat(Instant.parse(message.path("publishTime").asText())).isCloseTo(before, within(5, ChronoUnit.SECONDS));
        assertThat(message.path("attributes").path("source").asText()).isEqualTo("cloud-monitoring");
    }

    @Test
    void unwrappedPushSendsRawBytesAndMetadataHeaders() {
        String topic = newTopic("alerts");
        String withMetadata = newPushSubscription("raw-meta", topic, "/with-metadata",
                SubscriptionOptions.defaults().unwrapped(true));
        newPushSubscription("raw-bare", topic, "/bare", SubscriptionOptions.defaults().unwrapped(false));
        byte[] payload = MONITORING_NOTIFICATION.getBytes(UTF_8);
        Instant before = Instant.now();

        String messageId = admin.publish(PROJECT, topic, payload, Map.of("source", "cloud-monitoring"));

        RecordedRequest push = endpoint.awaitRequests(r -> r.path().equals("/with-metadata"), 1, DELIVERY_TIMEOUT)
                .get(0);
        assertThat(push.body()).isEqualTo(payload);
        assertThat(push.header("x-goog-pubsub-message-id")).hasValue(messageId);
        assertThat(push.header("x-goog-pubsub-subscription-name"))
                .hasValue(PubSubAdmin.subscriptionName(PROJECT, withMetadata));
        assertThat(Instant.parse(push.header("x-goog-pubsub-publish-time").orElseThrow()))
                .isCloseTo(before, within(5, ChronoUnit.SECONDS));
        assertThat(push.header("source")).as("attributes become plain headers").hasValue("cloud-monitoring");
        // emulator quirk (HttpURLConnection default): a JSON body labelled as a form; consumers must ignore it
        assertThat(push.header("content-type")).hasValue("application/x-www-form-urlencoded");

        RecordedRequest bare = endpoint.awaitRequests(r -> r.path().equals("/bare"), 1, DELIVERY_TIMEOUT).get(0);
        assertThat(bare.body()).isEqualTo(payload);
        assertThat(bare.headers().keySet()).noneMatch(name -> name.toLowerCase().startsWith("x-goog-pubsub"));
        assertThat(bare.header("source")).isEmpty();
    }

    @Test
    void failedPushIsRedeliveredWithTheSameMessageId() {
        String topic = newTopic("alerts");
        newPushSubscription("retry", topic, "/push", SubscriptionOptions.defaults());
        endpoint.enqueueStatuses(500);

        String messageId = admin.publish(PROJECT, topic, "{}".getBytes(UTF_8), Map.of());

        List<RecordedRequest> pushes = endpoint.awaitRequests(2, DELIVERY_TIMEOUT);
        assertThat(pushes).extracting(PubSubEmulatorTest::envelopeMessageId)
                .containsExactly(messageId, messageId);
        assertThat(pushes.get(1).receivedAt()).isAfter(pushes.get(0).receivedAt());
        sleep(Duration.ofMillis(1500));
        assertThat(endpoint.requests()).as("no delivery after the 204 ack").hasSize(2);
    }

    @Test
    void pullReceivesPublishedMessagesUntilAcknowledged() {
        String topic = newTopic("alerts");
        String sub = uniqueId("pull");
        admin.createPullSubscription(PROJECT, sub, topic);
        subscriptions.add(sub);

        List<String> ids = admin.publishAll(PROJECT, topic, List.of(
                OutgoingMessage.of("first", Map.of("n", "1")),
                OutgoingMessage.of("second", Map.of("n", "2"))));

        List<ReceivedMessage> received = admin.pullAtLeast(PROJECT, sub, 2, DELIVERY_TIMEOUT);
        assertThat(received).extracting(ReceivedMessage::messageId).containsExactlyInAnyOrderElementsOf(ids);
        assertThat(received).extracting(ReceivedMessage::dataAsString).containsExactlyInAnyOrder("first", "second");
        assertThat(received).allSatisfy(m -> {
            assertThat(m.attributes().get("n")).isEqualTo(m.dataAsString().equals("first") ? "1" : "2");
            assertThat(m.deliveryAttempt()).isNull();
            assertThat(m.publishTime()).isNotBlank();
        });

        admin.acknowledge(PROJECT, sub, received.stream().map(ReceivedMessage::ackId).toList());
        assertThat(admin.pull(PROJECT, sub, 10)).isEmpty();
    }

    @Test
    void pullWithDeadLetterPolicyCountsDeliveryAttempts() {
        String topic = newTopic("alerts");
        String deadLetters = newTopic("dead");
        String sub = uniqueId("pull-dlq");
        admin.createPullSubscription(PROJECT, sub, topic, SubscriptionOptions.defaults()
                .deadLetterPolicy(deadLetters,
                        5));
        subscriptions.add(sub);
        admin.publish(PROJECT, topic, "payload".getBytes(UTF_8), Map.of());

        ReceivedMessage first = admin.pullAtLeast(PROJECT, sub, 1, DELIVERY_TIMEOUT).get(0);
        admin.nack(PROJECT, sub, List.of(first.ackId()));
        ReceivedMessage second = admin.pullAtLeast(PROJECT, sub, 1, DELIVERY_TIMEOUT).get(0);

        assertThat(first.deliveryAttempt()).isEqualTo(1);
        assertThat(second.messageId()).isEqualTo(first.messageId());
        assertThat(second.deliveryAttempt()).isEqualTo(2);
        admin.acknowledge(PROJECT, sub, List.of(second.ackId()));
    }

    @Test
    void pushThatKeepsFailingIsDeadLetteredWithSourceAttributes() {
        String topic = newTopic("alerts");
        String deadLetters = newTopic("dead");
        String deadLetterSub = uniqueId("dead-pull");
        admin.createPullSubscription(PROJECT, deadLetterSub, deadLetters);
        subscriptions.add(deadLetterSub);
        // no retry policy on purpose: the emulator then retries every ~1 s, with one it waits ~3 s between attempts
        String sub = newPushSubscription("doomed", topic, "/push",
                SubscriptionOptions.defaults().deadLetterPolicy(deadLetters, 5));
        endpoint.respondWith(CannedResponse.status(500));
        byte[] payload = MONITORING_NOTIFICATION.getBytes(UTF_8);

        String messageId = admin.publish(PROJECT, topic, payload, Map.of("source", "cloud-monitoring"));

        ReceivedMessage dead = admin.pullAtLeast(PROJECT, deadLetterSub, 1, Duration.ofSeconds(20)).get(0);
        assertThat(dead.messageId()).isNotEqualTo(messageId);
        assertThat(dead.data()).isEqualTo(payload);
        assertThat(dead.attributes())
                .containsEntry("source", "cloud-monitoring")
                .containsEntry("CloudPubSubDeadLetterSourceDeliveryCount", "5")
                .containsEntry("CloudPubSubDeadLetterSourceSubscription", sub)
                .containsEntry("CloudPubSubDeadLetterSourceSubscriptionProject", PROJECT)
                .containsKey("CloudPubSubDeadLetterSourceTopicPublishTime");
        List<RecordedRequest> attempts = endpoint.requests();
        assertThat(attempts).hasSize(5);
        assertThat(attempts).extracting(PubSubEmulatorTest::envelopeMessageId).containsOnly(messageId);
        assertThat(attempts).extracting(PubSubEmulatorTest::envelope)
                .as("emulator 0.8.20 omits deliveryAttempt in push bodies even with a DLQ policy")
                .noneMatch(envelope -> envelope.has("deliveryAttempt"));
        admin.acknowledge(PROJECT, deadLetterSub, List.of(dead.ackId()));
    }

    @Test
    void subscriptionSettingsAreStoredAsSentAndOidcSendsNoToken() {
        String topic = newTopic("alerts");
        String deadLetters = newTopic("dead");
        String sub = uniqueId("settings");
        JsonNode created = admin.createPushSubscription(PROJECT, sub, topic, endpoint.url("/push"),
                SubscriptionOptions.defaults()
                        .unwrapped(true)
                        .ackDeadline(30)
                        .retryPolicy(Duration.ZERO, Duration.ofMillis(1500))
                        .deadLetterPolicy(deadLetters, 7)
                        .oidcToken("pusher@firebreak-test.iam.gserviceaccount.com", "https://firebreak.example/push"));
        subscriptions.add(sub);

        assertThat(created).isEqualTo(admin.getSubscription(PROJECT, sub));
        assertThat(created.at("/pushConfig/noWrapper/writeMetadata").asBoolean()).isTrue();
        assertThat(created.at("/pushConfig/oidcToken/serviceAccountEmail").asText())
                .isEqualTo("pusher@firebreak-test.iam.gserviceaccount.com");
        assertThat(created.at("/pushConfig/oidcToken/audience").asText()).isEqualTo("https://firebreak.example/push");
        assertThat(created.path("ackDeadlineSeconds").asInt()).isEqualTo(30);
        assertThat(created.at("/retryPolicy/minimumBackoff").asText()).isEqualTo("0s");
        assertThat(created.at("/retryPolicy/maximumBackoff").asText()).isEqualTo("1.500s");
        assertThat(created.at("/deadLetterPolicy/deadLetterTopic").asText())
                .isEqualTo(PubSubAdmin.topicName(PROJECT, deadLetters));
        assertThat(created.at("/deadLetterPolicy/maxDeliveryAttempts").asInt()).isEqualTo(7);

        admin.publish(PROJECT, topic, "x".getBytes(UTF_8), Map.of());
        RecordedRequest push = endpoint.awaitRequests(1, DELIVERY_TIMEOUT).get(0);
        assertThat(push.header("authorization")).as("the emulator never signs push requests").isEmpty();
    }

    @Test
    void creatingAnExistingTopicReportsConflict() {
        String topic = newTopic("alerts");

        assertThatExceptionOfType(PubSubAdminException.class)
                .isThrownBy(() -> admin.createTopic(PROJECT, topic))
                .satisfies(conflict -> assertThat(conflict.statusCode()).isEqualTo(409))
                .satisfies(conflict -> assertThat(conflict.responseBody()).contains("ALREADY_EXISTS"));
    }

    private String newTopic(String prefix) {
        String topic = uniqueId(prefix);
        admin.createTopic(PROJECT, topic);
        return topic;
    }

    private String newPushSubscription(String prefix, String topic, String path, SubscriptionOptions options) {
        String sub = uniqueId(prefix);
        admin.createPushSubscription(PROJECT, sub, topic, endpoint.url(path), options);
        subscriptions.add(sub);
        return sub;
    }

    private static JsonNode envelope(RecordedRequest push) {
        try {
            return JSON.readTree(push.body());
        } catch (IOException e) {
            throw new AssertionError("push body is not JSON: " + push.bodyAsString(), e);
        }
    }

    private static String envelopeMessageId(RecordedRequest push) {
        return envelope(push).at("/message/messageId").asText();
    }

    private static String uniqueId(String prefix) {
        return prefix + "-" + SEQUENCE.incrementAndGet();
    }

    private static void sleep(Duration duration) {
        try {
            Thread.sleep(duration.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError(e);
        }
    }
}
