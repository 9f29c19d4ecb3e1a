package dev.firebreak.runbook;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

import dev.firebreak.alert.Alert;
import dev.firebreak.alert.ConditionKind;

/**
 * The conditions of a catalog rule; all given conditions must hold, regexes are case-insensitive and match anywhere.
 *
 * @param resourceTypes monitored resource types, any of them (empty: any)
 * @param metricType regex on the metric type, or null
 * @param name regex on the policy or the condition display name, or null
 * @param summary regex on the summary, or null
 * @param logFilter regex on the condition's filter or query text, or null
 * @param conditionKinds condition kinds, any of them (empty: any)
 * @param requiredLabels label keys that must have a value
 * @param labels label key to regex its value must match (the label must be present)
 * @param text regex on any of names, summary, query, metric type, label values and user label keys, or null
 */
public record AlertMatch(
        Set<String> resourceTypes,
        Pattern metricType,
        Pattern name,
        Pattern summary,
        Pattern logFilter,
        Set<ConditionKind> conditionKinds,
        List<String> requiredLabels,
        Map<String, Pattern> labels,
        Pattern text) {

    /** Matches every alert; only the fallback rule has it. */
    public static final AlertMatch ANY = new AlertMatch(Set.of(), null, null, null, null, Set.of(), List.of(), Map.of(),
            null);

    public AlertMatch {
        resourceTypes = Set.copyOf(resourceTypes);
        conditionKinds = Set.copyOf(conditionKinds);
        requiredLabels = List.copyOf(requiredLabels);
        labels = Map.copyOf(labels);
    }

    /** Compiles a catalog regex the way matching expects it. */
    public static Pattern regex(String source) {
        return Pattern.compile(source, Pattern.CASE_INSENSITIVE | Pattern.UNICODE_CASE);
    }

    /** True when the match has no condition at all. */
    public boolean isEmpty() {
        return resourceTypes.isEmpty() && metricType == null && name == null && summary == null && logFilter == null
                && conditionKinds.isEmpty() && requiredLabels.isEmpty() && labels.isEmpty() && text == null;
    }

    public boolean matches(Alert alert) {
        if (!resourceTypes.isEmpty() && !resourceTypes.contains(alert.resource().type())) {
            return false;
        }
        if (!conditionKinds.isEmpty() && !conditionKinds.contains(alert.conditionKind())) {
            return false;
        }
        if (!finds(metricType, alert.metric().type()) || !finds(summary, alert.summary())
                || !finds(logFilter, alert.conditionQuery())) {
            return false;
        }
        if (name != null && !finds(name, alert.policyName()) && !finds(name, alert.conditionName())) {
            return false;
        }
        Map<String, String> merged = AlertLabels.merged(alert);
        if (!merged.keySet().containsAll(requiredLabels)) {
            return false;
        }
        for (Map.Entry<String, Pattern> label : labels.entrySet()) {
            String value = merged.get(label.getKey());
            if (value == null || !label.getValue().matcher(value).find()) {
                return false;
            }
        }
        return text == null || textOf(alert, merged).stream().anyMatch(candidate -> finds(text, candidate));
    }

    private static List<String> textOf(Alert alert, Map<String, String> merged) {
        List<String> texts = new ArrayList<>(List.of(nullToEmpty(alert.policyName()), nullToEmpty(alert.conditionName()),
                nullToEmpty(alert.summary()), nullToEmpty(alert.conditionQuery()), alert.metric().type(),
                alert.metric().displayName()));
        texts.addAll(merged.values());
        texts.addAll(alert.policyUserLabels().keySet());
        texts.addAll(alert.metadataUserLabels().keySet());
        return texts;
    }

    private static boolean finds(Pattern pattern, String value) {
        return pattern == null || pattern.matcher(nullToEmpty(value)).find();
    }

    private static String nullToEmpty(String value) {
        return value == null ? "" : value;
    }
}
