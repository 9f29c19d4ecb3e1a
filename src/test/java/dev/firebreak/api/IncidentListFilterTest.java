package dev.firebreak.api;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Predicate;
import java.util.stream.Stream;

import javax.sql.DataSource;

import jakarta.inject.Inject;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import io.restassured.specification.RequestSpecification;

import dev.firebreak.testsupport.IncidentRows;
import dev.firebreak.testsupport.TestWindows;

/**
 * The incident list's filters and keyset paging against a seeded grid of incidents. Each test seeds its own grid in
 * its own random time window (the database is shared), and scopes its queries to that window.
 */
@QuarkusTest
class IncidentListFilterTest {
    static final List<String> STATUSES = List.of("open", "acknowledged", "resolved", "closed");
    static final List<String> SEVERITIES = List.of("critical", "warning", "info");
    static final List<String> STEPS = List.of("assess_impact", "root_cause_analysis");

    /** One seeded incident. */
    record Row(long id, String status, String severity, String step, Instant openedAt) {
    }

    @Inject
    DataSource dataSource;

    Instant windowStart;
    Instant windowEnd;
    List<Row> grid;

    @BeforeEach
    void seedGrid() {
        windowStart = TestWindows.reserve(Duration.ofHours(1));
        windowEnd = windowStart.plus(Duration.ofHours(1));
        grid = new ArrayList<>();
        int n = 0;
        for (String status : STATUSES) {
            for (String severity : SEVERITIES) {
                for (String step : STEPS) {
                    // pairs of rows share an opened_at, so the id tiebreak is exercised
                    Instant openedAt = windowStart.plusSeconds(60L * (n / 2) + 1).plusNanos(123_000);
                    long id = IncidentRows.incident("grid " + status + " " + severity + " " + step)
                            .status(status)
                            .severity(severity)
                            .step(step)
                            .openedAt(openedAt)
                            .insert(dataSource);
                    grid.add(new Row(id, status, severity, step, openedAt));
                    n++;
                }
            }
        }
    }

