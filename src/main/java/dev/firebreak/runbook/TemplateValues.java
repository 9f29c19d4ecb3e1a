package dev.firebreak.runbook;

import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import dev.firebreak.alert.Alert;
import dev.firebreak.alert.ConditionKind;

/**
 * The raw values a template can refer to, taken from one alert's labels and the time window around it.
 */
final class TemplateValues {
    /** Placeholders that stand for one value (a name, id or time). */
    static final Set<String> VALUE_NAMES = Set.of(
            "project", "location", "cluster", "context", "namespace", "pod", "container", "node", "app", "ingress",
            "instance", "instanceId", "zone", "region", "database", "host", "subscription", "topic", "certificate",
            "forwardingRule", "urlMap", "backend", "resourceType", "metricType", "policy", "start", "end");
    /** Placeholders that stand for a ready-made Cloud Logging query expression. */
    static final Set<String> EXPRESSION_NAMES = Set.of("resourceFilter", "window", "alertFilter");
    static final String LABEL_PREFIX = "label.";
    static final Duration WINDOW_MARGIN = Duration.ofMinutes(10);
    static final Duration DEFAULT_LOOKBACK = Duration.ofHours(1);

    // pod-template-hash alphabet: a Deployment's pod is <deployment>-<replicaset hash>-<pod suffix>
    private static final Pattern DEPLOYMENT_POD = Pattern
            .compile("(.+)-[bcdfghjklmnpqrstvwxz2456789]{6,10}-[bcdfghjklmnpqrstvwxz2456789]{5}");
    private static final Pattern ZONE = Pattern.compile("([a-z]+-[a-z]+[0-9]+)-[a-z]");
    private static final Pattern FILTER_LABEL_KEY = Pattern.compile("[A-Za-z0-9_]+");
    private static final Pattern WHITESPACE = Pattern.compile("\\s+");

    private final Map<String, String> values;
    private final Map<String, String> labels;

    private TemplateValues(Map<String, String> values, Map<String, String> labels) {
        this.values = values;
        this.labels = labels;
    }

    static boolean isKnown(String name) {
        return VALUE_NAMES.contains(name) || EXPRESSION_NAMES.contains(name) || isLabel(name);
    }

    static boolean isExpression(String name) {
        return EXPRESSION_NAMES.contains(name);
    }

    static boolean isLabel(String name) {
        return name.startsWith(LABEL_PREFIX) && name.length() > LABEL_PREFIX.length();
    }

    /**
     * The value for a placeholder. Absent when missing or blank, and also when it starts with a dash: no Kubernetes
     * or Google Cloud name does, so such a value could only smuggle an option into the command.
     */
    Optional<String> value(String name) {
        String value = isLabel(name) ? labels.get(name.substring(LABEL_PREFIX.length())) : values.get(name);
        if (value == null || value.isBlank() || (!isExpression(name) && value.startsWith("-"))) {
            return Optional.empty();
        }
        return Optional.of(value);
    }

