package dev.firebreak.api;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.notNullValue;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import javax.sql.DataSource;

import jakarta.inject.Inject;

import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.node.ObjectNode;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.path.json.JsonPath;
import io.restassured.response.Response;

import dev.firebreak.testsupport.Db;
import dev.firebreak.testsupport.Incidents;
import dev.firebreak.testsupport.Payloads;

/**
 * Working an incident through the REST API: the five steps, statuses, idempotency, conflicts and concurrency.
 */
@QuarkusTest
class IncidentWorkflowApiTest {
    @Inject
    DataSource dataSource;

    List<String> timelineTypes(long id) {
        return given().get("/api/v1/incidents/" + id + "/timeline")
                .then()
                .statusCode(200)
                .extract()
                .jsonPath()
                .getList("type");
    }

    @Test
    void detailShowsFiveStepsWithDiagnosticsFilledFromTheAlert() {
        long id = Incidents.openIncident("0.wf-detail", "checkout-7d9f-abcde", "Warning");
        Response response = given().get("/api/v1/incidents/" + id);
        response.then().statusCode(200).header("ETag", notNullValue());
        JsonPath detail = response.jsonPath();

        assertThat(detail.getList("steps.name")).containsExactly("assess_impact", "immediate_response",
                "root_cause_analysis", "resolution", "post_incident_review");
        assertThat(detail.getList("steps.state")).containsExactly("active", "pending", "pending", "pending", "pending");
        assertThat(detail.getString("currentStep")).isEqualTo("assess_impact");
        for (int i = 0; i < 5; i++) {
            assertThat(detail.getList("steps[" + i + "].diagnostics")).as("step %d has commands", i).isNotEmpty();
        }
        List<String> commands = detail.getList("steps.diagnostics.command.flatten()");
        assertThat(commands)
                .anyMatch(c -> c.contains("kubectl") && c.contains("checkout-7d9f-abcde") && c.contains("-n checkout"));
        List<Boolean> mutatingOutsideImmediate = new ArrayList<>();
        for (int i : new int[]{0, 2, 3, 4}) {
            mutatingOutsideImmediate.addAll(detail.getList("steps[" + i + "].diagnostics.mutating"));
        }
        assertThat(mutatingOutsideImmediate).doesNotContain(true);
    }

    @Test
    void fullHappyPathWithIdempotentRepeatsAndConflicts() {
        long id = Incidents.openIncident("0.wf-happy", "checkout-happy", "Warning");

        Incidents.post(id, "/acknowledge", "{\"actor\":\"alice\"}")
                .then()
                .statusCode(200)
                .body("status", equalTo("acknowledged"))
                .body("acknowledgedBy", equalTo("alice"));
        Incidents.post(id, "/acknowledge", "{\"actor\":\"bob\"}")
                .then()
                .statusCode(200)
                .header("Firebreak-Unchanged", notNullValue())
                .body("acknowledgedBy", equalTo("alice"));

        Incidents.post(id, "/steps/root_cause_analysis/complete", "{\"actor\":\"alice\"}")
                .then()
                .statusCode(409)
                .contentType("application/problem+json")
                .body("detail", org.hamcrest.Matchers.containsString("pending"));

        Incidents.post(id, "/steps/assess_impact/complete", "{\"actor\":\"alice\",\"note\":\"checkout p99 up, 3% errors\"}")
                .then()
                .statusCode(200)
                .body("currentStep", equalTo("immediate_response"))
                .body("steps[0].state", equalTo("done"))
                .body("steps[0].completedBy", equalTo("alice"))
                .body("steps[0].note", equalTo("checkout p99 up, 3% errors"));
        Incidents.post(id, "/steps/assess_impact/complete", "{\"actor\":\"alice\"}")
                .then()
                .statusCode(200)
                .header("Firebreak-Unchanged", notNullValue());
        Incidents.post(id, "/steps/immediate_response/skip", "{\"actor\":\"alice\"}").then().statusCode(400);
        Incidents.post(id, "/steps/immediate_response/skip", "{\"actor\":\"alice\",\"reason\":\"self-healed\"}")
                .then()
                .statusCode(200)
                .body("steps[1].state", equalTo("skipped"));
        Incidents.post(id, "/notes", "{\"actor\":\"bob\",\"text\":\"looked at the node pool\"}").then().statusCode(200);
        Incidents.post(id, "/steps/root_cause_analysis/complete", "{\"actor\":\"alice\",\"note\":\"bad deploy\"}")
                .then()
                .statusCode(200);
        Incidents.post(id, "/steps/resolution/complete", "{\"actor\":\"alice\",\"note\":\"rolled back\"}")
                .then()
                .statusCode(200)
                .body("status", equalTo("resolved"))
                .body("resolvedAt", notNullValue())
                .body("currentStep", equalTo("post_incident_review"));
        Incidents.post(id, "/close", "{\"actor\":\"alice\"}").then().statusCode(409);
        Incidents.post(id, "/steps/post_incident_review/complete", "{\"actor\":\"alice\",\"note\":\"action items filed\"}")
                .then()
                .statusCode(200)
                .body("status", equalTo("closed"))
                .body("closedAt", notNullValue());

        Incidents.post(id, "/reopen", "{\"actor\":\"carol\",\"reason\":\"came back\"}")
                .then()
                .statusCode(200)
                .body("status", equalTo("open"))
                .body("steps[0].state", equalTo("done"))
                .body("steps[2].state", equalTo("done"))
                .body("currentStep", equalTo("resolution"));

        List<String> types = timelineTypes(id);
        assertThat(types).containsSubsequence("opened", "acknowledged", "step_completed", "step_skipped", "note_added",
                "step_completed", "step_completed", "resolved", "step_completed", "closed", "reopened");
        assertThat(types.stream().filter("acknowledged"::equals).count()).isEqualTo(1);
        assertThat(Db.count(dataSource, "SELECT count(*) FROM outbox WHERE incident_id = ?", id))
                .isEqualTo(Db.count(dataSource, "SELECT count(*) FROM timeline_event WHERE incident_id = ?", id));
    }

