package dev.firebreak.api;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;

import java.time.Duration;
import java.time.Instant;

import javax.sql.DataSource;

import jakarta.inject.Inject;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;

import dev.firebreak.testsupport.IncidentRows;
import dev.firebreak.testsupport.TestWindows;

/**
 * {@code GET /api/v1/stats}: counts and percentiles against hand-computed values over seeded incidents.
 */
@QuarkusTest
class StatsResourceTest {
    @Inject
    DataSource dataSource;

    /** A day no other test writes to. */
    private static Instant freshDay() {
        return TestWindows.reserve(Duration.ofDays(1));
    }

    private void seed(String severity, String status, Instant openedAt, Long ackAfterSeconds, Long resolveAfterSeconds) {
        IncidentRows.incident("stats " + severity + " " + status)
                .severity(severity)
                .status(status)
                .openedAt(openedAt)
                .acknowledgedAt(ackAfterSeconds == null ? null : openedAt.plusSeconds(ackAfterSeconds))
                .resolvedAt(resolveAfterSeconds == null ? null : openedAt.plusSeconds(resolveAfterSeconds))
                .insert(dataSource);
    }

    @Test
    void countsMediansAndP90MatchHandComputedValues() {
        Instant since = freshDay();
        Instant until = since.plus(Duration.ofDays(1));
        // critical: MTTA 60, 120, 300, 600 -> median (120+300)/2 = 210, p90 at rank 2.7 = 300 + 0.7*300 = 510
        //           MTTR 600, 1800 -> median 1200, p90 at rank 0.9 = 600 + 0.9*1200 = 1680
        seed("critical", "resolved", since, 60L, 600L);
        seed("critical", "closed", since.plusSeconds(10), 120L, 1800L);
        seed("critical", "acknowledged", since.plusSeconds(20), 300L, null);
        seed("critical", "acknowledged", since.plusSeconds(30), 600L, null);
        seed("critical", "open", since.plusSeconds(40), null, null);
        // warning: MTTA 30 -> 30/30; MTTR 45, 90 -> median 67.5, p90 = 45 + 0.9*45 = 85.5 (auto-resolved, never acked)
        seed("warning", "resolved", since.plusSeconds(50), 30L, 90L);
        seed("warning", "resolved", since.plusSeconds(60), null, 45L);
        // info: nothing acknowledged or resolved -> null percentiles
        seed("info", "open", until.minusNanos(1_000), null, null);
        // outside the window: until is exclusive, and before since
        seed("critical", "resolved", until, 1L, 1L);
        seed("info", "closed", since.minusSeconds(1), 1L, 1L);

        JsonPath stats = given().queryParam("since", since.toString())
                .queryParam("until", until.toString())
                .get("/api/v1/stats")
                .then()
                .statusCode(200)
                .extract()
                .jsonPath();

        assertThat(Instant.parse(stats.getString("since"))).isEqualTo(since);
        assertThat(Instant.parse(stats.getString("until"))).isEqualTo(until);
        assertThat(stats.getLong("total")).isEqualTo(8);
        assertThat(stats.getLong("byStatus.open")).isEqualTo(2);
        assertThat(stats.getLong("byStatus.acknowledged")).isEqualTo(2);
        assertThat(stats.getLong("byStatus.resolved")).isEqualTo(3);
        assertThat(stats.getLong("byStatus.closed")).isEqualTo(1);
        assertThat(stats.getLong("bySeverity.critical")).isEqualTo(5);
        assertThat(stats.getLong("bySeverity.warning")).isEqualTo(2);
        assertThat(stats.getLong("bySeverity.info")).isEqualTo(1);

        assertDurations(stats, "critical.timeToAcknowledge", 4, 210.0, 510.0);
        assertDurations(stats, "critical.timeToResolve", 2, 1200.0, 1680.0);
        assertDurations(stats, "warning.timeToAcknowledge", 1, 30.0, 30.0);
        assertDurations(stats, "warning.timeToResolve", 2, 67.5, 85.5);
        assertDurations(stats, "info.timeToAcknowledge", 0, null, null);
        assertDurations(stats, "info.timeToResolve", 0, null, null);
    }

    private static void assertDurations(JsonPath stats, String path, long samples, Double median, Double p90) {
        String base = "responseTimes." + path + ".";
        assertThat(stats.getLong(base + "samples")).as(base + "samples").isEqualTo(samples);
        Object medianValue = stats.get(base + "medianSeconds");
        Object p90Value = stats.get(base + "p90Seconds");
        if (median == null) {
            assertThat(medianValue).as(base + "medianSeconds").isNull();
            assertThat(p90Value).as(base + "p90Seconds").isNull();
            assertThat(stats.getMap("responseTimes." + path)).containsKeys("medianSeconds", "p90Seconds");
        } else {
            assertThat(((Number) medianValue).doubleValue()).as(base + "medianSeconds").isCloseTo(median, within(1e-6));
            assertThat(((Number) p90Value).doubleValue()).as(base + "p90Seconds").isCloseTo(p90, within(1e-6));
        }
    }

