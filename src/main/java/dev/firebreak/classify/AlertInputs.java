package dev.firebreak.classify;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;

import dev.firebreak.alert.Alert;
import dev.firebreak.alert.ConditionKind;
import dev.firebreak.alert.SourceSeverity;

/**
 * The alert inputs that rule conditions and reason placeholders can name; the single place that maps catalog
 * vocabulary to {@link Alert} accessors.
 */
final class AlertInputs {
    /** One text input of an alert with the label a reason shows for it. */
    record TextInput(String label, Function<Alert, String> read) {
        String valueOf(Alert alert) {
            String value = read.apply(alert);
            return value == null ? "" : value;
        }
    }

    /** A single-valued input compared against a set of allowed values; {@code allowed} empty means free text. */
    record ChoiceInput(String label, Function<Alert, String> read, Set<String> allowed) {
    }

    /** A label map input. */
    record LabelInput(String label, Function<Alert, Map<String, String>> read) {
    }

    static final TextInput POLICY_NAME = new TextInput("policy name", Alert::policyName);
    static final TextInput CONDITION_NAME = new TextInput("condition name", Alert::conditionName);
    static final TextInput SUMMARY = new TextInput("summary", Alert::summary);
    static final TextInput DOCUMENTATION_SUBJECT = new TextInput("documentation subject",
            a -> a.documentation().subject());
    static final TextInput DOCUMENTATION_CONTENT = new TextInput("documentation", a -> a.documentation().content());
    static final TextInput CONDITION_QUERY = new TextInput("condition query", Alert::conditionQuery);
    static final TextInput METRIC_TYPE = new TextInput("metric type", a -> a.metric().type());
    static final TextInput METRIC_NAME = new TextInput("metric name", a -> a.metric().displayName());

    /** Regex conditions: YAML key to the inputs searched, in order. */
    static final Map<String, List<TextInput>> TEXT_CONDITIONS = inOrder(
            Map.entry("metricType", List.of(METRIC_TYPE)),
            Map.entry("policyName", List.of(POLICY_NAME)),
            Map.entry("conditionName", List.of(CONDITION_NAME)),
            Map.entry("summary", List.of(SUMMARY)),
            Map.entry("documentationSubject", List.of(DOCUMENTATION_SUBJECT)),
            Map.entry("documentationContent", List.of(DOCUMENTATION_CONTENT)),
            Map.entry("conditionQuery", List.of(CONDITION_QUERY)),
            Map.entry("names", List.of(POLICY_NAME, CONDITION_NAME, DOCUMENTATION_SUBJECT)),
            Map.entry("anyText", List.of(POLICY_NAME, CONDITION_NAME, DOCUMENTATION_SUBJECT, METRIC_NAME, SUMMARY)));

    /** One-of conditions: YAML key to the input and, for enums, the allowed spellings (upper case). */
    static final Map<String, ChoiceInput> CHOICE_CONDITIONS = inOrder(
            Map.entry("resourceTypes", new ChoiceInput("resource type", a -> a.resource().type(), Set.of())),
            Map.entry("conditionKinds", new ChoiceInput("condition kind", a -> a.conditionKind().name(),
                    names(ConditionKind.values()))),
            Map.entry("sourceSeverities", new ChoiceInput("policy severity", a -> a.sourceSeverity().name(),
                    names(SourceSeverity.values()))));

    /** Label conditions: YAML key to the label map. */
    static final Map<String, LabelInput> LABEL_CONDITIONS = inOrder(
            Map.entry("policyLabels", new LabelInput("policy label", Alert::policyUserLabels)),
            Map.entry("metricLabels", new LabelInput("metric label", a -> a.metric().labels())),
            Map.entry("resourceLabels", new LabelInput("resource label", a -> a.resource().labels())));

    static final String OBSERVED_VALUE = "observedValue";
    static final String ANY_OF = "anyOf";
    static final String NOT = "not";

    /** Reason placeholders with a fixed name. */
    static final Map<String, Function<Alert, String>> PLACEHOLDERS = Map.ofEntries(
            Map.entry("sourceSeverity", a -> displayName(a.sourceSeverity())),
            Map.entry("severityRaw", Alert::severityRaw),
            Map.entry("resourceType", a -> a.resource().type()),
            Map.entry("resourceTypeDisplayName", a -> a.resource().typeDisplayName()),
            Map.entry("resourceDisplayName", a -> a.resource().displayName()),
            Map.entry("metricType", a -> a.metric().type()),
            Map.entry("metricDisplayName", a -> a.metric().displayName()),
            Map.entry("policyName", Alert::policyName),
            Map.entry("conditionName", Alert::conditionName),
            Map.entry("conditionKind", a -> a.conditionKind().name()),
            Map.entry("summary", Alert::summary),
            Map.entry("observedValue", Alert::observedValue),
            Map.entry("thresholdValue", Alert::thresholdValue),
            Map.entry("projectId", Alert::projectId));

    /** Placeholder prefixes that read one label, e.g. {@code label.severity}; no prefix is a prefix of another. */
    static final Map<String, Function<Alert, Map<String, String>>> LABEL_PLACEHOLDERS = Map.of(
            "label.", Alert::policyUserLabels,
            "resource.label.", a -> a.resource().labels(),
            "metric.label.", a -> a.metric().labels());

    private AlertInputs() {
    }

    /** Every key a match block may use, for error messages. */
    static List<String> matchKeys() {
        List<String> keys = new ArrayList<>(TEXT_CONDITIONS.keySet());
        keys.addAll(CHOICE_CONDITIONS.keySet());
        keys.addAll(LABEL_CONDITIONS.keySet());
        keys.add(OBSERVED_VALUE);
        keys.add(ANY_OF);
        keys.add(NOT);
        return keys;
    }

    /** "Critical", "Error", "Warning" or "unspecified": how the policy severity reads in a sentence. */
    static String displayName(SourceSeverity severity) {
        if (severity == SourceSeverity.UNSPECIFIED) {
            return "unspecified";
        }
        String lower = severity.name().toLowerCase(Locale.ROOT);
        return Character.toUpperCase(lower.charAt(0)) + lower.substring(1);
    }

    private static Set<String> names(Enum<?>[] values) {
        Set<String> names = new LinkedHashSet<>();
        for (Enum<?> value : values) {
            names.add(value.name());
        }
        return Set.copyOf(names);
    }

    @SafeVarargs
    private static <V> Map<String, V> inOrder(Map.Entry<String, V>... entries) {
        Map<String, V> map = new LinkedHashMap<>();
        for (Map.Entry<String, V> entry : entries) {
            map.put(entry.getKey(), entry.getValue());
        }
        return Collections.unmodifiableMap(map);
    }
}