    @Test
    void criticalCannotCloseWithoutReviewButResolveDirectlyWorks() {
        long id = Incidents.openIncident("0.wf-critical", "checkout-critical", "Critical");
        Incidents.post(id, "/resolve", "{\"actor\":\"alice\",\"note\":\"failover done\"}")
                .then()
                .statusCode(200)
                .body("status", equalTo("resolved"))
                .body("acknowledgedBy", equalTo("alice"))
                .body("resolvedBy", equalTo("alice"))
                .body("steps[0].state", equalTo("skipped"))
                .body("steps[3].state", equalTo("done"));
        Incidents.post(id, "/steps/post_incident_review/skip", "{\"actor\":\"alice\",\"reason\":\"no time\"}")
                .then()
                .statusCode(409);
        Incidents.post(id, "/close", "{\"actor\":\"alice\"}").then().statusCode(409);
    }

    @Test
    void badRequestsAreProblems() {
        long id = Incidents.openIncident("0.wf-bad", "checkout-bad", "Warning");
        Incidents.post(id, "/acknowledge", "{}").then().statusCode(400).contentType("application/problem+json");
        Incidents.post(id, "/acknowledge", "{\"actor\":\"system\"}").then().statusCode(400);
        Incidents.post(id, "/acknowledge", "{\"actor\":\"alice\",\"admin\":true}")
                .then()
                .statusCode(400)
                .contentType("application/problem+json");
        Incidents.post(id, "/acknowledge", "not json").then().statusCode(400).contentType("application/problem+json");
        Incidents.post(id, "/steps/fix_everything/complete", "{\"actor\":\"alice\"}")
                .then()
                .statusCode(404)
                .contentType("application/problem+json");
        given().contentType(ContentType.JSON)
                .body("{\"actor\":\"alice\"}")
                .post("/api/v1/incidents/abc/acknowledge")
                .then()
                .statusCode(404)
                .contentType("application/problem+json");
        given().contentType(ContentType.JSON)
                .body("{\"actor\":\"alice\"}")
                .post("/api/v1/incidents/99999999/acknowledge")
                .then()
                .statusCode(404);
        given().contentType(ContentType.JSON)
                .header("If-Match", "\"999\"")
                .body("{\"actor\":\"alice\"}")
                .post("/api/v1/incidents/" + id + "/acknowledge")
                .then()
                .statusCode(412)
                .contentType("application/problem+json");
        String etag = given().get("/api/v1/incidents/" + id).then().extract().header("ETag");
        given().contentType(ContentType.JSON)
                .header("If-Match", etag)
                .body("{\"actor\":\"alice\"}")
                .post("/api/v1/incidents/" + id + "/acknowledge")
                .then()
                .statusCode(200);
        assertThat(timelineTypes(id)).containsExactly("opened", "acknowledged");
    }