    @Test
    void anEmptyWindowHasZeroCountsAndNullPercentiles() {
        Instant since = freshDay();
        JsonPath stats = given().queryParam("since", since.toString())
                .queryParam("until", since.plusSeconds(60).toString())
                .get("/api/v1/stats")
                .then()
                .statusCode(200)
                .extract()
                .jsonPath();

        assertThat(stats.getLong("total")).isZero();
        assertThat(stats.getMap("byStatus")).containsOnlyKeys("open", "acknowledged", "resolved", "closed");
        assertThat(stats.getMap("bySeverity")).containsOnlyKeys("critical", "warning", "info");
        for (String severity : new String[]{"critical", "warning", "info"}) {
            assertDurations(stats, severity + ".timeToAcknowledge", 0, null, null);
            assertDurations(stats, severity + ".timeToResolve", 0, null, null);
        }
    }

    @ParameterizedTest
    @CsvSource({"30m, PT30M", "24h, PT24H", "7d, PT168H", "365d, PT8760H", "'', PT168H"})
    void windowEndsNowAndDefaultsToSevenDays(String window, String expected) {
        Instant before = Instant.now();
        JsonPath stats = given().queryParam("window", window).get("/api/v1/stats").then().statusCode(200).extract().jsonPath();

        Instant since = Instant.parse(stats.getString("since"));
        Instant until = Instant.parse(stats.getString("until"));
        assertThat(Duration.between(since, until)).isEqualTo(Duration.parse(expected));
        assertThat(until).isBetween(before.minusSeconds(1), Instant.now().plusSeconds(1));
    }

    @Test
    void anIncidentOpenedInTheLastWindowIsCounted() {
        long before = given().queryParam("window", "30m")
                .get("/api/v1/stats")
                .then()
                .statusCode(200)
                .extract()
                .jsonPath()
                .getLong("bySeverity.info");
        IncidentRows.incident("stats recent").severity("info").openedAt(Instant.now().minusSeconds(600)).insert(dataSource);

        given().queryParam("window", "30m")
                .get("/api/v1/stats")
                .then()
                .statusCode(200)
                .body("bySeverity.info", equalTo((int) before + 1));
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
            "window=366d                                               | window must be",
            "window=0d                                                 | window must be",
            "window=2w                                                 | window must be",
            "window=-1h                                                | window must be",
            "window=7d&since=2026-01-01T00:00:00Z                      | either window or since/until",
            "since=last-week                                           | since must be an RFC 3339",
            "until=2026-02-30T00:00:00Z                                | until must be an RFC 3339",
            "since=2026-01-02T00:00:00Z&until=2026-01-01T00:00:00Z     | since must be before until",
            "since=2024-01-01T00:00:00Z&until=2025-01-02T00:00:00Z     | at most 365d",
    })
    void badWindowsAre400(String query, String detail) {
        given().get("/api/v1/stats?" + query)
                .then()
                .statusCode(400)
                .contentType("application/problem+json")
                .body("detail", containsString(detail));
    }

    @Test
    void openApiDocumentsTheShapesAndParameters() {
        JsonPath openApi = given().queryParam("format", "json").get("/q/openapi").then().statusCode(200).extract().jsonPath();

        assertThat(openApi.getMap("components.schemas.StatsView.properties")).containsKeys("since", "until", "total",
                "byStatus", "bySeverity", "responseTimes");
        assertThat(openApi.getMap("components.schemas.DurationSummary.properties")).containsKeys("samples",
                "medianSeconds", "p90Seconds");
        assertThat(openApi.getString("components.schemas.DurationSummary.properties.medianSeconds.description"))
                .contains("null when there were none");
        assertThat(openApi.getMap("components.schemas.ClassifyView.properties")).containsKeys("severity", "reason",
                "ruleId", "title", "alertState", "groupingKey", "diagnostics");
        assertThat(openApi.getList("paths.'/api/v1/incidents'.get.parameters.name", String.class))
                .contains("status", "severity", "step", "q", "since", "until", "limit", "cursor");
        assertThat(openApi.getList("paths.'/api/v1/stats'.get.parameters.name", String.class))
                .contains("window", "since", "until");
    }
}
