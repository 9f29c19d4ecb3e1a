package dev.firebreak.classify;

import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import dev.firebreak.alert.Alert;
import dev.firebreak.alert.AlertState;
import dev.firebreak.alert.ConditionKind;
import dev.firebreak.alert.Documentation;
import dev.firebreak.alert.Metric;
import dev.firebreak.alert.Resource;
import dev.firebreak.alert.SourceSeverity;

/**
 * Test-side builder of {@link Alert} values shaped like Cloud Monitoring notifications (wire-formats.md §1).
 */
final class TestAlert {
    private String incidentId = "0.nwg9th6llz4w";
    private String schemaVersion = "1.2";
    private boolean testNotification;
    private String policyName;
    private String conditionName;
    private ConditionKind conditionKind = ConditionKind.METRIC_THRESHOLD;
    private String conditionQuery;
    private String summary;
    private String severityRaw;
    private String resourceType = "";
    private final Map<String, String> resourceLabels = new LinkedHashMap<>();
    private String resourceDisplayName;
    private String resourceName;
    private String resourceTypeDisplayName;
    private String metricType = "";
    private String metricDisplayName = "";
    private final Map<String, String> metricLabels = new LinkedHashMap<>();
    private final Map<String, String> policyLabels = new LinkedHashMap<>();
    private String thresholdValue;
    private String observedValue;
    private String documentationSubject;
    private String documentationContent = "";

    private TestAlert() {
    }

    static TestAlert alert() {
        return new TestAlert();
    }

    TestAlert incidentId(String value) {
        incidentId = value;
        return this;
    }

    TestAlert schemaVersion(String value) {
        schemaVersion = value;
        return this;
    }

    TestAlert testNotification() {
        testNotification = true;
        schemaVersion = "test";
        return this;
    }

    TestAlert policy(String value) {
        policyName = value;
        return this;
    }

    TestAlert condition(String value) {
        conditionName = value;
        return this;
    }

    TestAlert kind(ConditionKind value) {
        conditionKind = value;
        return this;
    }

    /** A log-match condition with its filter. */
    TestAlert logFilter(String filter) {
        conditionKind = ConditionKind.LOG_MATCH;
        conditionQuery = filter;
        metricType = "";
        metricDisplayName = "";
        return this;
    }

    TestAlert query(String value) {
        conditionQuery = value;
        return this;
    }

    TestAlert summary(String value) {
        summary = value;
        return this;
    }

    /** The {@code severity} display string as sent; parsed the way the ingester does. */
    TestAlert severity(String raw) {
        severityRaw = raw;
        return this;
    }

    TestAlert resource(String type, String... labelPairs) {
        resourceType = type;
        putPairs(resourceLabels, labelPairs);
        return this;
    }

    TestAlert resourceDisplayName(String value) {
        resourceDisplayName = value;
        return this;
    }

    TestAlert resourceName(String value) {
        resourceName = value;
        return this;
    }

    TestAlert resourceTypeDisplayName(String value) {
        resourceTypeDisplayName = value;
        return this;
    }

    TestAlert metric(String type, String displayName, String... labelPairs) {
        metricType = type;
        metricDisplayName = displayName;
        putPairs(metricLabels, labelPairs);
        return this;
    }

    TestAlert policyLabel(String key, String value) {
        policyLabels.put(key, value);
        return this;
    }

    TestAlert threshold(String value) {
        thresholdValue = value;
        return this;
    }

    TestAlert observed(String value) {
        observedValue = value;
        return this;
    }

    TestAlert subject(String value) {
        documentationSubject = value;
        return this;
    }

    TestAlert documentation(String value) {
        documentationContent = value;
        return this;
    }

    Alert build() {
        return new Alert(incidentId, AlertState.FIRING, testNotification ? "OPEN" : "open", schemaVersion,
                testNotification, policyName, null, conditionName, null, conditionKind, conditionQuery, summary,
                "https://console.cloud.google.com/monitoring/alerting/alerts/" + incidentId, severityRaw,
                SourceSeverity.parse(severityRaw), Instant.ofEpochSecond(1756293629), null,
                new Resource(resourceType, resourceLabels, resourceDisplayName, resourceName, resourceTypeDisplayName),
                new Metric(metricType, metricDisplayName, metricLabels), resourceLabels.get("project_id"), null, null,
                policyLabels, Map.of(), Map.of(), thresholdValue, observedValue, false,
                new Documentation(documentationContent, "text/markdown", documentationSubject, List.of()));
    }

    private static void putPairs(Map<String, String> target, String[] pairs) {
        if (pairs.length % 2 != 0) {
            throw new IllegalArgumentException("label pairs must be key, value, ...");
        }
        for (int i = 0; i < pairs.length; i += 2) {
            target.put(pairs[i], pairs[i + 1]);
        }
    }
}
