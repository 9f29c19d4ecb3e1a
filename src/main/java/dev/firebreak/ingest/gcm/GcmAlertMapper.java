package dev.firebreak.ingest.gcm;

import java.net.URI;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import com.fasterxml.jackson.databind.JsonNode;

import dev.firebreak.alert.Alert;
import dev.firebreak.alert.AlertState;
import dev.firebreak.alert.ConditionKind;
import dev.firebreak.alert.Documentation;
import dev.firebreak.alert.Metric;
import dev.firebreak.alert.Resource;
import dev.firebreak.alert.SourceSeverity;

/**
 * Maps the {@code incident} object of a Cloud Monitoring notification to an {@link Alert}.
 */
final class GcmAlertMapper {
    /** PromQL conditions send this in place of a metric type. */
    static final String MISSING_SENTINEL = "__missing__";
    static final int MAX_DOCUMENTATION = 16_384;

    /** Condition one-of keys of the AlertPolicy.Condition proto JSON, and the field that carries their query. */
    private static final Map<String, ConditionKind> CONDITION_KINDS = Map.of(
            "conditionThreshold", ConditionKind.METRIC_THRESHOLD,
            "conditionAbsent", ConditionKind.METRIC_ABSENCE,
            "conditionMatchedLog", ConditionKind.LOG_MATCH,
            "conditionMonitoringQueryLanguage", ConditionKind.MQL,
            "conditionPrometheusQueryLanguage", ConditionKind.PROMQL,
            "conditionSql", ConditionKind.SQL);
    private static final List<String> QUERY_FIELDS = List.of("filter", "query");

    private GcmAlertMapper() {
    }

    static Alert toAlert(JsonNode incident, String incidentId, String rawState, AlertState state, String version,
            boolean test) {
        Resource resource = resource(incident);
        Metric metric = metric(incident);
        JsonNode condition = Json.object(incident, "condition");
        String conditionId = Json.nonBlank(Json.text(condition, "name", Json.MAX_NAME));
        ConditionKind kind = conditionKind(condition, resource, metric, Json.text(incident, "summary"));
        String observed = Json.text(incident, "observed_value", Json.MAX_NAME);
        String scopingProject = Json.nonBlank(Json.text(incident, "scoping_project_id", Json.MAX_NAME));
        String url = Json.nonBlank(Json.text(incident, "url", Json.MAX_TEXT));
        String severityRaw = Json.nonBlank(Json.text(incident, "severity", Json.MAX_NAME));
        JsonNode metadata = Json.object(incident, "metadata");
        return new Alert(
                incidentId,
                state,
                Json.cap(rawState, Json.MAX_NAME),
                version,
                test,
                Json.nonBlank(Json.text(incident, "policy_name", Json.MAX_NAME)),
                policyId(conditionId),
                Json.nonBlank(firstNonBlank(Json.text(incident, "condition_name", Json.MAX_NAME),
                        Json.text(condition, "displayName", Json.MAX_NAME))),
                conditionId,
                kind,
                conditionQuery(condition),
                Json.nonBlank(Json.text(incident, "summary", Json.MAX_TEXT)),
                url,
                severityRaw,
                SourceSeverity.parse(severityRaw),
                Json.epochSeconds(incident, "started_at"),
                Json.epochSeconds(incident, "ended_at"),
                resource,
                metric,
                firstNonBlank(resource.label("project_id"), scopingProject, projectFromUrl(url)),
                scopingProject,
                Json.int64(incident, "scoping_project_number"),
                Json.labels(incident, "policy_user_labels"),
                Json.labels(metadata, "user_labels"),
                Json.labels(metadata, "system_labels"),
                Json.nonBlank(Json.text(incident, "threshold_value", Json.MAX_NAME)),
                Json.nonBlank(observed),
                state == AlertState.CLEARED && isCancellation(observed, Json.text(incident, "summary")),
                documentation(incident));
    }

    private static Resource resource(JsonNode incident) {
        JsonNode resource = Json.object(incident, "resource");
        String type = Json.text(resource, "type", Json.MAX_NAME);
        return new Resource(type == null ? "" : type.trim(), Json.labels(resource, "labels"),
                Json.nonBlank(Json.text(incident, "resource_display_name", Json.MAX_NAME)),
                Json.nonBlank(Json.text(incident, "resource_name", Json.MAX_NAME)),
                Json.nonBlank(Json.text(incident, "resource_type_display_name", Json.MAX_NAME)));
    }

