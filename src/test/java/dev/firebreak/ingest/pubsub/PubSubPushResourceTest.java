package dev.firebreak.ingest.pubsub;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.startsWith;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;
import java.util.Map;

import javax.sql.DataSource;

import jakarta.inject.Inject;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import com.fasterxml.jackson.databind.node.ObjectNode;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.RestAssured;
import io.restassured.config.EncoderConfig;
import io.restassured.http.ContentType;
import io.restassured.path.json.JsonPath;

import dev.firebreak.testsupport.Db;
import dev.firebreak.testsupport.Payloads;

@QuarkusTest
class PubSubPushResourceTest {
    @Inject
    DataSource dataSource;

    static void push(String body, int expectedStatus) {
        given().contentType(ContentType.JSON).body(body).post("/pubsub/push").then().statusCode(expectedStatus);
    }

    static JsonPath incidentBySource(String sourceIncidentId) {
        List<Map<String, Object>> items = given().queryParam("limit", 200)
                .get("/api/v1/incidents")
                .then()
                .statusCode(200)
                .extract()
                .jsonPath()
                .getList("items");
        Object id = items.stream()
                .filter(i -> sourceIncidentId.equals(((Map<?, ?>) i.get("source")).get("incidentId")))
                .map(i -> i.get("id"))
                .findFirst()
                .orElseThrow(() -> new AssertionError("no incident for " + sourceIncidentId));
        return given().get("/api/v1/incidents/" + id).then().statusCode(200).extract().jsonPath();
    }

    long timelineCount(String sourceIncidentId) {
        return Db.count(dataSource, "SELECT count(*) FROM timeline_event t JOIN source_alert s ON s.incident_id = t.incident_id"
                + " WHERE s.source_incident_id = ?", sourceIncidentId);
    }

    @ParameterizedTest
    @CsvSource({
            "cm-1.2-gce-netbytes-open-sev-critical.json, 0.nwg9th6llz4w, critical, firing, gce_instance, asia-pro-463111",
            "cm-1.2-gce-cpu-closed-google-docs-example.json, 0.opqiw61fsv7p, warning, cleared, gce_instance, internal-project",
            "cm-1.2-uptime-url-open-2020.agilicus.json, 0.ligwyr056k2l, critical, firing, uptime_url, XXXX",
            "cm-1.1-legacy-stackdriver-gcs.googlecloudplatform.json, f2e08c333dc64cb09f75eaab355393bz, warning, firing, '', ''"
    })
    void everyRealSampleBecomesAnIncident(String file, String incidentId, String severity, String alertState,
            String resourceType, String projectId) {
        push(Payloads.envelope(Payloads.resource("gcm/" + file), Payloads.newMessageId()), 204);

        JsonPath incident = incidentBySource(incidentId);
        assertThat(incident.getString("alertState")).isEqualTo(alertState);
        // untouched warning incidents resolve themselves when their alert has cleared
        assertThat(incident.getString("status")).isEqualTo("cleared".equals(alertState) ? "resolved" : "open");
        assertThat(incident.getInt("alertCount")).isEqualTo(1);
        assertThat(incident.getString("source.type")).isEqualTo("cloud_monitoring");
        assertThat(incident.getString("source.resourceType")).isEqualTo(resourceType == null ? "" : resourceType);
        assertThat(incident.getString("source.projectId"))
                .isEqualTo(projectId == null || projectId.isEmpty() ? null : projectId);
        assertThat(incident.getString("title")).isNotBlank();
        assertThat(incident.getString("openedAt")).isNotBlank();
        if ("cleared".equals(alertState)) {
            assertThat(incident.getString("clearedAt")).startsWith("2020-01-01T11:11:11");
        }
        assertThat(incident.getString("severity")).isEqualTo(severity);
        assertThat(incident.getString("severityReason")).startsWith(severity + ":");
        assertThat(timelineCount(incidentId)).isEqualTo("cleared".equals(alertState) ? 2 : 1);
    }

    @Test
    void testNotificationIsRecordedButOpensNoIncident() {
        String messageId = Payloads.newMessageId();
        ObjectNode test = Payloads.sample("cm-test-notification-version-test.cloudforet.json");
        ((ObjectNode) test.get("incident")).put("summary", "Test Incident " + messageId);
        push(Payloads.envelope(Payloads.bytes(test), messageId), 204);

        assertThat(Db.text(dataSource, "SELECT outcome FROM inbox_message WHERE message_id = ?", messageId)).isEqualTo("test");
        assertThat(Db.count(dataSource, "SELECT count(*) FROM source_alert WHERE source_incident_id = '12345'")).isZero();
    }

