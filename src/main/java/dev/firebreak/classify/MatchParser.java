package dev.firebreak.classify;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;

import com.fasterxml.jackson.databind.JsonNode;

import dev.firebreak.classify.AlertInputs.ChoiceInput;
import dev.firebreak.classify.AlertInputs.LabelInput;
import dev.firebreak.classify.AlertInputs.TextInput;
import dev.firebreak.classify.MatchCondition.Comparison;

/**
 * Turns a rule's {@code match} mapping into a {@link RuleMatch}, validating every condition.
 */
final class MatchParser {
    /** Regexes ignore case, treat Unicode case properly and let {@code .} cross lines of multi-line filters. */
    static final int REGEX_FLAGS = Pattern.CASE_INSENSITIVE | Pattern.UNICODE_CASE | Pattern.DOTALL;
    private static final Pattern COMPARISON = Pattern.compile("\\s*(<=|>=|!=|==|=|<|>)?\\s*([-+]?[0-9.eE+-]+)\\s*");
    private static final String ANY_VALUE = "*";

    private final String where;

    MatchParser(String where) {
        this.where = where;
    }

    RuleMatch parse(JsonNode node, String path) {
        if (!node.isObject()) {
            throw fail(path, "must be a mapping of conditions, found " + YamlNodes.kind(node));
        }
        if (node.isEmpty()) {
            throw fail(path, "lists no conditions; a rule matching everything would hide all later rules "
                    + "(set defaultSeverity instead)");
        }
        List<String> keys = new ArrayList<>();
        List<MatchCondition> conditions = new ArrayList<>();
        Iterator<Map.Entry<String, JsonNode>> fields = node.fields();
        while (fields.hasNext()) {
            Map.Entry<String, JsonNode> field = fields.next();
            keys.add(field.getKey());
            conditions.add(condition(field.getKey(), field.getValue(), path + "." + field.getKey()));
        }
        return new RuleMatch(keys, conditions);
    }

    private MatchCondition condition(String key, JsonNode value, String path) {
        List<TextInput> textInputs = AlertInputs.TEXT_CONDITIONS.get(key);
        if (textInputs != null) {
            return new MatchCondition.TextMatch(key, textInputs, regex(value, path));
        }
        ChoiceInput choice = AlertInputs.CHOICE_CONDITIONS.get(key);
        if (choice != null) {
            return new MatchCondition.ChoiceMatch(key, choice, choices(choice, value, path));
        }
        LabelInput labels = AlertInputs.LABEL_CONDITIONS.get(key);
        if (labels != null) {
            return new MatchCondition.LabelMatch(key, labels, labelValues(value, path));
        }
        return switch (key) {
            case AlertInputs.OBSERVED_VALUE -> observedValue(value, path);
            case AlertInputs.ANY_OF -> anyOf(value, path);
            case AlertInputs.NOT -> new MatchCondition.Not(parse(value, path));
            default -> throw fail(path, "unknown condition '" + key + "'; known conditions: "
                    + AlertInputs.matchKeys());
        };
    }

    private Pattern regex(JsonNode value, String path) {
        if (!value.isValueNode() || value.isNull() || value.asText().isEmpty()) {
            throw fail(path, "must be a non-empty regular expression, found " + YamlNodes.kind(value));
        }
        try {
            return Pattern.compile(value.asText(), REGEX_FLAGS);
        } catch (PatternSyntaxException e) {
            throw fail(path, "invalid regular expression '" + value.asText() + "': " + e.getDescription()
                    + " near index " + e.getIndex());
        }
    }

    private Set<String> choices(ChoiceInput input, JsonNode value, String path) {
        List<String> values = YamlNodes.scalars(value)
                .orElseThrow(() -> fail(path, "must be a value or a list of non-empty values"));
        Set<String> lowerCase = new LinkedHashSet<>();
        for (String v : values) {
            String trimmed = v.trim();
            if (!input.allowed().isEmpty() && !input.allowed().contains(trimmed.toUpperCase(Locale.ROOT))) {
                throw fail(path, "unknown value '" + v + "'; allowed: " + input.allowed().stream().sorted().toList());
            }
            lowerCase.add(trimmed.toLowerCase(Locale.ROOT));
        }
        return Set.copyOf(lowerCase);
    }

    private Map<String, Set<String>> labelValues(JsonNode value, String path) {
        if (!value.isObject() || value.isEmpty()) {
            throw fail(path, "must be a mapping of label key to allowed value(s) or '*', found "
                    + YamlNodes.kind(value));
        }
        Map<String, Set<String>> allowed = new LinkedHashMap<>();
        Iterator<Map.Entry<String, JsonNode>> labels = value.fields();
        while (labels.hasNext()) {
            Map.Entry<String, JsonNode> label = labels.next();
            String labelPath = path + "." + label.getKey();
            List<String> values = YamlNodes.scalars(label.getValue())
                    .orElseThrow(() -> fail(labelPath, "must be a value, a list of non-empty values, or '*'"));
            Set<String> lowerCase = new LinkedHashSet<>();
            for (String v : values) {
                if (v.trim().equals(ANY_VALUE)) {
                    lowerCase.clear();
                    break;
                }
                lowerCase.add(v.trim().toLowerCase(Locale.ROOT));
            }
            allowed.put(label.getKey(), Set.copyOf(lowerCase));
        }
        return allowed;
    }

    private MatchCondition observedValue(JsonNode value, String path) {
        if (!value.isValueNode() || value.isNull()) {
            throw fail(path, "must be a comparison like '== 0' or '>= 100', found " + YamlNodes.kind(value));
        }
        Matcher matcher = COMPARISON.matcher(value.asText());
        BigDecimal operand = null;
        if (matcher.matches()) {
            try {
                operand = new BigDecimal(matcher.group(2));
            } catch (NumberFormatException e) {
                operand = null;
            }
        }
        if (operand == null) {
            throw fail(path, "'" + value.asText() + "' is not a comparison like '== 0', '< 1' or '>= 100' "
                    + "(operators: == != < <= > >=)");
        }
        String symbol = matcher.group(1) == null || matcher.group(1).equals("=") ? "==" : matcher.group(1);
        for (Comparison comparison : Comparison.values()) {
            if (comparison.symbol.equals(symbol)) {
                return new MatchCondition.ObservedValueMatch(comparison, operand);
            }
        }
        throw new IllegalStateException("operator not mapped: " + symbol);
    }

    private MatchCondition anyOf(JsonNode value, String path) {
        if (!value.isArray() || value.isEmpty()) {
            throw fail(path, "must be a non-empty list of condition mappings, found " + YamlNodes.kind(value));
        }
        List<RuleMatch> alternatives = new ArrayList<>();
        for (int i = 0; i < value.size(); i++) {
            alternatives.add(parse(value.get(i), path + "[" + i + "]"));
        }
        return new MatchCondition.AnyOf(List.copyOf(alternatives));
    }

    private ClassificationCatalogException fail(String path, String message) {
        return new ClassificationCatalogException(where + ": " + path + ": " + message);
    }
}
