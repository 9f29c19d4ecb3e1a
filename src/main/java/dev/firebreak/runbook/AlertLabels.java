package dev.firebreak.runbook;

import java.util.LinkedHashMap;
import java.util.Map;

import dev.firebreak.alert.Alert;

/**
 * The alert's labels merged into one lookup, most specific source first.
 */
final class AlertLabels {
    private AlertLabels() {
    }

    /**
     * Resource labels win over metric labels, then policy user labels, metadata user labels and system labels;
     * blank values are left out.
     */
    static Map<String, String> merged(Alert alert) {
        Map<String, String> merged = new LinkedHashMap<>();
        putNonBlank(merged, alert.resource().labels());
        putNonBlank(merged, alert.metric().labels());
        putNonBlank(merged, alert.policyUserLabels());
        putNonBlank(merged, alert.metadataUserLabels());
        putNonBlank(merged, alert.systemLabels());
        return merged;
    }

    private static void putNonBlank(Map<String, String> target, Map<String, String> source) {
        source.forEach((key, value) -> {
            if (key != null && value != null && !value.isBlank()) {
                target.putIfAbsent(key, value);
            }
        });
    }
}