    @Test
    void sameMessageTwiceOrRepublishedIsAbsorbed() {
        byte[] data = Payloads.bytes(Payloads.notification("0.dup1", "open", 1_764_000_000L, null, "checkout-dup-1"));
        String messageId = Payloads.newMessageId();
        push(Payloads.envelope(data, messageId), 204);
        push(Payloads.envelope(data, messageId), 204);
        push(Payloads.envelope(data, Payloads.newMessageId()), 204);
        push(Payloads.envelope(data, null), 204);

        assertThat(incidentBySource("0.dup1").getInt("alertCount")).isEqualTo(1);
        assertThat(timelineCount("0.dup1")).isEqualTo(1);
        assertThat(Db.count(dataSource, "SELECT count(*) FROM inbox_message WHERE source_incident_id = '0.dup1'")).isEqualTo(1);
        assertThat(Db.count(dataSource, "SELECT count(*) FROM outbox o JOIN source_alert s ON s.incident_id = o.incident_id"
                + " WHERE s.source_incident_id = '0.dup1'")).isEqualTo(1);
    }

    @Test
    void renotificationCountsUpWithoutANewIncident() {
        ObjectNode open = Payloads.notification("0.renotify", "open", 1_764_000_000L, null, "checkout-renotify");
        push(Payloads.envelope(Payloads.bytes(open), Payloads.newMessageId()), 204);
        ((ObjectNode) open.get("incident")).put("observed_value", "9");
        push(Payloads.envelope(Payloads.bytes(open), Payloads.newMessageId()), 204);

        JsonPath incident = incidentBySource("0.renotify");
        assertThat(incident.getInt("alertCount")).isEqualTo(2);
        assertThat(incident.getString("alertState")).isEqualTo("firing");
        assertThat(timelineCount("0.renotify")).isEqualTo(2);
        assertThat(Db.count(dataSource, "SELECT count(*) FROM incident WHERE source_incident_id = '0.renotify'")).isEqualTo(1);
    }

    @Test
    void openThenCloseClearsWithTimeAndReason() {
        push(Payloads.envelope(Payloads.bytes(Payloads.notification("0.openclose", "open", 1_764_000_000L, null,
                "checkout-oc")), Payloads.newMessageId()), 204);
        push(Payloads.envelope(Payloads.bytes(Payloads.notification("0.openclose", "closed", 1_764_000_000L,
                1_764_000_600L, "checkout-oc")), Payloads.newMessageId()), 204);

        JsonPath incident = incidentBySource("0.openclose");
        assertThat(incident.getString("alertState")).isEqualTo("cleared");
        assertThat(incident.getString("clearedAt")).isEqualTo("2025-11-24T16:10:00Z");
        assertThat(incident.getString("clearReason")).isEqualTo("recovered");
        assertThat(incident.getString("status")).isEqualTo("resolved");
        assertThat(timelineCount("0.openclose")).isEqualTo(3);
    }

    @Test
    void cancelledCloseSaysCancelled() {
        push(Payloads.envelope(Payloads.bytes(Payloads.notification("0.cancel", "open", 1_764_000_000L, null,
                "checkout-cancel")), Payloads.newMessageId()), 204);
        ObjectNode close = Payloads.notification("0.cancel", "closed", 1_764_000_000L, 1_764_000_300L, "checkout-cancel");
        ((ObjectNode) close.get("incident")).put("observed_value",
                "Incident cancelled because the alert policy condition was deleted or modified while incident was active.");
        push(Payloads.envelope(Payloads.bytes(close), Payloads.newMessageId()), 204);

        assertThat(incidentBySource("0.cancel").getString("clearReason")).isEqualTo("cancelled");
    }

    @Test
    void closeBeforeOpenCreatesAClearedIncidentAndTheLateOpenNeverRefires() {
        push(Payloads.envelope(Payloads.bytes(Payloads.notification("0.reorder", "closed", 1_764_000_000L,
                1_764_000_900L, "checkout-reorder")), Payloads.newMessageId()), 204);
        JsonPath cleared = incidentBySource("0.reorder");
        assertThat(cleared.getString("alertState")).isEqualTo("cleared");

        push(Payloads.envelope(Payloads.bytes(Payloads.notification("0.reorder", "open", 1_764_000_000L, null,
                "checkout-reorder")), Payloads.newMessageId()), 204);

        JsonPath after = incidentBySource("0.reorder");
        assertThat(after.getString("alertState")).isEqualTo("cleared");
        assertThat(after.getInt("alertCount")).isEqualTo(1);
        assertThat(timelineCount("0.reorder")).isEqualTo(2);
        assertThat(Db.text(dataSource, "SELECT outcome FROM inbox_message WHERE source_incident_id = '0.reorder'"
                + " AND source_state = 'open'")).isEqualTo("stale");
    }

