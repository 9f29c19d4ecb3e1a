package dev.firebreak.ingest;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assumptions.assumeThat;
import static org.hamcrest.Matchers.equalTo;

import java.time.Duration;

import javax.sql.DataSource;

import jakarta.inject.Inject;

import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.response.Response;

import dev.firebreak.testsupport.Db;
import dev.firebreak.testsupport.Payloads;
import dev.firebreak.testsupport.PostgresTestResource;

/**
 * Database down: the push is refused with 503 + Retry-After (so Pub/Sub redelivers), and the redelivery after
 * recovery is stored once.
 */
@QuarkusTest
class DatabaseOutageTest {
    @Inject
    DataSource dataSource;

    @Test
    void databaseDownGives503ThenTheRedeliverySucceeds() {
        assumeThat(PostgresTestResource.embedded()).as("needs the embedded database to stop it").isTrue();
        String body = Payloads.envelope(Payloads.bytes(Payloads.notification("0.outage", "open", 1_764_000_000L, null,
                "checkout-outage")), "outage-1");
        PostgresTestResource.stopDatabase();
        try {
            long start = System.nanoTime();
            Response response = given().contentType(ContentType.JSON).body(body).post("/pubsub/push");
            long elapsedMillis = (System.nanoTime() - start) / 1_000_000;
            response.then()
                    .statusCode(503)
                    .contentType("application/problem+json")
                    .header("Retry-After", "5")
                    .body("status", equalTo(503));
            assertThat(response.asString()).doesNotContain("Exception").doesNotContain("org.postgresql");
            assertThat(elapsedMillis).as("answered within Pub/Sub's 10 s ack deadline").isLessThan(10_000);
            given().get("/q/health/ready").then().statusCode(503);
        } finally {
            PostgresTestResource.restartDatabase();
        }
        Awaitility.await()
                .atMost(Duration.ofSeconds(30))
                .pollInterval(Duration.ofMillis(500))
                .untilAsserted(() -> given()
                        .contentType(ContentType.JSON)
                        .body(body)
                        .post("/pubsub/push")
                        .then()
                        .statusCode(204));
        given().contentType(ContentType.JSON).body(body).post("/pubsub/push").then().statusCode(204);

        assertThat(Db.count(dataSource, "SELECT count(*) FROM incident WHERE source_incident_id = '0.outage'")).isEqualTo(1);
        assertThat(Db.count(dataSource, "SELECT count(*) FROM inbox_message WHERE message_id = 'outage-1'")).isEqualTo(1);
        given().get("/q/health/ready").then().statusCode(200);
    }
}