    @Test
    void concurrentAcknowledgementsRecordOneEvent() throws Exception {
        long id = Incidents.openIncident("0.wf-race", "checkout-wf-race", "Warning");
        ExecutorService pool = Executors.newFixedThreadPool(8);
        try {
            CountDownLatch start = new CountDownLatch(1);
            List<Future<Integer>> results = new ArrayList<>();
            for (int i = 0; i < 8; i++) {
                String actor = "user" + i;
                results.add(pool.submit(() -> {
                    start.await();
                    return Incidents.post(id, "/acknowledge", "{\"actor\":\"" + actor + "\"}").statusCode();
                }));
            }
            start.countDown();
            for (Future<Integer> result : results) {
                assertThat(result.get()).isEqualTo(200);
            }
        } finally {
            pool.shutdownNow();
        }
        assertThat(timelineTypes(id).stream().filter("acknowledged"::equals).count()).isEqualTo(1);
    }

    @Test
    void untouchedWarningAutoResolvesWhenItsAlertClearsButCriticalStaysOpen() {
        long warning = Incidents.openIncident("0.wf-auto-w", "checkout-auto-w", "Warning");
        Incidents.clearAlert("0.wf-auto-w", "checkout-auto-w", "Warning");
        given().get("/api/v1/incidents/" + warning)
                .then()
                .statusCode(200)
                .body("status", equalTo("resolved"))
                .body("alertState", equalTo("cleared"))
                .body("resolvedBy", org.hamcrest.Matchers.nullValue());
        assertThat(timelineTypes(warning)).containsExactly("opened", "alert_cleared", "auto_resolved");

        long critical = Incidents.openIncident("0.wf-auto-c", "checkout-auto-c", "Critical");
        Incidents.clearAlert("0.wf-auto-c", "checkout-auto-c", "Critical");
        given().get("/api/v1/incidents/" + critical)
                .then()
                .statusCode(200)
                .body("status", equalTo("open"))
                .body("alertState", equalTo("cleared"));

        long touched = Incidents.openIncident("0.wf-auto-t", "checkout-auto-t", "Warning");
        Incidents.post(touched, "/acknowledge", "{\"actor\":\"alice\"}").then().statusCode(200);
        Incidents.clearAlert("0.wf-auto-t", "checkout-auto-t", "Warning");
        given().get("/api/v1/incidents/" + touched).then().body("status", equalTo("acknowledged"));
    }

    @Test
    void refireWithinTheWindowReopensTheIncident() {
        long id = Incidents.openIncident("0.wf-refire", "checkout-refire", "Warning");
        Incidents.clearAlert("0.wf-refire", "checkout-refire", "Warning");
        given().get("/api/v1/incidents/" + id).then().body("status", equalTo("resolved"));

        // the same problem fires again as a new Cloud Monitoring incident
        ObjectNode again = Payloads.notification("0.wf-refire-2", "open", 1_764_003_600L, null, "checkout-refire");
        given().contentType(ContentType.JSON)
                .body(Payloads.envelope(Payloads.bytes(again), Payloads.newMessageId()))
                .post("/pubsub/push")
                .then()
                .statusCode(204);

        given().get("/api/v1/incidents/" + id)
                .then()
                .body("status", equalTo("open"))
                .body("alertState", equalTo("firing"))
                .body("alertCount", equalTo(2));
        assertThat(Incidents.idOf("0.wf-refire-2")).isEqualTo(id);
        List<String> details = given().get("/api/v1/incidents/" + id + "/timeline")
                .then()
                .extract()
                .jsonPath()
                .getList("detail");
        assertThat(details).anyMatch(d -> d.startsWith("reopened: alert fired again"));
    }
}
