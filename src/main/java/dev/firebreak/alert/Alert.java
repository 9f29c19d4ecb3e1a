package dev.firebreak.alert;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;

/**
 * One normalized alert notification from a monitoring source. Only {@code sourceIncidentId} and {@code state} are
 * guaranteed; every other text field may be null or empty, maps are never null.
 *
 * @param sourceIncidentId the source's incident id (Cloud Monitoring {@code incident_id}); shared by open and close
 * @param state normalized state
 * @param rawState the state exactly as received
 * @param schemaVersion payload schema version as text ({@code 1.2}, {@code 1.1}, {@code test}, …)
 * @param testNotification true for a console "send test notification" payload, which never opens an incident
 * @param policyName alert policy display name
 * @param policyId alert policy resource name ({@code projects/p/alertPolicies/ID}) when known
 * @param conditionName condition display name
 * @param conditionId condition resource name when known
 * @param conditionKind which kind of condition fired
 * @param conditionQuery filter or query text of the condition (log filter, PromQL, MQL), may be null
 * @param summary human summary text
 * @param url console link to the source incident
 * @param severityRaw severity string as sent, may be null
 * @param sourceSeverity parsed policy severity
 * @param startedAt when the source incident started, null when unknown or zero
 * @param endedAt when it ended, null while open
 * @param resource monitored resource (never null)
 * @param metric metric (never null)
 * @param projectId project of the resource, falling back to the scoping project
 * @param scopingProjectId metrics-scope project, may be null
 * @param scopingProjectNumber metrics-scope project number, may be null
 * @param policyUserLabels user labels of the policy (never null)
 * @param metadataUserLabels user labels of the resource metadata (never null)
 * @param systemLabels system labels of the resource metadata, stringified (never null)
 * @param thresholdValue threshold as decimal text, may be null
 * @param observedValue observed value as text (can be non-numeric), may be null
 * @param cancelled true when the source closed the incident because the policy was edited or deleted
 * @param documentation policy documentation (never null)
 */
public record Alert(
        String sourceIncidentId,
        AlertState state,
        String rawState,
        String schemaVersion,
        boolean testNotification,
        String policyName,
        String policyId,
        String conditionName,
        String conditionId,
        ConditionKind conditionKind,
        String conditionQuery,
        String summary,
        String url,
        String severityRaw,
        SourceSeverity sourceSeverity,
        Instant startedAt,
        Instant endedAt,
        Resource resource,
        Metric metric,
        String projectId,
        String scopingProjectId,
        Long scopingProjectNumber,
        Map<String, String> policyUserLabels,
        Map<String, String> metadataUserLabels,
        Map<String, String> systemLabels,
        String thresholdValue,
        String observedValue,
        boolean cancelled,
        Documentation documentation) {

    public Alert {
        if (sourceIncidentId == null || sourceIncidentId.isBlank()) {
            throw new IllegalArgumentException("sourceIncidentId is required");
        }
        if (state == null) {
            throw new IllegalArgumentException("state is required");
        }
        conditionKind = conditionKind == null ? ConditionKind.UNKNOWN : conditionKind;
        sourceSeverity = sourceSeverity == null ? SourceSeverity.UNSPECIFIED : sourceSeverity;
        resource = resource == null ? new Resource("", Map.of(), null, null, null) : resource;
        metric = metric == null ? Metric.NONE : metric;
        policyUserLabels = policyUserLabels == null ? Map.of() : Map.copyOf(policyUserLabels);
        metadataUserLabels = metadataUserLabels == null ? Map.of() : Map.copyOf(metadataUserLabels);
        systemLabels = systemLabels == null ? Map.of() : Map.copyOf(systemLabels);
        documentation = documentation == null ? Documentation.NONE : documentation;
    }

    /** The observed value as a number, when it is one. */
    public Optional<BigDecimal> observedNumber() {
        return decimal(observedValue);
    }

    /** The threshold as a number, when it is one. */
    public Optional<BigDecimal> thresholdNumber() {
        return decimal(thresholdValue);
    }

    private static Optional<BigDecimal> decimal(String text) {
        if (text == null || text.isBlank() || text.length() > 64) {
            return Optional.empty();
        }
        try {
            return Optional.of(new BigDecimal(text.trim()));
        } catch (NumberFormatException e) {
            return Optional.empty();
        }
    }
}
