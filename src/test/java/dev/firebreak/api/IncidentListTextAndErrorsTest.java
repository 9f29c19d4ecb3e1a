package dev.firebreak.api;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.UUID;

import javax.sql.DataSource;

import jakarta.inject.Inject;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;

import dev.firebreak.testsupport.IncidentRows;
import dev.firebreak.testsupport.TestWindows;

/**
 * The incident list's text search ({@code q}) and its 400 problems for bad parameters.
 */
@QuarkusTest
class IncidentListTextAndErrorsTest {
    @Inject
    DataSource dataSource;

    Instant windowStart;
    String token;
    int seeded;

    @BeforeEach
    void window() {
        windowStart = TestWindows.reserve(Duration.ofHours(1));
        token = "tok" + UUID.randomUUID().toString().replace("-", "").substring(0, 12);
        seeded = 0;
    }

    private IncidentRows row(String title) {
        return IncidentRows.incident(title).openedAt(windowStart.plusSeconds(++seeded));
    }

    private List<Long> search(String q) {
        return given().queryParam("q", q)
                .queryParam("since", windowStart.toString())
                .queryParam("until", windowStart.plus(Duration.ofHours(1)).toString())
                .queryParam("limit", 200)
                .get("/api/v1/incidents")
                .then()
                .statusCode(200)
                .extract()
                .jsonPath()
                .getList("items.id", Long.class);
    }

    @Test
    void wildcardsAndBackslashInQAreLiteral() {
        long percent = row("disk " + token + " 100% full").insert(dataSource);
        long noPercent = row("disk " + token + " 1000 full").insert(dataSource);
        long underscore = row("queue " + token + " a_b").insert(dataSource);
        long anyChar = row("queue " + token + " axb").insert(dataSource);
        long backslash = row("path " + token + " C:\\temp").insert(dataSource);
        long noBackslash = row("path " + token + " C:temp").insert(dataSource);

        assertThat(search("100%")).containsExactly(percent);
        assertThat(search("0% f")).containsExactly(percent);
        assertThat(search("a_b")).containsExactly(underscore);
        assertThat(search(":\\t")).containsExactly(backslash);
        assertThat(search("%")).containsExactly(percent);
        assertThat(search(" a_")).containsExactly(underscore);
        assertThat(search("_")).as("resource type gce_instance of every row").hasSize(6);
        assertThat(search(token)).containsExactly(noBackslash, backslash, anyChar, underscore, noPercent, percent);
    }

    @Test
    void qMatchesEveryTextColumnAndLabelValuesCaseInsensitively() {
        String upper = token.toUpperCase();
        long title = row("Title " + upper).insert(dataSource);
        long policy = row("p").policyName("Policy " + upper).insert(dataSource);
        long condition = row("c").conditionName("Condition " + upper).insert(dataSource);
        long summary = row("s").summary("Summary " + upper + " above threshold").insert(dataSource);
        long resourceType = row("r").resourceType("k8s_" + upper).insert(dataSource);
        long label = row("l").label("pod_name", "checkout-" + upper + "-7d9f").insert(dataSource);
        long labelKeyOnly = row("k").label(token, "value").insert(dataSource);
        long none = row("unrelated").policyName("other").insert(dataSource);

        List<Long> ids = search(token.toLowerCase());

        assertThat(ids).containsExactly(label, resourceType, summary, condition, policy, title);
        assertThat(ids).doesNotContain(labelKeyOnly, none);
        assertThat(search("CHECKOUT-" + token)).containsExactly(label);
    }

    @Test
    void qCombinesWithTheOtherFilters() {
        long criticalOpen = row("a " + token).severity("critical").status("open").insert(dataSource);
        row("b " + token).severity("critical").status("closed").insert(dataSource);
        row("c " + token).severity("info").status("open").insert(dataSource);
        row("d other").severity("critical").status("open").insert(dataSource);

        List<Long> ids = given().queryParam("q", token)
                .queryParam("status", "open")
                .queryParam("severity", "critical")
                .queryParam("since", windowStart.toString())
                .get("/api/v1/incidents")
                .then()
                .statusCode(200)
                .extract()
                .jsonPath()
                .getList("items.id", Long.class);

        assertThat(ids).containsExactly(criticalOpen);
    }

    @ParameterizedTest(name = "{0}={1}")
    @CsvSource(delimiter = '|', value = {
            "status   | bogus                      | status has an unknown value \"bogus\"",
            "status   | open,,nope                 | status has an unknown value \"nope\"",
            "severity | urgent                     | severity has an unknown value \"urgent\"",
            "step     | triage                     | step has an unknown value \"triage\"",
            "since    | yesterday                  | since must be an RFC 3339 date-time",
            "until    | 2026-13-01T00:00:00Z       | until must be an RFC 3339 date-time",
            "since    | 2026-11-24T08:00:00        | since must be an RFC 3339 date-time",
            "limit    | 0                          | limit must be an integer between 1 and 200",
            "limit    | 201                        | limit must be an integer between 1 and 200",
            "limit    | ten                        | limit must be an integer between 1 and 200",
            "cursor   | garbage!                   | cursor is not valid",
            "cursor   | AQAAAAAAAAAAAAAAAAAAAAE    | cursor is not valid",
            "cursor   | bm90IGEgY3Vyc29y           | cursor is not valid",
    })
    void badParametersAre400ProblemsNamingTheParameter(String name, String value, String detail) {
        given().queryParam(name, value)
                .get("/api/v1/incidents")
                .then()
                .statusCode(400)
                .contentType("application/problem+json")
                .body("status", equalTo(400))
                .body("detail", containsString(detail));
    }

    @Test
    void sinceAfterUntilAndOverlongQAre400() {
        given().queryParam("since", "2026-01-02T00:00:00Z")
                .queryParam("until", "2026-01-01T00:00:00Z")
                .get("/api/v1/incidents")
                .then()
                .statusCode(400)
                .body("detail", containsString("since"));
        given().queryParam("q", "x".repeat(201))
                .get("/api/v1/incidents")
                .then()
                .statusCode(400)
                .body("detail", containsString("q must be"));
    }

    @Test
    void everyEditOfARealCursorIs400() {
        row("first " + token).insert(dataSource);
        row("second " + token).insert(dataSource);
        JsonPath first = given().queryParam("q", token)
                .queryParam("limit", 1)
                .get("/api/v1/incidents")
                .then()
                .statusCode(200)
                .extract()
                .jsonPath();
        String cursor = first.getString("nextCursor");
        assertThat(cursor).isNotBlank();
        given().queryParam("q", token)
                .queryParam("limit", 1)
                .queryParam("cursor", cursor)
                .get("/api/v1/incidents")
                .then()
                .statusCode(200)
                .body("nextCursor", equalTo(null));

        List<String> tampered = new ArrayList<>();
        for (int i = 0; i < cursor.length(); i++) {
            char replacement = cursor.charAt(i) == 'A' ? 'B' : 'A';
            tampered.add(cursor.substring(0, i) + replacement + cursor.substring(i + 1));
        }
        tampered.add(cursor.substring(0, cursor.length() - 1));
        tampered.add(cursor + "A");
        byte[] bytes = Base64.getUrlDecoder().decode(cursor);
        bytes[0] = 2;
        tampered.add(Base64.getUrlEncoder().withoutPadding().encodeToString(bytes));

        for (String bad : tampered) {
            given().queryParam("q", token)
                    .queryParam("cursor", bad)
                    .get("/api/v1/incidents")
                    .then()
                    .statusCode(400)
                    .contentType("application/problem+json")
                    .body("detail", containsString("cursor is not valid"));
        }
    }
}
