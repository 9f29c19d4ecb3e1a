package dev.firebreak.testsupport;

import static io.restassured.RestAssured.given;

import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.databind.node.ObjectNode;

import io.restassured.http.ContentType;
import io.restassured.response.Response;

/**
 * Opening, clearing and working incidents the way production does: Pub/Sub push in, REST API out.
 */
public final class Incidents {
    private Incidents() {
    }

    /** Pushes an open notification for a k8s container alert and returns the incident id. */
    public static long openIncident(String sourceId, String pod, String severity) {
        ObjectNode notification = Payloads.notification(sourceId, "open", 1_764_000_000L, null, pod);
        ((ObjectNode) notification.get("incident")).put("severity", severity);
        push(notification);
        return idOf(sourceId);
    }

    /** Pushes the matching close notification. */
    public static void clearAlert(String sourceId, String pod, String severity) {
        ObjectNode notification = Payloads.notification(sourceId, "closed", 1_764_000_000L, 1_764_000_900L, pod);
        ((ObjectNode) notification.get("incident")).put("severity", severity);
        push(notification);
    }

    /** Pushes a notification with a new message id and expects 204. */
    public static void push(ObjectNode notification) {
        given().contentType(ContentType.JSON)
                .body(Payloads.envelope(Payloads.bytes(notification), Payloads.newMessageId()))
                .post("/pubsub/push")
                .then()
                .statusCode(204);
    }

    /** The incident whose latest source alert has this Cloud Monitoring incident id. */
    public static long idOf(String sourceId) {
        List<Map<String, Object>> items = given().queryParam("limit", 200)
                .get("/api/v1/incidents")
                .then()
                .statusCode(200)
                .extract()
                .jsonPath()
                .getList("items");
        return items.stream()
                .filter(i -> sourceId.equals(((Map<?, ?>) i.get("source")).get("incidentId")))
                .map(i -> ((Number) i.get("id")).longValue())
                .findFirst()
                .orElseThrow(() -> new AssertionError("no incident for " + sourceId));
    }

    /** POSTs a JSON body to {@code /api/v1/incidents/{id}{path}}. */
    public static Response post(long id, String path, String body) {
        return given().contentType(ContentType.JSON).body(body).post("/api/v1/incidents/" + id + path);
    }
}
