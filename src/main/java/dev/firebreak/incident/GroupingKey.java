package dev.firebreak.incident;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Map;
import java.util.TreeMap;

import dev.firebreak.alert.Alert;

/**
 * The grouping key: one problem = one incident. Alerts with the same key join the same unresolved incident.
 *
 * <p>
 * Key = alert policy (its resource name when the notification carries the condition, else project + display name)
 * + condition (resource name, else display name) + monitored resource type + all resource labels (they are, by
 * definition, the resource's identifying labels). Metric labels and values are not part of it: a CPU alert on one VM
 * is the same problem whatever the value. Encoded as {@code v1:} + SHA-256 hex so it stays short and indexable.
 */
public final class GroupingKey {
    private GroupingKey() {
    }

    /** The grouping key of an alert. */
    public static String of(Alert alert) {
        StringBuilder key = new StringBuilder(256);
        String policy = alert.policyId() != null
                ? alert.policyId()
                : nullToEmpty(alert.scopingProjectId()) + "/" + nullToEmpty(alert.policyName());
        String condition = alert.conditionId() != null ? alert.conditionId() : nullToEmpty(alert.conditionName());
        key.append(policy).append('\n').append(condition).append('\n').append(alert.resource().type());
        for (Map.Entry<String, String> label : new TreeMap<>(alert.resource().labels()).entrySet()) {
            key.append('\n').append(label.getKey()).append('=').append(label.getValue());
        }
        if (policy.equals("/") && condition.isEmpty() && alert.resource().labels().isEmpty()) {
            // nothing identifies the problem: fall back to the source incident, never group unrelated alerts
            key.append("\nsource=").append(alert.sourceIncidentId());
        }
        return "v1:" + sha256(key.toString());
    }

    private static String nullToEmpty(String value) {
        return value == null ? "" : value;
    }

    private static String sha256(String text) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
