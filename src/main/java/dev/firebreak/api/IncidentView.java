package dev.firebreak.api;

import java.time.Instant;
import java.util.Map;

/**
 * An incident as the API shows it.
 */
public record IncidentView(
        long id,
        String title,
        String severity,
        String severityReason,
        String status,
        String alertState,
        int alertCount,
        Instant openedAt,
        Instant clearedAt,
        String clearReason,
        Instant updatedAt,
        String groupingKey,
        Source source) {

    /**
     * The monitoring source of the incident (its latest notification).
     */
    public record Source(
            String type,
            String incidentId,
            String policyName,
            String conditionName,
            String summary,
            String resourceType,
            Map<String, String> resourceLabels,
            String projectId,
            String url,
            String severity,
            Instant startedAt,
            Instant endedAt) {
    }
}
