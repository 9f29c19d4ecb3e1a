package dev.firebreak.testsupport;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Map;
import java.util.UUID;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * Test payloads: real Cloud Monitoring samples, variations of them, and Pub/Sub push envelopes around them.
 */
public final class Payloads {
    private static final ObjectMapper JSON = new ObjectMapper();

    private Payloads() {
    }

    /** A fixture under {@code src/test/resources/payloads/}. */
    public static byte[] resource(String path) {
        try (InputStream in = Payloads.class.getResourceAsStream("/payloads/" + path)) {
            if (in == null) {
                throw new IllegalArgumentException("no fixture " + path);
            }
            return in.readAllBytes();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** A Cloud Monitoring sample as a mutable tree. */
    public static ObjectNode sample(String name) {
        try {
            return (ObjectNode) JSON.readTree(resource("gcm/" + name));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * A realistic open or closed notification for a k8s container with the given incident id.
     */
    public static ObjectNode notification(String incidentId, String state, long startedAt, Long endedAt, String pod) {
        ObjectNode root = JSON.createObjectNode();
        ObjectNode incident = root.putObject("incident");
        incident.put("incident_id", incidentId);
        incident.put("state", state);
        incident.put("started_at", startedAt);
        if (endedAt == null) {
            incident.putNull("ended_at");
        } else {
            incident.put("ended_at", endedAt);
        }
        incident.put("policy_name", "checkout - container restarts");
        incident.put("condition_name", "Container restart count above 3");
        incident.put("summary", "Restart count for checkout pod " + pod + " is above the threshold of 3 with a value of 7.");
        incident.put("url", "https://console.cloud.google.com/monitoring/alerting/alerts/" + incidentId + "?project=shop-prod");
        incident.put("severity", "Warning");
        incident.put("scoping_project_id", "shop-prod");
        incident.put("scoping_project_number", 1099221943211L);
        ObjectNode resource = incident.putObject("resource");
        resource.put("type", "k8s_container");
        ObjectNode labels = resource.putObject("labels");
        labels.put("project_id", "shop-prod");
        labels.put("location", "europe-west1");
        labels.put("cluster_name", "prod-1");
        labels.put("namespace_name", "checkout");
        labels.put("pod_name", pod);
        labels.put("container_name", "app");
        ObjectNode metric = incident.putObject("metric");
        metric.put("type", "kubernetes.io/container/restart_count");
        metric.put("displayName", "Restart count");
        ObjectNode condition = incident.putObject("condition");
        condition.put("name", "projects/shop-prod/alertPolicies/111/conditions/222");
        condition.put("displayName", "Container restart count above 3");
        condition.putObject("conditionThreshold").put("filter", "metric.type=\"kubernetes.io/container/restart_count\"");
        incident.put("threshold_value", "3");
        incident.put("observed_value", "7");
        root.put("version", "1.2");
        return root;
    }

    public static byte[] bytes(ObjectNode node) {
        try {
            return JSON.writeValueAsBytes(node);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** A wrapped push envelope (camelCase keys) around raw data. */
    public static String envelope(byte[] data, String messageId) {
        return envelope(data, messageId, Map.of());
    }

    public static String envelope(byte[] data, String messageId, Map<String, String> attributes) {
        ObjectNode root = JSON.createObjectNode();
        ObjectNode message = root.putObject("message");
        message.put("data", Base64.getEncoder().encodeToString(data));
        if (messageId != null) {
            message.put("messageId", messageId);
            message.put("message_id", messageId);
        }
        message.put("publishTime", "2026-11-24T07:59:51.218Z");
        message.put("publish_time", "2026-11-24T07:59:51.218Z");
        ObjectNode attrs = message.putObject("attributes");
        attributes.forEach(attrs::put);
        root.put("subscription", "projects/shop-prod/subscriptions/firebreak-push");
        return root.toString();
    }

    public static String newMessageId() {
        return Long.toString(Math.abs(UUID.randomUUID().getMostSignificantBits()) % 10_000_000_000_000L);
    }

    public static String utf8(byte[] bytes) {
        return new String(bytes, StandardCharsets.UTF_8);
    }
}