    static TemplateValues of(Alert alert, Instant now) {
        Map<String, String> labels = AlertLabels.merged(alert);
        Lookup lookup = new Lookup(labels);
        Map<String, String> values = new HashMap<>();
        String resourceType = alert.resource().type();
        values.put("resourceType", resourceType);
        values.put("metricType", "__missing__".equals(alert.metric().type()) ? null : alert.metric().type());
        values.put("policy", alert.policyName());

        String databaseId = lookup.first("database_id");
        int colon = databaseId == null ? -1 : databaseId.lastIndexOf(':');
        values.put("database", databaseId);
        values.put("project", firstNonBlank(lookup.first("project_id"), colon > 0 ? databaseId.substring(0, colon) : null,
                alert.projectId(), alert.scopingProjectId()));
        values.put("location", lookup.first("location"));
        values.put("cluster", lookup.first("cluster_name", "cluster"));
        values.put("namespace", lookup.first("namespace_name", "namespace"));
        values.put("pod", lookup.first("pod_name", "pod"));
        values.put("container", lookup.first("container_name", "container"));
        values.put("node", lookup.first("node_name", "node"));
        values.put("app", firstNonBlank(lookup.first("app", "app.kubernetes.io/name", "k8s-app", "deployment"),
                deploymentOf(values.get("pod"))));
        values.put("ingress", lookup.first("ingress", "ingress_name"));
        values.put("instanceId", lookup.first("instance_id"));
        values.put("instance", instanceName(alert, lookup, databaseId, colon));
        String zone = lookup.first("zone");
        values.put("zone", zone);
        values.put("region", firstNonBlank(lookup.first("region"), regionOf(zone)));
        values.put("host", lookup.first("host"));
        values.put("subscription", lookup.first("subscription_id", "subscription"));
        values.put("topic", lookup.first("topic_id", "topic"));
        values.put("certificate", firstNonBlank(lookup.first("certificate", "certificate_name"),
                alert.metric().type().contains("certmanager_certificate") ? alert.metric().labels().get("name") : null));
        values.put("forwardingRule", lookup.first("forwarding_rule_name"));
        values.put("urlMap", lookup.first("url_map_name"));
        values.put("backend", lookup.first("backend_target_name"));
        values.put("context", gkeContext(values.get("project"), values.get("location"), values.get("cluster")));

        Instant end = alert.endedAt() != null ? alert.endedAt().plus(WINDOW_MARGIN) : now;
        Instant start = alert.startedAt() != null ? alert.startedAt().minus(WINDOW_MARGIN) : end.minus(DEFAULT_LOOKBACK);
        if (start.isAfter(end)) {
            start = end.minus(DEFAULT_LOOKBACK);
        }
        String startText = start.truncatedTo(ChronoUnit.SECONDS).toString();
        String endText = end.truncatedTo(ChronoUnit.SECONDS).toString();
        values.put("start", startText);
        values.put("end", endText);
        values.put("window",
                "timestamp>=" + LogFilterLiteral.of(startText) + " AND timestamp<=" + LogFilterLiteral.of(endText));
        values.put("resourceFilter", resourceFilter(resourceType, alert.resource().labels()));
        if (alert.conditionKind() == ConditionKind.LOG_MATCH && alert.conditionQuery() != null) {
            values.put("alertFilter", WHITESPACE.matcher(alert.conditionQuery().strip()).replaceAll(" "));
        }
        return new TemplateValues(values, labels);
    }

    private static String instanceName(Alert alert, Lookup lookup, String databaseId, int colon) {
        String type = alert.resource().type();
        if ("cloudsql_database".equals(type) && databaseId != null) {
            return databaseId.substring(colon + 1);
        }
        if ("gce_instance".equals(type)) {
            return firstNonBlank(alert.systemLabels().get("name"), alert.resource().displayName(),
                    lookup.first("instance_name", "instance_id"));
        }
        return lookup.first("instance_name", "instance");
    }

    /** GKE's kubeconfig context name as {@code gcloud container clusters get-credentials} writes it. */
    static String gkeContext(String project, String location, String cluster) {
        if (isBlank(project) || isBlank(location) || isBlank(cluster)) {
            return null;
        }
        return "gke_" + project + "_" + location + "_" + cluster;
    }

    static String deploymentOf(String pod) {
        if (pod == null) {
            return null;
        }
        Matcher matcher = DEPLOYMENT_POD.matcher(pod);
        return matcher.matches() ? matcher.group(1) : null;
    }

    private static String regionOf(String zone) {
        if (zone == null) {
            return null;
        }
        Matcher matcher = ZONE.matcher(zone);
        return matcher.matches() ? matcher.group(1) : null;
    }

    private static String resourceFilter(String type, Map<String, String> resourceLabels) {
        if (isBlank(type)) {
            return null;
        }
        StringBuilder filter = new StringBuilder("resource.type=").append(LogFilterLiteral.of(type));
        new TreeMap<>(resourceLabels).forEach((key, value) -> {
            if (FILTER_LABEL_KEY.matcher(key).matches() && !isBlank(value)) {
                filter.append(" AND resource.labels.").append(key).append('=').append(LogFilterLiteral.of(value));
            }
        });
        return filter.toString();
    }

    private static String firstNonBlank(String... candidates) {
        for (String candidate : candidates) {
            if (!isBlank(candidate)) {
                return candidate;
            }
        }
        return null;
    }

    private static boolean isBlank(String value) {
        return value == null || value.isBlank();
    }

    /** First present label among several keys. */
    private record Lookup(Map<String, String> labels) {
        String first(String... keys) {
            for (String key : keys) {
                String value = labels.get(key);
                if (!isBlank(value)) {
                    return value;
                }
            }
            return null;
        }
    }
}
