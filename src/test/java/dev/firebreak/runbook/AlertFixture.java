package dev.firebreak.runbook;

import java.time.Instant;
import java.util.HashMap;
import java.util.Map;

import dev.firebreak.alert.Alert;
import dev.firebreak.alert.AlertState;
import dev.firebreak.alert.ConditionKind;
import dev.firebreak.alert.Documentation;
import dev.firebreak.alert.Metric;
import dev.firebreak.alert.Resource;
import dev.firebreak.alert.SourceSeverity;

/**
 * Builds real-shaped alerts for runbook tests.
 */
final class AlertFixture {
    static final Instant STARTED = Instant.parse("2026-11-24T10:00:00Z");
    static final Instant NOW = Instant.parse("2026-11-24T10:30:00Z");

    private String resourceType = "";
    private final Map<String, String> resourceLabels = new HashMap<>();
    private String resourceDisplayName;
    private String metricType = "";
    private final Map<String, String> metricLabels = new HashMap<>();
    private final Map<String, String> policyUserLabels = new HashMap<>();
    private final Map<String, String> systemLabels = new HashMap<>();
    private String policyName = "policy";
    private String conditionName = "condition";
    private String summary = "";
    private String conditionQuery;
    private ConditionKind conditionKind = ConditionKind.METRIC_THRESHOLD;
    private String projectId;
    private Instant startedAt = STARTED;
    private Instant endedAt;

    static AlertFixture resource(String type, String... keyValues) {
        AlertFixture fixture = new AlertFixture();
        fixture.resourceType = type;
        putAll(fixture.resourceLabels, keyValues);
        return fixture;
    }

    /** A GKE container in project p1, cluster c1 at europe-west1, namespace shop. */
    static AlertFixture k8sContainer(String pod, String container) {
        return resource("k8s_container", "project_id", "p1", "location", "europe-west1", "cluster_name", "c1",
                "namespace_name", "shop", "pod_name", pod, "container_name", container);
    }

    AlertFixture metric(String type, String... keyValues) {
        metricType = type;
        putAll(metricLabels, keyValues);
        return this;
    }

    AlertFixture userLabels(String... keyValues) {
        putAll(policyUserLabels, keyValues);
        return this;
    }

    AlertFixture systemLabels(String... keyValues) {
        putAll(systemLabels, keyValues);
        return this;
    }

    AlertFixture displayName(String value) {
        resourceDisplayName = value;
        return this;
    }

    AlertFixture policy(String value) {
        policyName = value;
        return this;
    }

    AlertFixture condition(String value) {
        conditionName = value;
        return this;
    }

    AlertFixture summary(String value) {
        summary = value;
        return this;
    }

    AlertFixture logMatch(String filter) {
        conditionKind = ConditionKind.LOG_MATCH;
        conditionQuery = filter;
        return this;
    }

    AlertFixture project(String value) {
        projectId = value;
        return this;
    }

    AlertFixture window(Instant started, Instant ended) {
        startedAt = started;
        endedAt = ended;
        return this;
    }

    Alert build() {
        return new Alert("0.abc123", endedAt == null ? AlertState.FIRING : AlertState.CLEARED,
                endedAt == null ? "open" : "closed", "1.2", false, policyName, "projects/p1/alertPolicies/1",
                conditionName, "projects/p1/alertPolicies/1/conditions/2", conditionKind, conditionQuery, summary,
                "https://console.cloud.google.com/monitoring/alerting/alerts/0.abc123", "Critical",
                SourceSeverity.CRITICAL, startedAt, endedAt,
                new Resource(resourceType, resourceLabels, resourceDisplayName, null, null),
                new Metric(metricType, "", metricLabels), projectId, null, null, policyUserLabels, Map.of(),
                systemLabels, null, null, false, Documentation.NONE);
    }

    private static void putAll(Map<String, String> target, String... keyValues) {
        if (keyValues.length % 2 != 0) {
            throw new IllegalArgumentException("key/value pairs expected");
        }
        for (int i = 0; i < keyValues.length; i += 2) {
            target.put(keyValues[i], keyValues[i + 1]);
        }
    }
}
