package dev.firebreak.security;

import static dev.firebreak.testsupport.SecuredProfile.ADMIN_TOKEN;
import static dev.firebreak.testsupport.SecuredProfile.RESPONDER_TOKEN;
import static dev.firebreak.testsupport.SecuredProfile.VIEWER_TOKEN;
import static dev.firebreak.testsupport.SecuredProfile.bearer;
import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;

import java.time.Instant;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import com.fasterxml.jackson.databind.node.ObjectNode;

import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import io.restassured.http.ContentType;
import io.restassured.specification.RequestSpecification;

import dev.firebreak.testsupport.Payloads;
import dev.firebreak.testsupport.SecuredProfile;
import dev.firebreak.testsupport.TestJwts;

/**
 * {@code firebreak.api.auth=tokens}: who may read, work incidents, and see the quarantine, metrics and OpenAPI; the
 * acting user on the timeline is the token's name, never the body's; every refusal is problem+json.
 */
@QuarkusTest
@TestProfile(SecuredProfile.class)
class ApiAuthTest {
    static final Map<String, String> TOKENS = Map.of("none", "", "viewer", VIEWER_TOKEN, "responder", RESPONDER_TOKEN,
            "admin", ADMIN_TOKEN, "invalid", "fbk_not_a_configured_token");

    long incidentId;

    static RequestSpecification as(String who) {
        RequestSpecification request = given();
        String token = TOKENS.get(who);
        if (!token.isEmpty()) {
            request.header("Authorization", bearer(token));
        }
        return request;
    }

    @BeforeEach
    void openIncident() {
        String sourceId = "0.auth-" + Payloads.newMessageId();
        ObjectNode notification = Payloads.notification(sourceId, "open", 1_764_000_000L, null, "checkout-auth");
        given().contentType(ContentType.JSON)
                .header("Authorization", "Bearer " + TestJwts.valid(Instant.now().minusSeconds(10)))
                .body(Payloads.envelope(Payloads.bytes(notification), Payloads.newMessageId()))
                .post("/pubsub/push")
                .then()
                .statusCode(204);
        List<Map<String, Object>> items = as("viewer").queryParam("limit", 200)
                .get("/api/v1/incidents")
                .then()
                .statusCode(200)
                .extract()
                .jsonPath()
                .getList("items");
        incidentId = items.stream()
                .filter(i -> sourceId.equals(((Map<?, ?>) i.get("source")).get("incidentId")))
                .map(i -> ((Number) i.get("id")).longValue())
                .findFirst()
                .orElseThrow();
    }

    @ParameterizedTest(name = "{0} {1} as {2} -> {3}")
    @CsvSource({
            "GET, /api/v1/incidents, none, 401",
            "GET, /api/v1/incidents, invalid, 401",
            "GET, /api/v1/incidents, viewer, 200",
            "GET, /api/v1/incidents, responder, 200",
            "GET, /api/v1/incidents, admin, 200",
            "GET, /api/v1/incidents/{id}, viewer, 200",
            "GET, /api/v1/incidents/{id}/timeline, viewer, 200",
            "POST, /api/v1/incidents/{id}/notes, none, 401",
            "POST, /api/v1/incidents/{id}/notes, invalid, 401",
            "POST, /api/v1/incidents/{id}/notes, viewer, 403",
            "POST, /api/v1/incidents/{id}/notes, responder, 200",
            "POST, /api/v1/incidents/{id}/notes, admin, 200",
            "GET, /api/v1/quarantine, none, 401",
            "GET, /api/v1/quarantine, viewer, 403",
            "GET, /api/v1/quarantine, responder, 403",
            "GET, /api/v1/quarantine, admin, 200",
            "GET, /q/metrics, none, 401",
            "GET, /q/metrics, invalid, 401",
            "GET, /q/metrics, responder, 403",
            "GET, /q/metrics, admin, 200",
            "GET, /q/openapi, none, 401",
            "GET, /q/openapi, viewer, 403",
            "GET, /q/openapi, admin, 200",
            "GET, /q/swagger-ui/, none, 401",
            "GET, /q/health, none, 200",
            "GET, /q/health/ready, invalid, 200",
    })
    void rolesDecide(String method, String path, String who, int status) {
        RequestSpecification request = as(who);
        if (method.equals("POST")) {
            request.contentType(ContentType.JSON).body("{\"text\":\"checked the dashboards\"}");
        }
        var response = request.request(method, path.replace("{id}", Long.toString(incidentId)));

        response.then().statusCode(status);
        if (status == 401 || status == 403) {
            response.then()
                    .contentType("application/problem+json")
                    .body("status", equalTo(status))
                    .body("instance", equalTo(path.replace("{id}", Long.toString(incidentId))));
            assertThat(response.asString()).doesNotContain("Exception")
                    .doesNotContain(TOKENS.get(who).isEmpty()
                            ? "\u0000"
                            : TOKENS.get(who));
        }
        if (status == 401) {
            assertThat(response.header("WWW-Authenticate")).startsWith("Bearer");
        }
    }

    @Test
    void actorIsTheTokenNameNotTheBody() {
        as("responder").contentType(ContentType.JSON)
                .body("{\"actor\":\"mallory\"}")
                .post("/api/v1/incidents/" + incidentId + "/acknowledge")
                .then()
                .statusCode(200);
        as("responder").contentType(ContentType.JSON)
                .body("{\"text\":\"no actor in the body\"}")
                .post("/api/v1/incidents/" + incidentId + "/notes")
                .then()
                .statusCode(200);

        List<String> actors = as("viewer").get("/api/v1/incidents/" + incidentId + "/timeline")
                .then()
                .statusCode(200)
                .extract()
                .jsonPath()
                .getList("findAll { it.actor != null }.actor");
        assertThat(actors).contains(SecuredProfile.RESPONDER).doesNotContain("mallory");
    }

    @Test
    void apiTokensAreNotPushCredentials() {
        given().contentType(ContentType.JSON)
                .header("Authorization", bearer(ADMIN_TOKEN))
                .body(Payloads.envelope(Payloads.bytes(Payloads.notification("0.api-token-push", "open", 1_764_000_000L,
                        null, "p")), Payloads.newMessageId()))
                .post("/pubsub/push")
                .then()
                .statusCode(403)
                .contentType("application/problem+json");
    }
}
