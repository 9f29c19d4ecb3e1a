package dev.firebreak.classify;

import java.util.List;
import java.util.Map;
import java.util.Objects;

import dev.firebreak.alert.Alert;

/**
 * A short human title for the incident an alert opens: {@code "<policy>: <condition> on <resource>"}, never empty,
 * at most {@value #MAX_LENGTH} characters (Slack's header limit).
 */
public final class IncidentTitle {
    /** Longest title, in UTF-16 units. */
    public static final int MAX_LENGTH = 150;
    static final String TEST_NOTIFICATION = "Test notification";
    private static final int POLICY_LIMIT = 70;
    private static final int CONDITION_LIMIT = 60;
    private static final int RESOURCE_LIMIT = 50;
    private static final int SUMMARY_LIMIT = 100;
    /** Labels that name a resource best, most specific first; resource labels are tried before metric labels. */
    private static final List<String> NAMING_LABELS = List.of("instance_name", "service_name", "function_name",
            "container_name", "pod_name", "node_name", "cluster_name", "database_id", "host", "subscription_id",
            "topic_id", "bucket_name", "instance_id", "namespace_name", "namespace");

    private IncidentTitle() {
    }

    /** The title for the alert. */
    public static String of(Alert alert) {
        Objects.requireNonNull(alert, "alert");
        // The console's test payload carries a resource path as policy name; say what it is instead.
        String policy = alert.testNotification() ? TEST_NOTIFICATION : Texts.clip(alert.policyName(), POLICY_LIMIT);
        String condition = Texts.clip(alert.conditionName(), CONDITION_LIMIT);
        String head = head(policy, condition);
        if (head.isEmpty()) {
            head = fallback(alert);
        }
        String resource = Texts.clip(resourceName(alert), RESOURCE_LIMIT);
        String title = resource.isEmpty() || head.contains(resource) ? head : head + " on " + resource;
        return Texts.truncate(title, MAX_LENGTH);
    }

    private static String head(String policy, String condition) {
        if (policy.isEmpty()) {
            return condition;
        }
        if (condition.isEmpty() || condition.equalsIgnoreCase(policy)) {
            return policy;
        }
        return policy + ": " + condition;
    }

    private static String fallback(Alert alert) {
        String summary = Texts.clip(alert.summary(), SUMMARY_LIMIT);
        if (!summary.isEmpty()) {
            return summary;
        }
        String metric = Texts.clip(alert.metric().displayName(), CONDITION_LIMIT);
        if (!metric.isEmpty()) {
            return metric + " alert";
        }
        return "Alert " + Texts.clip(alert.sourceIncidentId(), CONDITION_LIMIT);
    }

    private static String resourceName(Alert alert) {
        String displayName = Texts.oneLine(alert.resource().displayName());
        if (!displayName.isEmpty()) {
            return displayName;
        }
        for (String key : NAMING_LABELS) {
            String value = firstNonBlank(alert.resource().labels(), alert.metric().labels(), key);
            if (value != null) {
                return value;
            }
        }
        return "";
    }

    private static String firstNonBlank(Map<String, String> first, Map<String, String> second, String key) {
        String value = Texts.oneLine(first.get(key));
        if (value.isEmpty()) {
            value = Texts.oneLine(second.get(key));
        }
        return value.isEmpty() ? null : value;
    }
}