    @Test
    void unknownStateIsRecordedAndFlaggedButNeverPages() {
        push(Payloads.envelope(Payloads.bytes(Payloads.notification("0.weird", "acknowledged", 1_764_000_000L, null,
                "checkout-weird")), Payloads.newMessageId()), 204);

        assertThat(Db.text(dataSource, "SELECT outcome FROM inbox_message WHERE source_incident_id = '0.weird'"))
                .isEqualTo("unknown_state");
        assertThat(Db.count(dataSource, "SELECT count(*) FROM source_alert WHERE source_incident_id = '0.weird'")).isZero();
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
            "hello, this is not json                                     | not_push_envelope",
            "[1,2,3]                                                     | not_push_envelope",
            "{\"data\":\"eyJpbmNpZGVudCI6e319\"}                        | not_push_envelope",
            "{\"message\":{\"data\":\"%%%not base64%%%\",\"messageId\":\"q-b64\"}} | not_base64",
            "{\"message\":{\"data\":\"bm90LWpzb24=\",\"messageId\":\"q-json\"}}   | not_json",
            "{\"message\":{\"data\":\"/w==\",\"messageId\":\"q-utf8\"}}           | not_utf8",
            "{\"message\":{\"data\":\"eyJhIjoxfQ==\",\"messageId\":\"q-notif\"}}  | not_notification",
            "{\"message\":{\"attributes\":{\"k\":\"v\"},\"messageId\":\"q-empty\"}} | empty",
            "{\"message\":{\"data\":\"eyJpbmNpZGVudCI6eyJzdGF0ZSI6Im9wZW4ifX0=\",\"messageId\":\"q-noid\"}} | missing_incident_id"
    })
    void unusableMessagesAreQuarantinedAndAcknowledged(String body, String reason) {
        given().contentType(ContentType.JSON)
                .body(body)
                .post("/pubsub/push")
                .then()
                .statusCode(200)
                .body("status", equalTo("quarantined"))
                .body("reason", equalTo(reason));
        // redelivery of the same bad message: acknowledged again, kept once
        given().contentType(ContentType.JSON).body(body).post("/pubsub/push").then().statusCode(200);

        assertThat(Db.count(dataSource, "SELECT count(*) FROM quarantine WHERE reason_code = ? AND raw = ?", reason,
                quarantinedBytes(body))).isEqualTo(1);
        List<String> reasons = given().queryParam("limit", 200)
                .get("/api/v1/quarantine")
                .then()
                .statusCode(200)
                .extract()
                .jsonPath()
                .getList("items.reasonCode");
        assertThat(reasons).contains(reason);
    }

    private static byte[] quarantinedBytes(String body) {
        if (body.contains("\"message\"")) {
            JsonPath json = JsonPath.from(body);
            String data = json.getString("message.data");
            if (data == null) {
                return new byte[0];
            }
            byte[] decoded = PushEnvelopeParser.decodeBase64(data);
            return decoded != null ? decoded : data.getBytes(StandardCharsets.UTF_8);
        }
        return body.getBytes(StandardCharsets.UTF_8);
    }

    @Test
    void oversizedBodyIs413ProblemJson() {
        byte[] big = new byte[1_048_577];
        Arrays.fill(big, (byte) 'a');
        given().contentType(ContentType.JSON)
                .body(big)
                .post("/pubsub/push")
                .then()
                .statusCode(413)
                .contentType("application/problem+json")
                .body("status", equalTo(413))
                .body("title", equalTo("Request body too large"));
    }

    @Test
    void unwrappedPushWithMetadataHeadersAndFormContentType() {
        byte[] data = Payloads.bytes(Payloads.notification("0.unwrapped", "open", 1_764_000_000L, null, "checkout-unwrapped"));
        given().config(RestAssured.config()
                .encoderConfig(EncoderConfig.encoderConfig()
                        .encodeContentTypeAs("application/x-www-form-urlencoded", ContentType.TEXT)))
                .contentType("application/x-www-form-urlencoded")
                .header("x-goog-pubsub-message-id", "unwrapped-1")
                .header("x-goog-pubsub-publish-time", "2026-11-24T07:59:51.218Z")
                .header("x-goog-pubsub-subscription-name", "projects/shop-prod/subscriptions/push-unwrapped")
                .header("k1", "v1")
                .body(data)
                .post("/pubsub/push")
                .then()
                .statusCode(204);

        assertThat(incidentBySource("0.unwrapped").getString("alertState")).isEqualTo("firing");
        assertThat(Db.text(dataSource, "SELECT transport || ' ' || subscription || ' ' || (attributes->>'k1')"
                + " FROM inbox_message WHERE message_id = 'unwrapped-1'"))
                .isEqualTo("push_unwrapped projects/shop-prod/subscriptions/push-unwrapped v1");
    }

    @Test
    void readErrorsAreProblemJson() {
        given().get("/api/v1/incidents/999999999")
                .then()
                .statusCode(404)
                .contentType("application/problem+json")
                .body("status", equalTo(404));
        given().get("/api/v1/incidents/not-a-number").then().statusCode(404).contentType("application/problem+json");
        given().queryParam("limit", "abc")
                .get("/api/v1/incidents")
                .then()
                .statusCode(400)
                .contentType("application/problem+json")
                .body("detail", startsWith("limit must be"));
        given().get("/api/v1/nowhere").then().statusCode(404).contentType("application/problem+json");
    }
}
