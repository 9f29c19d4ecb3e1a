package dev.firebreak.api;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import javax.sql.DataSource;

import jakarta.inject.Inject;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.RestAssured;
import io.restassured.config.EncoderConfig;
import io.restassured.http.ContentType;
import io.restassured.path.json.JsonPath;
import io.restassured.specification.RequestSpecification;

import dev.firebreak.alert.Alert;
import dev.firebreak.classify.Classification;
import dev.firebreak.classify.Classifier;
import dev.firebreak.classify.IncidentTitle;
import dev.firebreak.incident.GroupingKey;
import dev.firebreak.incident.workflow.ResponseStep;
import dev.firebreak.ingest.BoundedJson;
import dev.firebreak.ingest.gcm.GcmNotificationParser;
import dev.firebreak.ingest.gcm.GcmParseResult;
import dev.firebreak.testsupport.Db;
import dev.firebreak.testsupport.Payloads;

/**
 * {@code POST /api/v1/classify}: the dry run on the real Cloud Monitoring samples, and that it stores nothing.
 */
@QuarkusTest
class ClassifyResourceTest {
    static final List<String> TABLES = List.of("incident", "source_alert", "timeline_event", "outbox", "inbox_message",
            "quarantine");
    static final List<String> STEP_NAMES = Arrays.stream(ResponseStep.values()).map(ResponseStep::wireName).toList();

    @Inject
    DataSource dataSource;
    @Inject
    Classifier classifier;

    private static RequestSpecification anyContentType(String contentType) {
        RequestSpecification request = given().config(RestAssured.config()
                .encoderConfig(EncoderConfig.encoderConfig().encodeContentTypeAs(contentType, ContentType.BINARY)));
        return contentType.isEmpty() ? request : request.contentType(contentType);
    }

    private Map<String, Long> rowCounts() {
        Map<String, Long> counts = new LinkedHashMap<>();
        for (String table : TABLES) {
            counts.put(table, Db.count(dataSource, "SELECT count(*) FROM " + table));
        }
        return counts;
    }

    @Test
    void netbytesSampleIsCriticalBecauseOfThePolicySeverity() {
        JsonPath result = given().contentType(ContentType.JSON)
                .body(Payloads.resource("gcm/cm-1.2-gce-netbytes-open-sev-critical.json"))
                .post("/api/v1/classify")
                .then()
                .statusCode(200)
                .contentType(ContentType.JSON)
                .extract()
                .jsonPath();

        assertThat(result.getString("severity")).isEqualTo("critical");
        assertThat(result.getString("reason")).isEqualTo("critical: policy severity is Critical");
        assertThat(result.getString("ruleId")).isNotBlank().isNotEqualTo("default");
        assertThat(result.getString("alertState")).isEqualTo("firing");
        assertThat(result.getBoolean("opensIncident")).isTrue();
        assertThat(result.getString("title")).contains("重启Gce").contains("asia-pay-template");
        assertThat(result.getString("groupingKey")).startsWith("v1:");
        assertThat(result.getMap("diagnostics").keySet()).containsExactlyElementsOf(STEP_NAMES);
        for (String step : STEP_NAMES) {
            List<Map<String, Object>> commands = result.getList("diagnostics." + step);
            assertThat(commands).as(step).isNotEmpty().allSatisfy(command -> {
                assertThat(command).containsOnlyKeys("title", "command", "mutating");
                assertThat((String) command.get("command")).isNotBlank();
                assertThat(command.get("mutating")).isInstanceOf(Boolean.class);
            });
        }
        assertThat(result.getList("diagnostics.assess_impact.command", String.class))
                .anyMatch(command -> command.startsWith("gcloud"));
    }

