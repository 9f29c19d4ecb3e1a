package dev.firebreak.compat;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;

import dev.firebreak.testsupport.Payloads;

/**
 * Talks to one Firebreak (the in-process one or a jar in a child process) over HTTP the way Pub/Sub and the API's
 * users do: push envelopes in, JSON out. Every call states the status it expects.
 */
final class ApiClient {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    private final String baseUrl;

    ApiClient(String baseUrl) {
        this.baseUrl = baseUrl.endsWith("/") ? baseUrl.substring(0, baseUrl.length() - 1) : baseUrl;
    }

    /** Pushes the notification in a wrapped envelope with a new message id and expects 204. */
    void push(ObjectNode notification) {
        pushEnvelope(Payloads.envelope(Payloads.bytes(notification), Payloads.newMessageId()), 204);
    }

    /** Pushes a raw envelope and expects {@code status}; returns the body. */
    String pushEnvelope(String envelope, int status) {
        return send("POST", "/pubsub/push", envelope, status);
    }

    /** GET {@code path} (under the base URL), expecting 200. */
    JsonNode get(String path) {
        return parse(send("GET", path, null, 200));
    }

    /** POST a JSON body to {@code /api/v1/incidents/{id}{path}}, expecting 200; returns the incident. */
    JsonNode command(long id, String path, String body) {
        return parse(send("POST", "/api/v1/incidents/" + id + path, body, 200));
    }

    /** Every incident, newest first (one page is enough for these tests). */
    List<JsonNode> incidents() {
        List<JsonNode> items = new ArrayList<>();
        get("/api/v1/incidents?limit=200").get("items").forEach(items::add);
        return items;
    }

    /** The incident whose latest notification has this Cloud Monitoring incident id. */
    long idOf(String sourceIncidentId) {
        return incidents().stream()
                .filter(i -> sourceIncidentId.equals(i.path("source").path("incidentId").asText()))
                .mapToLong(i -> i.get("id").asLong())
                .findFirst()
                .orElseThrow(() -> new AssertionError("no incident for " + sourceIncidentId + " at " + baseUrl));
    }

    JsonNode incident(long id) {
        return get("/api/v1/incidents/" + id);
    }

    JsonNode timeline(long id) {
        return get("/api/v1/incidents/" + id + "/timeline");
    }

    private String send(String method, String path, String body, int expected) {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(baseUrl + path)).timeout(Duration.ofSeconds(20));
        if (body == null) {
            request.method(method, HttpRequest.BodyPublishers.noBody());
        } else {
            request.header("Content-Type", "application/json").method(method, HttpRequest.BodyPublishers.ofString(body));
        }
        try {
            HttpResponse<String> response = HTTP.send(request.build(), HttpResponse.BodyHandlers.ofString());
            if (response.statusCode() != expected) {
                throw new AssertionError(method + " " + baseUrl + path + " answered " + response.statusCode()
                        + " (expected " + expected + "): " + response.body());
            }
            return response.body();
        } catch (IOException e) {
            throw new UncheckedIOException(method + " " + baseUrl + path, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    private static JsonNode parse(String body) {
        try {
            return JSON.readTree(body);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
