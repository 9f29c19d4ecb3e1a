package dev.firebreak.incident;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.List;
import java.util.Set;

import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;

import org.junit.jupiter.api.Test;

import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.junit.QuarkusTest;

import dev.firebreak.alert.Severity;
import dev.firebreak.incident.workflow.IncidentStatus;
import dev.firebreak.incident.workflow.ResponseStep;

/**
 * The list queries have index-shaped plans: an index delivers the newest-first order (no Sort of the filtered rows)
 * and the keyset condition is an index condition. The test table is small, so sequential scans and sorts are
 * priced out first; a query whose shape could not use the indexes would still show a Sort.
 */
@QuarkusTest
class IncidentSearchPlanTest {
    @Inject
    IncidentSearch search;
    @Inject
    EntityManager entityManager;

    private List<String> plan(IncidentFilter filter, String cursor) {
        List<String> plan = QuarkusTransaction.requiringNew().call(() -> {
            for (String setting : List.of("enable_seqscan", "enable_bitmapscan", "enable_sort")) {
                entityManager.createNativeQuery("SELECT set_config('" + setting + "', 'off', true)").getSingleResult();
            }
            return search.explain(filter, 50, cursor);
        });
        return plan;
    }

    private static long sorts(List<String> plan) {
        return plan.stream().filter(line -> line.matches("\\s*(->\\s+)?(Incremental )?Sort\\b.*")).count();
    }

    @Test
    void unfilteredFirstPageReadsTheOpenedAtIndexInOrder() {
        List<String> plan = plan(IncidentFilter.none(), null);

        assertThat(String.join("\n", plan)).contains("Index Scan using incident_opened_at_idx");
        assertThat(sorts(plan)).as(String.join("\n", plan)).isZero();
    }

    @Test
    void laterPagesSeekWithTheKeysetAsAnIndexCondition() {
        String cursor = new IncidentCursor(Instant.parse("2026-11-24T08:00:00Z"), 1000).encode();

        List<String> plan = plan(IncidentFilter.none(), cursor);

        String text = String.join("\n", plan);
        assertThat(text).contains("Index Scan using incident_opened_at_idx")
                .containsPattern("Index Cond: \\(ROW\\(opened_at, id\\) <");
        assertThat(sorts(plan)).as(text).isZero();
    }

    @Test
    void oneStatusUsesTheStatusIndexWithoutSorting() {
        String cursor = new IncidentCursor(Instant.parse("2026-11-24T08:00:00Z"), 1000).encode();

        List<String> plan = plan(new IncidentFilter(Set.of(IncidentStatus.OPEN), Set.of(), null, null, null, null), cursor);
        // with a second equality filter the planner may drive by either index; neither needs a sort
        List<String> combined = plan(new IncidentFilter(Set.of(IncidentStatus.OPEN), Set.of(Severity.CRITICAL), null,
                null, null, null), cursor);

        String text = String.join("\n", plan);
        assertThat(text).contains("Index Scan using incident_status_opened_idx");
        assertThat(sorts(plan)).as(text).isZero();
        assertThat(String.join("\n", combined)).containsPattern("Index Scan using incident_(status|severity)_opened_idx");
        assertThat(sorts(combined)).as(String.join("\n", combined)).isZero();
    }

    @Test
    void severalStatusesMergeOneIndexScanPerStatus() {
        List<String> plan = plan(new IncidentFilter(Set.of(IncidentStatus.OPEN, IncidentStatus.ACKNOWLEDGED), Set.of(),
                null, null, null, null), null);

        String text = String.join("\n", plan);
        assertThat(plan.stream().filter(line -> line.contains("Index Scan using incident_status_opened_idx")).count())
                .as(text)
                .isEqualTo(2);
        assertThat(sorts(plan)).as(text).isLessThanOrEqualTo(1);
    }

    @Test
    void stepAndSeverityFiltersUseTheirIndexes() {
        String step = String.join("\n", plan(new IncidentFilter(Set.of(), Set.of(), ResponseStep.RESOLUTION, null, null,
                null), null));
        String severity = String.join("\n", plan(new IncidentFilter(Set.of(), Set.of(Severity.WARNING), null, null, null,
                null), null));

        assertThat(step).contains("Index Scan using incident_step_opened_idx").doesNotContain(" Sort ");
        assertThat(severity).contains("Index Scan using incident_severity_opened_idx").doesNotContain(" Sort ");
    }

    @Test
    void timeBoundsAndTextSearchStayOnTheOpenedAtIndex() {
        List<String> plan = plan(new IncidentFilter(Set.of(), Set.of(), null, "checkout", Instant.parse("2026-01-01T00:00:00Z"),
                Instant.parse("2026-02-01T00:00:00Z")), null);

        String text = String.join("\n", plan);
        assertThat(text).contains("Index Scan using incident_opened_at_idx").containsPattern("Index Cond: \\(\\(opened_at >=");
        assertThat(sorts(plan)).as(text).isZero();
    }
}
