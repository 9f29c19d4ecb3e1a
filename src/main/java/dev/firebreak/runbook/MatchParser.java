package dev.firebreak.runbook;

import java.util.Arrays;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Iterator;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;

import com.fasterxml.jackson.databind.JsonNode;

import dev.firebreak.alert.ConditionKind;

/**
 * Reads the {@code match} block of a catalog rule.
 */
final class MatchParser {
    private static final Set<String> KEYS = Set.of("resourceTypes", "metricType", "name", "summary", "logFilter",
            "conditionKinds", "requiredLabels", "labels", "text");

    private final CatalogNodes at;

    MatchParser(CatalogNodes at) {
        this.at = at;
    }

    AlertMatch match(JsonNode node) {
        if (node == null || !node.isObject()) {
            throw at.error("expected a mapping of conditions");
        }
        at.allowOnly(node, KEYS);
        Set<ConditionKind> kinds = EnumSet.noneOf(ConditionKind.class);
        for (String kind : at.stringList(node, "conditionKinds")) {
            kinds.add(conditionKind(kind));
        }
        return new AlertMatch(
                new HashSet<>(at.stringList(node, "resourceTypes")),
                regex(at.optionalText(node, "metricType"), "metricType"),
                regex(at.optionalText(node, "name"), "name"),
                regex(at.optionalText(node, "summary"), "summary"),
                regex(at.optionalText(node, "logFilter"), "logFilter"),
                kinds,
                at.stringList(node, "requiredLabels"),
                labels(node.get("labels")),
                regex(at.optionalText(node, "text"), "text"));
    }

    private ConditionKind conditionKind(String kind) {
        try {
            return ConditionKind.valueOf(kind.trim().toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw at.error("unknown condition kind '" + kind + "'; expected one of "
                    + Arrays.stream(ConditionKind.values()).map(k -> k.name().toLowerCase(Locale.ROOT)).toList());
        }
    }

    private Map<String, Pattern> labels(JsonNode node) {
        if (node == null || node.isNull()) {
            return Map.of();
        }
        if (!node.isObject() || node.isEmpty()) {
            throw at.error("'labels' must map label keys to regexes");
        }
        Map<String, Pattern> labels = new HashMap<>();
        Iterator<Map.Entry<String, JsonNode>> fields = node.fields();
        while (fields.hasNext()) {
            Map.Entry<String, JsonNode> field = fields.next();
            if (!field.getValue().isTextual()) {
                throw at.error("'labels." + field.getKey() + "' must be a regex string");
            }
            labels.put(field.getKey(), regex(field.getValue().asText(), "labels." + field.getKey()));
        }
        return labels;
    }

    private Pattern regex(String source, String key) {
        if (source == null) {
            return null;
        }
        try {
            return AlertMatch.regex(source);
        } catch (PatternSyntaxException e) {
            throw at.error("'" + key + "' is not a valid regex: " + e.getDescription() + " near index " + e.getIndex());
        }
    }
}