    static Stream<Arguments> filters() {
        return Stream.of(
                Arguments.of(Map.of(), (Predicate<Row>) r -> true),
                Arguments.of(Map.of("status", List.of("open")), (Predicate<Row>) r -> r.status().equals("open")),
                Arguments.of(Map.of("status", List.of("open,acknowledged")),
                        (Predicate<Row>) r -> Set.of("open", "acknowledged").contains(r.status())),
                Arguments.of(Map.of("status", List.of("RESOLVED", "closed")),
                        (Predicate<Row>) r -> Set.of("resolved", "closed").contains(r.status())),
                Arguments.of(Map.of("severity", List.of("critical")), (Predicate<Row>) r -> r.severity().equals("critical")),
                Arguments.of(Map.of("severity", List.of("warning", "info")),
                        (Predicate<Row>) r -> Set.of("warning", "info").contains(r.severity())),
                Arguments.of(Map.of("step", List.of("root_cause_analysis")),
                        (Predicate<Row>) r -> r.step().equals("root_cause_analysis")),
                Arguments.of(Map.of("step", List.of("root-cause-analysis")),
                        (Predicate<Row>) r -> r.step().equals("root_cause_analysis")),
                Arguments.of(Map.of("status", List.of("open", "acknowledged"), "severity", List.of("critical,warning")),
                        (Predicate<Row>) r -> Set.of("open", "acknowledged").contains(r.status())
                                && Set.of("critical", "warning").contains(r.severity())),
                Arguments.of(Map.of("status", List.of("closed"), "step", List.of("assess_impact")),
                        (Predicate<Row>) r -> r.status().equals("closed") && r.step().equals("assess_impact")),
                Arguments.of(Map.of("severity", List.of("info"), "step", List.of("assess_impact")),
                        (Predicate<Row>) r -> r.severity().equals("info") && r.step().equals("assess_impact")),
                Arguments.of(Map.of("status", List.of("open,resolved"), "severity", List.of("critical", "info"), "step",
                        List.of("root_cause_analysis")),
                        (Predicate<Row>) r -> Set.of("open", "resolved").contains(r.status())
                                && Set.of("critical", "info").contains(r.severity())
                                && r.step().equals("root_cause_analysis")));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("filters")
    void everyFilterAloneAndCombinedReturnsExactlyTheMatchingRowsNewestFirst(Map<String, List<String>> params,
            Predicate<Row> matches) {
        JsonPath page = inWindow(params).queryParam("limit", 200)
                .get("/api/v1/incidents")
                .then()
                .statusCode(200)
                .extract()
                .jsonPath();

        assertThat(page.getList("items.id", Long.class)).containsExactlyElementsOf(expected(matches));
        assertThat(page.getString("nextCursor")).isNull();
    }

    @ParameterizedTest(name = "{0}, limit {2}")
    @MethodSource("pagedFilters")
    void pagingReturnsEveryRowExactlyOnceInOrder(Map<String, List<String>> params, Predicate<Row> matches, int limit) {
        List<Long> seen = new ArrayList<>();
        String cursor = null;
        int pages = 0;
        do {
            RequestSpecification request = inWindow(params).queryParam("limit", limit);
            if (cursor != null) {
                request.queryParam("cursor", cursor);
            }
            JsonPath page = request.get("/api/v1/incidents").then().statusCode(200).extract().jsonPath();
            List<Long> ids = page.getList("items.id", Long.class);
            assertThat(ids).hasSizeLessThanOrEqualTo(limit).isNotEmpty();
            seen.addAll(ids);
            cursor = page.getString("nextCursor");
            pages++;
            assertThat(pages).as("pages").isLessThanOrEqualTo(grid.size());
        } while (cursor != null);

        List<Long> expected = expected(matches);
        assertThat(seen).containsExactlyElementsOf(expected);
        assertThat(pages).isEqualTo((expected.size() + limit - 1) / limit);
    }

    static Stream<Arguments> pagedFilters() {
        return Stream.of(
                Arguments.of(Map.of(), (Predicate<Row>) r -> true, 5),
                Arguments.of(Map.of(), (Predicate<Row>) r -> true, 1),
                Arguments.of(Map.of("status", List.of("open,acknowledged,resolved")),
                        (Predicate<Row>) r -> !r.status().equals("closed"), 4),
                Arguments.of(Map.of("severity", List.of("critical")), (Predicate<Row>) r -> r.severity().equals("critical"), 3),
                Arguments.of(Map.of("status", List.of("open", "closed"), "severity", List.of("warning", "info")),
                        (Predicate<Row>) r -> Set.of("open", "closed").contains(r.status())
                                && Set.of("warning", "info").contains(r.severity()),
                        2),
                Arguments.of(Map.of("step", List.of("assess_impact")), (Predicate<Row>) r -> r.step().equals("assess_impact"),
                        12));
    }

    @Test
    void sinceIsInclusiveAndUntilExclusive() {
        List<Row> newestFirst = grid.stream().sorted(NEWEST_FIRST).toList();
        Instant since = newestFirst.get(17).openedAt();
        Instant until = newestFirst.get(4).openedAt();

        List<Long> ids = given().queryParam("since", since.toString())
                .queryParam("until", until.toString())
                .queryParam("limit", 200)
                .get("/api/v1/incidents")
                .then()
                .statusCode(200)
                .extract()
                .jsonPath()
                .getList("items.id", Long.class);

        assertThat(ids).containsExactlyElementsOf(expected(r -> !r.openedAt().isBefore(since) && r.openedAt().isBefore(until)));
        assertThat(ids).contains(newestFirst.get(17).id()).doesNotContain(newestFirst.get(4).id());
    }

    @Test
    void sinceAcceptsAnyRfc3339Offset() {
        Instant since = windowStart.plusSeconds(60 * 10);
        String withOffset = since.atOffset(ZoneOffset.ofHours(2)).toString();

        List<Long> ids = given().queryParam("since", withOffset)
                .queryParam("until", windowEnd.toString())
                .queryParam("limit", 200)
                .get("/api/v1/incidents")
                .then()
                .statusCode(200)
                .extract()
                .jsonPath()
                .getList("items.id", Long.class);

        assertThat(withOffset).contains("+02:00");
        assertThat(ids).containsExactlyElementsOf(expected(r -> !r.openedAt().isBefore(since)));
    }

    @Test
    void aFilterAloneOverTheWholeTableOnlyReturnsMatchingRowsNewestFirst() {
        JsonPath page = given().queryParam("status", "acknowledged")
                .queryParam("limit", 100)
                .get("/api/v1/incidents")
                .then()
                .statusCode(200)
                .extract()
                .jsonPath();

        assertThat(page.getList("items.status", String.class)).isNotEmpty().containsOnly("acknowledged");
        List<String> openedAt = page.getList("items.openedAt", String.class);
        assertThat(openedAt.stream().map(Instant::parse).toList()).isSortedAccordingTo(Comparator.reverseOrder());
    }

    private RequestSpecification inWindow(Map<String, List<String>> params) {
        RequestSpecification request = given().queryParam("since", windowStart.toString())
                .queryParam("until", windowEnd.toString());
        params.forEach((name, values) -> request.queryParam(name, values));
        return request;
    }

    static final Comparator<Row> NEWEST_FIRST = Comparator.comparing(Row::openedAt)
            .thenComparingLong(Row::id)
            .reversed();

    private List<Long> expected(Predicate<Row> matches) {
        return grid.stream().filter(matches).sorted(NEWEST_FIRST).map(Row::id).toList();
    }
}
