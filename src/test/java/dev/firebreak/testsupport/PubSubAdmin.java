package dev.firebreak.testsupport;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * Topic, subscription, publish and pull operations against the emulator's REST API ({@code /v1}), for arranging and
 * asserting in tests. Ids are short ids ({@code alerts}); full names are built as {@code projects/P/topics/T}.
 */
public final class PubSubAdmin {

    private static final Duration REQUEST_TIMEOUT = Duration.ofSeconds(15);
    private static final Duration PULL_POLL_INTERVAL = Duration.ofMillis(100);

    private final URI restBase;
    private final HttpClient http;
    private final ObjectMapper json = new ObjectMapper();

    /** Creates a client for a REST base such as {@code http://127.0.0.1:40123/v1}. */
    public PubSubAdmin(URI restBase) {
        this.restBase = restBase;
        // HTTP/1.1 only: the emulator shares the port with gRPC and must not see an h2c upgrade attempt
        this.http = HttpClient.newBuilder()
                .version(HttpClient.Version.HTTP_1_1)
                .connectTimeout(Duration.ofSeconds(5))
                .build();
    }

    /** Full topic name {@code projects/P/topics/T}. */
    public static String topicName(String project, String topic) {
        return topic.startsWith("projects/") ? topic : "projects/" + project + "/topics/" + topic;
    }

    /** Full subscription name {@code projects/P/subscriptions/S}. */
    public static String subscriptionName(String project, String subscription) {
        return "projects/" + project + "/subscriptions/" + subscription;
    }

    /** Creates a topic and returns it as the emulator stored it; ids need at least 3 characters. */
    public JsonNode createTopic(String project, String topic) {
        return send("create topic " + topic, "PUT", topicName(project, topic), json.createObjectNode());
    }

    /** Deletes a topic. */
    public void deleteTopic(String project, String topic) {
        send("delete topic " + topic, "DELETE", topicName(project, topic), null);
    }

    /** Creates a push subscription delivering to {@code endpointUrl}; returns it as the emulator stored it. */
    public JsonNode createPushSubscription(String project, String subscription, String topic, String endpointUrl,
            SubscriptionOptions options) {
        ObjectNode body = subscriptionBody(project, topic, options);
        ObjectNode push = body.putObject("pushConfig").put("pushEndpoint", endpointUrl);
        if (options.noWrapper()) {
            push.putObject("noWrapper").put("writeMetadata", options.writeMetadata());
        }
        if (options.oidcServiceAccountEmail() != null || options.oidcAudience() != null) {
            ObjectNode oidc = push.putObject("oidcToken");
            putIfNotNull(oidc, "serviceAccountEmail", options.oidcServiceAccountEmail());
            putIfNotNull(oidc, "audience", options.oidcAudience());
        }
        return send("create push subscription " + subscription, "PUT", subscriptionName(project, subscription), body);
    }

    /** Creates a pull subscription with emulator defaults. */
    public JsonNode createPullSubscription(String project, String subscription, String topic) {
        return createPullSubscription(project, subscription, topic, SubscriptionOptions.defaults());
    }

    /** Creates a pull subscription; push-only options are rejected. */
    public JsonNode createPullSubscription(String project, String subscription, String topic,
            SubscriptionOptions options) {
        if (options.hasPushOnlySettings()) {
            throw new IllegalArgumentException("wrapper and OIDC settings apply to push subscriptions only");
        }
        return send("create pull subscription " + subscription, "PUT", subscriptionName(project, subscription),
                subscriptionBody(project, topic, options));
    }

    /** Reads a subscription as the emulator stores it. */
    public JsonNode getSubscription(String project, String subscription) {
        return send("get subscription " + subscription, "GET", subscriptionName(project, subscription), null);
    }

    /** Deletes a subscription, which also stops its push deliveries. */
    public void deleteSubscription(String project, String subscription) {
        send("delete subscription " + subscription, "DELETE", subscriptionName(project, subscription), null);
    }

    /** Publishes one message and returns its message id. */
    public String publish(String project, String topic, byte[] data, Map<String, String> attributes) {
        return publishAll(project, topic, List.of(new OutgoingMessage(data, attributes))).get(0);
    }

    /** Publishes a batch in one request and returns the message ids in order. */
    public List<String> publishAll(String project, String topic, List<OutgoingMessage> messages) {
        ObjectNode body = json.createObjectNode();
        ArrayNode array = body.putArray("messages");
        for (OutgoingMessage message : messages) {
            ObjectNode node = array.addObject().put("data", Base64.getEncoder().encodeToString(message.data()));
            if (!message.attributes().isEmpty()) {
                ObjectNode attributes = node.putObject("attributes");
                message.attributes().forEach(attributes::put);
            }
        }
        JsonNode answer = send("publish to " + topic, "POST", topicName(project, topic) + ":publish", body);
        List<String> ids = new ArrayList<>();
        answer.path("messageIds").forEach(id -> ids.add(id.asText()));
        return ids;
    }

