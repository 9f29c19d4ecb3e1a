package dev.firebreak.classify;

import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;
import java.util.regex.Pattern;

import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;

import dev.firebreak.alert.Severity;

/**
 * Reads a classification catalog from YAML and validates every rule, failing with the source, the rule id and what
 * is wrong.
 */
final class CatalogParser {
    private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory())
            .enable(JsonParser.Feature.STRICT_DUPLICATE_DETECTION);
    private static final List<String> TOP_LEVEL_KEYS = List.of("version", "defaultSeverity", "rules");
    private static final List<String> RULE_KEYS = List.of("id", "description", "severity", "reason", "match");
    private static final Pattern RULE_ID = Pattern.compile("[a-z0-9][a-z0-9._-]{0,79}");
    private static final Pattern SEVERITY_PREFIX = Pattern.compile("(?i)^\\s*(critical|warning|info)\\s*:");
    private static final int SUPPORTED_VERSION = 1;

    private final String source;

    CatalogParser(String source) {
        this.source = source;
    }

    ClassificationCatalog parse(InputStream in) {
        JsonNode root = readYaml(in);
        if (root == null || root.isMissingNode() || root.isNull()) {
            throw fail("the catalog is empty; expected a mapping with a 'rules' list");
        }
        if (!root.isObject()) {
            throw fail("the top level must be a mapping with a 'rules' list, found " + YamlNodes.kind(root));
        }
        YamlNodes.requireKnownKeys(root, TOP_LEVEL_KEYS, key -> fail("unknown top-level key '" + key
                + "'; known keys: " + TOP_LEVEL_KEYS));
        checkVersion(root.get("version"));
        JsonNode defaultNode = root.get("defaultSeverity");
        Severity defaultSeverity = defaultNode == null ? Severity.WARNING : defaultSeverity(defaultNode);
        JsonNode rulesNode = root.get("rules");
        if (rulesNode == null || rulesNode.isNull()) {
            throw fail("'rules' is missing; list the rules (an empty list [] is allowed)");
        }
        if (!rulesNode.isArray()) {
            throw fail("'rules' must be a list, found " + YamlNodes.kind(rulesNode));
        }
        List<ClassificationRule> rules = new ArrayList<>();
        Map<String, Integer> positionById = new HashMap<>();
        for (int i = 0; i < rulesNode.size(); i++) {
            ClassificationRule rule = parseRule(rulesNode.get(i), i + 1);
            Integer earlier = positionById.putIfAbsent(rule.id(), i + 1);
            if (earlier != null) {
                throw fail("rule '" + rule.id() + "' (#" + (i + 1) + "): duplicate id, already used by rule #"
                        + earlier);
            }
            rules.add(rule);
        }
        return new ClassificationCatalog(source, rules, defaultSeverity, defaultNode != null);
    }

    private JsonNode readYaml(InputStream in) {
        try {
            return YAML.readTree(in);
        } catch (JsonProcessingException e) {
            JsonLocation location = e.getLocation();
            String where = location == null
                    ? ""
                    : " (line " + location.getLineNr() + ", column "
                            + location.getColumnNr() + ")";
            throw new ClassificationCatalogException(source + ": not valid YAML" + where + ": "
                    + Texts.oneLine(e.getOriginalMessage()), e);
        } catch (IOException e) {
            throw new ClassificationCatalogException(source + ": cannot read classification catalog: " + e, e);
        }
    }

    private void checkVersion(JsonNode version) {
        if (version != null && !version.asText().trim().equals(String.valueOf(SUPPORTED_VERSION))) {
            throw fail("unsupported version '" + version.asText() + "'; this Firebreak reads version "
                    + SUPPORTED_VERSION);
        }
    }

    private Severity defaultSeverity(JsonNode node) {
        Severity severity = severity(node, () -> fail("defaultSeverity must be warning or critical, found '"
                + node.asText() + "'"));
        if (severity == Severity.INFO) {
            throw fail("defaultSeverity must be warning or critical: an alert no rule recognizes must never be "
                    + "silently downgraded to info");
        }
        return severity;
    }

    private ClassificationRule parseRule(JsonNode node, int position) {
        String at = "rule #" + position;
        if (!node.isObject()) {
            throw fail(at + ": must be a mapping with id, severity, reason and match, found " + YamlNodes.kind(node));
        }
        JsonNode idNode = node.get("id");
        if (idNode == null || !idNode.isTextual() || idNode.asText().isBlank()) {
            throw fail(at + ": 'id' is missing or not text");
        }
        String id = idNode.asText();
        if (!RULE_ID.matcher(id).matches()) {
            throw fail(at + ": id '" + id + "' must be 1-80 characters of a-z, 0-9, '.', '_' or '-', "
                    + "starting with a letter or digit");
        }
        String where = "rule '" + id + "' (#" + position + ")";
        YamlNodes.requireKnownKeys(node, RULE_KEYS, key -> fail(where + ": unknown key '" + key + "'; known keys: "
                + RULE_KEYS));
        JsonNode severityNode = required(node, "severity", where);
        Severity severity = severity(severityNode, () -> fail(where + ": severity must be critical, warning or "
                + "info, found '" + severityNode.asText() + "'"));
        ReasonTemplate reason = reason(required(node, "reason", where), where);
        JsonNode descriptionNode = node.get("description");
        if (descriptionNode != null && !descriptionNode.isNull() && !descriptionNode.isValueNode()) {
            throw fail(where + ": description must be text");
        }
        String description = descriptionNode == null || descriptionNode.isNull() ? "" : descriptionNode.asText();
        RuleMatch match = new MatchParser(source + ": " + where).parse(required(node, "match", where), "match");
        return new ClassificationRule(id, description, match, severity, reason);
    }

    private ReasonTemplate reason(JsonNode node, String where) {
        if (!node.isTextual() || node.asText().isBlank()) {
            throw fail(where + ": reason must be non-empty text");
        }
        String text = node.asText();
        if (SEVERITY_PREFIX.matcher(text).find()) {
            throw fail(where + ": reason must not start with a severity; '<severity>: ' is prefixed automatically");
        }
        try {
            return ReasonTemplate.parse(text);
        } catch (IllegalArgumentException e) {
            throw fail(where + ": reason: " + e.getMessage());
        }
    }

    private JsonNode required(JsonNode node, String key, String where) {
        JsonNode value = node.get(key);
        if (value == null || value.isNull()) {
            throw fail(where + ": '" + key + "' is missing");
        }
        return value;
    }

    private static Severity severity(JsonNode node, Supplier<RuntimeException> error) {
        if (!node.isTextual()) {
            throw error.get();
        }
        return Severity.fromWire(node.asText()).orElseThrow(error);
    }

    private ClassificationCatalogException fail(String message) {
        return new ClassificationCatalogException(source + ": " + message);
    }
}
