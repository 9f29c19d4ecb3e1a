package dev.firebreak.app;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;

import org.junit.jupiter.api.Test;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;

import dev.firebreak.testsupport.Payloads;

@QuarkusTest
class ObservabilityTest {

    @Test
    void healthEndpointsAnswer() {
        given().get("/q/health/live").then().statusCode(200).body("status", equalTo("UP"));
        given().get("/q/health/ready")
                .then()
                .statusCode(200)
                .body("checks.name", hasItem(
                        "Database connections health check"));
    }

    @Test
    void ingestMetricsAreExported() {
        given().contentType(ContentType.JSON)
                .body(Payloads.envelope(Payloads.bytes(Payloads.notification("0.metrics", "open", 1_764_000_000L, null,
                        "checkout-metrics")), Payloads.newMessageId()))
                .post("/pubsub/push")
                .then()
                .statusCode(204);
        given().contentType(ContentType.JSON).body("not an envelope").post("/pubsub/push").then().statusCode(200);

        given().get("/q/metrics")
                .then()
                .statusCode(200)
                .body(containsString("firebreak_ingest_messages_total{transport=\"push\"}"))
                .body(containsString("firebreak_ingest_quarantined_total{reason=\"not_push_envelope\"}"))
                .body(containsString("firebreak_incidents_opened_total{severity=\"warning\"}"))
                .body(containsString("firebreak_ingest_duration_seconds_bucket"));
    }

    @Test
    void openApiDescribesTheEndpoints() {
        given().get("/q/openapi?format=json")
                .then()
                .statusCode(200)
                .body(containsString("/pubsub/push"))
                .body(containsString("/api/v1/incidents"));
    }
}