    /**
     * Pulls up to {@code maxMessages} without waiting ({@code returnImmediately}); a blocking pull on an empty
     * subscription would hang for about 90 s in the emulator.
     */
    public List<ReceivedMessage> pull(String project, String subscription, int maxMessages) {
        ObjectNode body = json.createObjectNode().put("maxMessages", maxMessages).put("returnImmediately", true);
        JsonNode answer = send("pull " + subscription, "POST", subscriptionName(project, subscription) + ":pull", body);
        List<ReceivedMessage> messages = new ArrayList<>();
        answer.path("receivedMessages").forEach(received -> messages.add(toReceived(received)));
        return messages;
    }

    /**
     * Pulls repeatedly until at least {@code count} messages arrived or the timeout passed, and returns what arrived.
     * Messages are not acknowledged.
     */
    public List<ReceivedMessage> pullAtLeast(String project, String subscription, int count, Duration timeout) {
        List<ReceivedMessage> received = new ArrayList<>();
        long deadline = System.nanoTime() + timeout.toNanos();
        while (received.size() < count && System.nanoTime() < deadline) {
            List<ReceivedMessage> batch = pull(project, subscription, Math.max(count - received.size(), 1));
            received.addAll(batch);
            if (batch.isEmpty()) {
                pause();
            }
        }
        return received;
    }

    /** Acknowledges pulled messages. */
    public void acknowledge(String project, String subscription, List<String> ackIds) {
        ObjectNode body = json.createObjectNode();
        ackIds.forEach(body.putArray("ackIds")::add);
        send("acknowledge on " + subscription, "POST", subscriptionName(project, subscription) + ":acknowledge", body);
    }

    /** Negatively acknowledges pulled messages (ack deadline 0), making them available again. */
    public void nack(String project, String subscription, List<String> ackIds) {
        ObjectNode body = json.createObjectNode().put("ackDeadlineSeconds", 0);
        ackIds.forEach(body.putArray("ackIds")::add);
        send("nack on " + subscription, "POST", subscriptionName(project, subscription) + ":modifyAckDeadline", body);
    }

    private ObjectNode subscriptionBody(String project, String topic, SubscriptionOptions options) {
        ObjectNode body = json.createObjectNode().put("topic", topicName(project, topic));
        if (options.ackDeadlineSeconds() != null) {
            body.put("ackDeadlineSeconds", options.ackDeadlineSeconds());
        }
        if (options.minimumBackoff() != null || options.maximumBackoff() != null) {
            ObjectNode retry = body.putObject("retryPolicy");
            putIfNotNull(retry, "minimumBackoff", protobufDuration(options.minimumBackoff()));
            putIfNotNull(retry, "maximumBackoff", protobufDuration(options.maximumBackoff()));
        }
        if (options.deadLetterTopic() != null) {
            body.putObject("deadLetterPolicy")
                    .put("deadLetterTopic", topicName(project, options.deadLetterTopic()))
                    .put("maxDeliveryAttempts", options.maxDeliveryAttempts());
        }
        return body;
    }

    private ReceivedMessage toReceived(JsonNode received) {
        JsonNode message = received.path("message");
        Map<String, String> attributes = new LinkedHashMap<>();
        message.path("attributes").fields().forEachRemaining(e -> attributes.put(e.getKey(), e.getValue().asText()));
        return new ReceivedMessage(
                received.path("ackId").asText(),
                message.path("messageId").asText(),
                Base64.getDecoder().decode(message.path("data").asText("")),
                Map.copyOf(attributes),
                message.path("publishTime").asText(null),
                message.path("orderingKey").asText(null),
                received.has("deliveryAttempt") ? received.get("deliveryAttempt").asInt() : null);
    }

    private JsonNode send(String operation, String method, String resource, JsonNode body) {
        HttpRequest.BodyPublisher publisher = body == null
                ? HttpRequest.BodyPublishers.noBody()
                : HttpRequest.BodyPublishers.ofString(write(body));
        HttpRequest request = HttpRequest.newBuilder(URI.create(restBase + "/" + resource))
                .timeout(REQUEST_TIMEOUT)
                .header("Content-Type", "application/json")
                .method(method, publisher)
                .build();
        HttpResponse<String> response;
        try {
            response = http.send(request, HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            throw new UncheckedIOException(operation + " failed", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(operation + " interrupted", e);
        }
        if (response.statusCode() / 100 != 2) {
            throw new PubSubAdminException(operation, response.statusCode(), response.body());
        }
        try {
            return response.body().isBlank() ? json.createObjectNode() : json.readTree(response.body());
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(operation + " returned non-JSON: " + response.body(), e);
        }
    }

    private String write(JsonNode body) {
        try {
            return json.writeValueAsString(body);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    private static void putIfNotNull(ObjectNode node, String field, String value) {
        if (value != null) {
            node.put(field, value);
        }
    }

    /** Protobuf JSON duration text: {@code 1s}, {@code 0.250s}. */
    static String protobufDuration(Duration duration) {
        if (duration == null) {
            return null;
        }
        if (duration.getNano() == 0) {
            return duration.getSeconds() + "s";
        }
        return duration.getSeconds() + "." + String.format("%09d", duration.getNano()) + "s";
    }

    private static void pause() {
        try {
            Thread.sleep(PULL_POLL_INTERVAL.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while pulling", e);
        }
    }
}
