package dev.firebreak.api;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;

import java.util.Map;

import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.node.ObjectNode;

import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import io.restassured.http.ContentType;

import dev.firebreak.testsupport.Incidents;
import dev.firebreak.testsupport.Payloads;

/**
 * After the re-fire window a resolved incident stays resolved: the problem firing again opens a new, linked incident.
 */
@QuarkusTest
@TestProfile(RefireWindowTest.ShortWindow.class)
class RefireWindowTest {

    public static class ShortWindow implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of("firebreak.incident.refire-window", "2s");
        }
    }

    static void push(ObjectNode notification) {
        given().contentType(ContentType.JSON)
                .body(Payloads.envelope(Payloads.bytes(notification), Payloads.newMessageId()))
                .post("/pubsub/push")
                .then()
                .statusCode(204);
    }

    @Test
    void aNewAlertAfterTheWindowOpensALinkedIncident() throws InterruptedException {
        push(Payloads.notification("0.late-1", "open", 1_764_000_000L, null, "checkout-late"));
        long first = Incidents.idOf("0.late-1");
        Incidents.post(first, "/resolve", "{\"actor\":\"alice\"}").then().statusCode(200);
        Thread.sleep(2_500);

        push(Payloads.notification("0.late-2", "open", 1_764_010_000L, null, "checkout-late"));

        long second = Incidents.idOf("0.late-2");
        assertThat(second).isNotEqualTo(first);
        given().get("/api/v1/incidents/" + second)
                .then()
                .body("relatedIncidentId", equalTo((int) first))
                .body("status", equalTo("open"));
        given().get("/api/v1/incidents/" + first).then().body("status", equalTo("resolved"));
    }

    @Test
    void theSameAlertRefiringAfterTheWindowMovesToALinkedIncident() throws InterruptedException {
        push(Payloads.notification("0.late-3", "open", 1_764_000_000L, null, "checkout-late-3"));
        long first = Incidents.idOf("0.late-3");
        Incidents.post(first, "/acknowledge", "{\"actor\":\"alice\"}").then().statusCode(200);
        push(Payloads.notification("0.late-3", "closed", 1_764_000_000L, 1_764_000_600L, "checkout-late-3"));
        Incidents.post(first, "/resolve", "{\"actor\":\"alice\"}").then().statusCode(200);
        Thread.sleep(2_500);

        push(Payloads.notification("0.late-3", "open", 1_764_005_000L, null, "checkout-late-3"));

        long second = Incidents.idOf("0.late-3");
        assertThat(second).isNotEqualTo(first);
        given().get("/api/v1/incidents/" + second)
                .then()
                .body("relatedIncidentId", equalTo((int) first))
                .body("alertState", equalTo("firing"));
        given().get("/api/v1/incidents/" + first).then().body("status", equalTo("resolved"));
    }

    @Test
    void withinTheWindowAStillFiringRenotificationDoesNotReopenAManualResolve() {
        push(Payloads.notification("0.late-4", "open", 1_764_000_000L, null, "checkout-late-4"));
        long id = Incidents.idOf("0.late-4");
        Incidents.post(id, "/resolve", "{\"actor\":\"alice\"}").then().statusCode(200);
        ObjectNode renotify = Payloads.notification("0.late-4", "open", 1_764_000_000L, null, "checkout-late-4");
        ((ObjectNode) renotify.get("incident")).put("observed_value", "12");
        push(renotify);

        given().get("/api/v1/incidents/" + id).then().body("status", equalTo("resolved")).body("alertCount", equalTo(2));
    }
}