    private static Metric metric(JsonNode incident) {
        JsonNode metric = Json.object(incident, "metric");
        if (metric == null) {
            return Metric.NONE;
        }
        return new Metric(withoutSentinel(Json.text(metric, "type", Json.MAX_NAME)),
                withoutSentinel(Json.text(metric, "displayName", Json.MAX_NAME)), Json.labels(metric, "labels"));
    }

    private static String withoutSentinel(String value) {
        return value == null || MISSING_SENTINEL.equals(value) ? "" : value;
    }

    private static ConditionKind conditionKind(JsonNode condition, Resource resource, Metric metric, String summary) {
        if (condition != null) {
            for (Map.Entry<String, ConditionKind> entry : CONDITION_KINDS.entrySet()) {
                if (condition.has(entry.getKey())) {
                    return entry.getValue();
                }
            }
        }
        if ("uptime_url".equals(resource.type()) || metric.type().startsWith("monitoring.googleapis.com/uptime_check/")) {
            return ConditionKind.UPTIME_CHECK;
        }
        if ("prometheus_target".equals(resource.type())) {
            return ConditionKind.PROMQL;
        }
        if (summary != null && summary.startsWith("Log match condition")) {
            return ConditionKind.LOG_MATCH;
        }
        if (condition != null && condition.size() > 0 || !metric.type().isEmpty()) {
            return ConditionKind.METRIC_THRESHOLD;
        }
        return ConditionKind.UNKNOWN;
    }

    private static String conditionQuery(JsonNode condition) {
        if (condition == null) {
            return null;
        }
        for (String key : CONDITION_KINDS.keySet()) {
            JsonNode body = Json.object(condition, key);
            for (String field : QUERY_FIELDS) {
                String query = Json.nonBlank(Json.text(body, field, Json.MAX_TEXT));
                if (query != null) {
                    return query;
                }
            }
        }
        return null;
    }

    /** {@code projects/p/alertPolicies/ID/conditions/CID} gives {@code projects/p/alertPolicies/ID}. */
    static String policyId(String conditionId) {
        if (conditionId == null) {
            return null;
        }
        int at = conditionId.indexOf("/conditions/");
        return at > 0 && conditionId.contains("/alertPolicies/") ? conditionId.substring(0, at) : null;
    }

    private static boolean isCancellation(String observed, String summary) {
        return mentionsCancel(observed) || mentionsCancel(summary);
    }

    private static boolean mentionsCancel(String text) {
        return text != null && text.toLowerCase(Locale.ROOT).contains("incident cancelled");
    }

    private static Documentation documentation(JsonNode incident) {
        JsonNode doc = incident.get("documentation");
        if (doc == null || doc.isNull()) {
            return Documentation.NONE;
        }
        if (doc.isTextual()) {
            return new Documentation(Json.cap(doc.asText(), MAX_DOCUMENTATION), "", null, List.of());
        }
        if (!doc.isObject()) {
            return Documentation.NONE;
        }
        List<Documentation.Link> links = new ArrayList<>();
        JsonNode linkNodes = doc.get("links");
        if (linkNodes != null && linkNodes.isArray()) {
            for (JsonNode link : linkNodes) {
                String target = Json.nonBlank(Json.text(link, "url", Json.MAX_TEXT));
                if (target != null && links.size() < 10) {
                    links.add(new Documentation.Link(Json.text(link, "displayName", Json.MAX_NAME), target));
                }
            }
        }
        return new Documentation(Json.text(doc, "content", MAX_DOCUMENTATION),
                firstNonBlank(Json.text(doc, "mime_type", Json.MAX_NAME), Json.text(doc, "mimeType", Json.MAX_NAME)),
                Json.nonBlank(Json.text(doc, "subject", Json.MAX_NAME)), links);
    }

    private static String projectFromUrl(String url) {
        if (url == null) {
            return null;
        }
        try {
            String query = URI.create(url.trim()).getRawQuery();
            if (query == null) {
                return null;
            }
            for (String pair : query.split("&")) {
                if (pair.startsWith("project=") && pair.length() > "project=".length()) {
                    return pair.substring("project=".length());
                }
            }
        } catch (IllegalArgumentException e) {
            return null;
        }
        return null;
    }

    private static String firstNonBlank(String... values) {
        for (String value : values) {
            if (value != null && !value.isBlank()) {
                return value;
            }
        }
        return null;
    }
}
