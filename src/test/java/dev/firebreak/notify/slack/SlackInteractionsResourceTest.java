package dev.firebreak.notify.slack;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import io.restassured.RestAssured;
import io.restassured.config.EncoderConfig;
import io.restassured.http.ContentType;
import io.restassured.response.Response;

import dev.firebreak.testsupport.CapturingHttpServer;
import dev.firebreak.testsupport.Incidents;
import dev.firebreak.testsupport.RecordedRequest;

/**
 * Working an incident from Slack: signed button clicks and the slash command run the same incident commands.
 */
@QuarkusTest
@TestProfile(SlackInteractionsResourceTest.SigningProfile.class)
class SlackInteractionsResourceTest {
    static final String SECRET = "test-signing-secret";
    static CapturingHttpServer responseUrls;

    public static class SigningProfile implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of("firebreak.slack.signing-secret", SECRET, "firebreak.slack.response-url-hosts", "127.0.0.1");
        }
    }

    @BeforeAll
    static void startResponseUrlServer() {
        responseUrls = CapturingHttpServer.start();
    }

    @AfterAll
    static void stop() {
        responseUrls.close();
    }

    @BeforeEach
    void reset() {
        responseUrls.reset();
    }

    static Response postSigned(String path, String body, long timestamp, String secret) {
        String ts = Long.toString(timestamp);
        String signature = new SlackSignatureVerifier(secret).sign(ts, body.getBytes(StandardCharsets.UTF_8));
        return given().config(RestAssured.config()
                .encoderConfig(EncoderConfig.encoderConfig()
                        .encodeContentTypeAs("application/x-www-form-urlencoded", ContentType.TEXT)))
                .contentType("application/x-www-form-urlencoded")
                .header("X-Slack-Request-Timestamp", ts)
                .header("X-Slack-Signature", signature)
                .body(body)
                .post(path);
    }

    static String click(String actionId, String value) {
        String payload = "{\"type\":\"block_actions\",\"user\":{\"id\":\"U123\",\"username\":\"jdoe\",\"name\":\"jdoe\"},"
                + "\"response_url\":\"" + responseUrls.url("/actions/T1/1/x") + "\",\"actions\":[{\"type\":\"button\","
                + "\"action_id\":\"" + actionId + "\",\"block_id\":\"b\",\"value\":\"" + value + "\"}]}";
        return "payload=" + URLEncoder.encode(payload, StandardCharsets.UTF_8);
    }

    static long now() {
        return Instant.now().getEpochSecond();
    }

    @Test
    void acknowledgeButtonActsAsTheVerifiedSlackUserAndDoubleClicksAreHarmless() {
        long id = Incidents.openIncident("0.slack-ack", "checkout-slack-ack", "Critical");

        postSigned("/slack/interactions", click("firebreak_ack", Long.toString(id)), now(), SECRET).then().statusCode(200);
        postSigned("/slack/interactions", click("firebreak_ack", Long.toString(id)), now(), SECRET).then().statusCode(200);

        given().get("/api/v1/incidents/" + id)
                .then()
                .body("status", equalTo("acknowledged"))
                .body("acknowledgedBy", equalTo("jdoe (Slack U123)"));
        List<String> types = given().get("/api/v1/incidents/" + id + "/timeline").then().extract().jsonPath().getList("type");
        assertThat(types.stream().filter("acknowledged"::equals).count()).isEqualTo(1);
    }

    @Test
    void completeStepAndResolveButtons() {
        long id = Incidents.openIncident("0.slack-steps", "checkout-slack-steps", "Warning");
        postSigned("/slack/interactions", click("firebreak_complete_step", id + ":assess_impact"), now(), SECRET).then()
                .statusCode(200);
        given().get("/api/v1/incidents/" + id)
                .then()
                .body("currentStep", equalTo("immediate_response"))
                .body("steps[0].completedBy", equalTo("jdoe (Slack U123)"));

        postSigned("/slack/interactions", click("firebreak_resolve", Long.toString(id)), now(), SECRET).then().statusCode(200);
        given().get("/api/v1/incidents/" + id).then().body("status", equalTo("resolved"));
    }

    @Test
    void anActionThatIsNoLongerLegalAnswersWithAnEphemeralExplanation() {
        long id = Incidents.openIncident("0.slack-stale", "checkout-slack-stale", "Warning");
        // a stale "Complete" button for a step that is still pending behind the active one
        postSigned("/slack/interactions", click("firebreak_complete_step", id + ":resolution"), now(), SECRET).then()
                .statusCode(200);

        RecordedRequest answer = responseUrls.awaitRequests(1, Duration.ofSeconds(5)).get(0);
        String body = new String(answer.body(), StandardCharsets.UTF_8);
        assertThat(body).contains("\"response_type\":\"ephemeral\"").contains("pending");
        given().get("/api/v1/incidents/" + id).then().body("status", equalTo("open"));
    }

    @Test
    void slashCommandWorksTheIncident() {
        long id = Incidents.openIncident("0.slack-cmd", "checkout-slack-cmd", "Warning");
        String form = "command=%2Ffirebreak&user_id=U777&user_name=ops&text="
                + URLEncoder.encode("ack " + id, StandardCharsets.UTF_8);
        postSigned("/slack/commands", form, now(), SECRET).then()
                .statusCode(200)
                .body("response_type", equalTo("ephemeral"))
                .body("text", containsString("acknowledged"));
        String note = "command=%2Ffirebreak&user_id=U777&user_name=ops&text="
                + URLEncoder.encode("note " + id + " rolled back to v41", StandardCharsets.UTF_8);
        postSigned("/slack/commands", note, now(), SECRET).then().statusCode(200);
        postSigned("/slack/commands", "command=%2Ffirebreak&user_id=U777&text=dance", now(), SECRET).then()
                .statusCode(200)
                .body("text", containsString("Usage"));

        List<String> details = given().get("/api/v1/incidents/" + id + "/timeline")
                .then()
                .extract()
                .jsonPath()
                .getList("detail");
        assertThat(details).anyMatch(d -> d.contains("rolled back to v41"));
        given().get("/api/v1/incidents/" + id).then().body("acknowledgedBy", equalTo("ops (Slack U777)"));
    }

    @Test
    void unsignedStaleFutureAndTamperedRequestsAreRefusedWithoutSideEffects() {
        long id = Incidents.openIncident("0.slack-forged", "checkout-slack-forged", "Warning");
        String body = click("firebreak_ack", Long.toString(id));

        given().contentType("application/x-www-form-urlencoded")
                .body(body)
                .post("/slack/interactions")
                .then()
                .statusCode(401)
                .contentType("application/problem+json");
        postSigned("/slack/interactions", body, now() - 600, SECRET).then()
                .statusCode(401)
                .contentType("application/problem+json");
        postSigned("/slack/interactions", body, now() + 600, SECRET).then().statusCode(401);
        postSigned("/slack/interactions", body, now(), "another-secret").then()
                .statusCode(401)
                .body("detail", equalTo("invalid Slack signature"));
        postSigned("/slack/interactions", "payload=%7B%7D", now(), SECRET).then().statusCode(200);
        postSigned("/slack/interactions", "nothing=here", now(), SECRET).then()
                .statusCode(400)
                .contentType("application/problem+json");

        given().get("/api/v1/incidents/" + id).then().body("status", equalTo("open"));
    }
}
