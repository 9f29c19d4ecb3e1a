package dev.firebreak.api;

import java.time.Instant;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.annotation.JsonInclude;

/**
 * An incident as the API shows it. {@code steps} is filled on the detail view only; {@code notificationError} says
 * why a notification could not be delivered (e.g. the Slack channel does not exist).
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
        String currentStep,
        Instant acknowledgedAt,
        String acknowledgedBy,
        Instant resolvedAt,
        String resolvedBy,
        Instant closedAt,
        Long relatedIncidentId,
        long version,
        String notificationError,
        Source source,
        @JsonInclude(JsonInclude.Include.NON_NULL) List<StepView> steps) {

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

    /**
     * One response step with what to type.
     */
    public record StepView(String name, String state, Instant startedAt, Instant completedAt, String completedBy,
            String note, List<DiagnosticView> diagnostics) {
    }

    /**
     * A suggested diagnostic command; {@code mutating} commands change state and appear only in immediate_response.
     */
    public record DiagnosticView(String title, String command, boolean mutating) {
    }
}
