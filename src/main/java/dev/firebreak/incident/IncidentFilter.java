package dev.firebreak.incident;

import java.time.Instant;
import java.util.Set;

import dev.firebreak.alert.Severity;
import dev.firebreak.incident.workflow.IncidentStatus;
import dev.firebreak.incident.workflow.ResponseStep;

/**
 * What to list: every given criterion must hold (an empty set or null means "any").
 *
 * @param statuses incident statuses, any of them
 * @param severities severities, any of them
 * @param step the current response step, null for any
 * @param q case-insensitive substring of the title, policy, condition, summary, resource type or a resource label
 *        value; null or blank for any
 * @param since opened at or after this instant, null for no lower bound
 * @param until opened strictly before this instant, null for no upper bound
 */
public record IncidentFilter(Set<IncidentStatus> statuses, Set<Severity> severities, ResponseStep step, String q,
        Instant since, Instant until) {

    public IncidentFilter {
        statuses = statuses == null ? Set.of() : Set.copyOf(statuses);
        severities = severities == null ? Set.of() : Set.copyOf(severities);
        q = q == null || q.isBlank() ? null : q;
        if (since != null && until != null && since.isAfter(until)) {
            throw new IllegalArgumentException("since must not be after until");
        }
    }

    /** No criteria: every incident. */
    public static IncidentFilter none() {
        return new IncidentFilter(Set.of(), Set.of(), null, null, null, null);
    }
}