    @ParameterizedTest
    @ValueSource(strings = {
            "cm-1.1-legacy-stackdriver-gcs.googlecloudplatform.json",
            "cm-1.2-cloudsql-database-open-threshold-zero.json",
            "cm-1.2-gce-cpu-closed-google-docs-example.json",
            "cm-1.2-gce-cpu-closed-incident-cancelled.json",
            "cm-1.2-gce-netbytes-open-sev-critical.json",
            "cm-1.2-k8s-container-log-match-open.json",
            "cm-1.2-prometheus-target-promql-open.json",
            "cm-1.2-uptime-url-open-2020.agilicus.json",
            "cm-1.3-unknown-version-extra-keys.json",
            "cm-test-notification-version-test.cloudforet.json"})
    void everySampleIsClassifiedLikeIngestWouldWithAllFiveStepsAndNothingStored(String file) {
        byte[] body = Payloads.resource("gcm/" + file);
        Alert alert = ((GcmParseResult.Parsed) new GcmNotificationParser(BoundedJson.mapper()).parse(body)).alert();
        Classification expected = classifier.classify(alert);
        Map<String, Long> before = rowCounts();

        JsonPath result = anyContentType("text/plain").body(body)
                .post("/api/v1/classify")
                .then()
                .statusCode(200)
                .extract()
                .jsonPath();

        assertThat(result.getString("severity")).isEqualTo(expected.severity().wireName());
        assertThat(result.getString("reason")).isEqualTo(expected.reason());
        assertThat(result.getString("ruleId")).isEqualTo(expected.ruleId());
        assertThat(result.getString("title")).isEqualTo(IncidentTitle.of(alert));
        assertThat(result.getString("alertState")).isEqualTo(alert.state().wireName());
        if (alert.testNotification()) {
            assertThat(result.getBoolean("opensIncident")).isFalse();
            assertThat(result.getMap("$")).doesNotContainKey("groupingKey");
        } else {
            assertThat(result.getString("groupingKey")).isEqualTo(GroupingKey.of(alert));
        }
        assertThat(result.getMap("diagnostics").keySet()).containsExactlyElementsOf(STEP_NAMES);
        for (String step : STEP_NAMES) {
            assertThat(result.getList("diagnostics." + step)).as(step).isNotEmpty();
        }
        assertThat(rowCounts()).isEqualTo(before);
    }

    @ParameterizedTest
    @ValueSource(strings = {"application/json", "application/octet-stream", "application/x-www-form-urlencoded",
            "text/plain; charset=utf-8", ""})
    void anyContentTypeIsAccepted(String contentType) {
        anyContentType(contentType).body(Payloads.resource("gcm/cm-1.2-gce-netbytes-open-sev-critical.json"))
                .post("/api/v1/classify")
                .then()
                .statusCode(200)
                .body("severity", equalTo("critical"));
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
            "hello, this is not json                     | the message data is not valid JSON",
            "[1,2,3]                                     | the message data is not a JSON object",
            "{\"a\":1}                                   | no \"incident\" object",
            "{\"incident\":{\"state\":\"open\"}}         | the notification has no incident.incident_id",
            "{\"incident\":{\"incident_id\":\"x\"}}      | the notification has no incident.state",
    })
    void badBodiesAre400WithTheParsersDetail(String body, String detail) {
        Map<String, Long> before = rowCounts();
        anyContentType("application/json").body(body.getBytes(StandardCharsets.UTF_8))
                .post("/api/v1/classify")
                .then()
                .statusCode(400)
                .contentType("application/problem+json")
                .body("status", equalTo(400))
                .body("detail", containsString(detail));
        assertThat(rowCounts()).isEqualTo(before);
    }

    @Test
    void emptyAndNonUtf8BodiesAre400() {
        anyContentType("application/json").body(new byte[0])
                .post("/api/v1/classify")
                .then()
                .statusCode(400)
                .body("detail", containsString("no data"));
        anyContentType("application/json").body(new byte[]{(byte) 0xff, '{', '}'})
                .post("/api/v1/classify")
                .then()
                .statusCode(400)
                .body("detail", containsString("UTF-8"));
    }

    @Test
    void bodyAboveOneMebibyteIs413() {
        byte[] big = new byte[1024 * 1024 + 1];
        Arrays.fill(big, (byte) ' ');
        anyContentType("application/json").body(big)
                .post("/api/v1/classify")
                .then()
                .statusCode(413)
                .contentType("application/problem+json")
                .body("title", equalTo("Request body too large"));
    }

    @Test
    void bodyOfExactlyOneMebibyteIsRead() {
        byte[] sample = Payloads.resource("gcm/cm-1.2-gce-netbytes-open-sev-critical.json");
        byte[] padded = new byte[1024 * 1024];
        Arrays.fill(padded, (byte) ' ');
        System.arraycopy(sample, 0, padded, 0, sample.length);
        anyContentType("application/json").body(padded)
                .post("/api/v1/classify")
                .then()
                .statusCode(200)
                .body("severity", equalTo("critical"));
    }
}
