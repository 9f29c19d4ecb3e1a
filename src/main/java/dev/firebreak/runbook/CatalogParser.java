package dev.firebreak.runbook;

import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.EnumMap;
import java.util.HashSet;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;

import dev.firebreak.incident.workflow.ResponseStep;

/**
 * Reads and validates a diagnostics catalog YAML document into rules.
 */
final class CatalogParser {
    static final int FORMAT_VERSION = 1;
    private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory())
            .enable(JsonParser.Feature.STRICT_DUPLICATE_DETECTION);
    private static final Pattern RULE_ID = Pattern.compile("[a-z0-9][a-z0-9._-]{0,63}");
    private static final Set<String> TOP_KEYS = Set.of("version", "rules");
    private static final Set<String> RULE_KEYS = Set.of("id", "description", "extends", "fallback", "match", "steps");

    private CatalogParser() {
    }

    static List<DiagnosticRule> parse(InputStream yaml, String source) {
        CatalogNodes file = new CatalogNodes(source);
        JsonNode root;
        try {
            root = YAML.readTree(yaml);
        } catch (IOException e) {
            throw new DiagnosticCatalogException(source + ": not valid YAML: " + e.getMessage(), e);
        }
        if (root == null || root.isMissingNode() || root.isNull()) {
            throw file.error("the file is empty; expected a 'rules' list");
        }
        if (!root.isObject()) {
            throw file.error("expected a mapping with a 'rules' list at the top");
        }
        file.allowOnly(root, TOP_KEYS);
        JsonNode version = root.get("version");
        if (version != null && !(version.isInt() && version.intValue() == FORMAT_VERSION)) {
            throw file.error("unsupported version " + version + "; this Firebreak reads version " + FORMAT_VERSION);
        }
        JsonNode rules = root.get("rules");
        if (rules == null || !rules.isArray()) {
            throw file.error("expected a 'rules' list");
        }
        List<DiagnosticRule> parsed = new ArrayList<>();
        Set<String> ids = new HashSet<>();
        for (int i = 0; i < rules.size(); i++) {
            DiagnosticRule rule = rule(rules.get(i), file.at("rules[" + i + "]"), file);
            CatalogNodes at = file.at("rule '" + rule.id() + "'");
            if (!ids.add(rule.id())) {
                throw at.error("duplicate id");
            }
            if (!parsed.isEmpty() && parsed.get(parsed.size() - 1).fallback()) {
                throw at.error("comes after the fallback rule, which must be last");
            }
            parsed.add(rule);
        }
        return parsed;
    }

    private static DiagnosticRule rule(JsonNode node, CatalogNodes indexed, CatalogNodes file) {
        if (node == null || !node.isObject()) {
            throw indexed.error("expected a mapping");
        }
        JsonNode idNode = node.get("id");
        if (idNode == null || !idNode.isTextual() || !RULE_ID.matcher(idNode.asText()).matches()) {
            throw indexed.error("'id' is required: lower-case letters, digits, '.', '_' or '-', at most 64 characters");
        }
        String id = idNode.asText();
        CatalogNodes at = file.at("rule '" + id + "'");
        at.allowOnly(node, RULE_KEYS);
        boolean fallback = at.optionalBoolean(node, "fallback");
        String description = at.optionalText(node, "description");
        String extendsId = at.optionalText(node, "extends");
        AlertMatch match = node.has("match") ? new MatchParser(at.at("match")).match(node.get("match")) : AlertMatch.ANY;
        Map<ResponseStep, List<CommandTemplate>> steps = steps(node.get("steps"), at);
        if (fallback) {
            checkFallback(node, at, steps);
        } else {
            if (match.isEmpty()) {
                throw at.error("'match' needs at least one condition (only the fallback rule matches everything)");
            }
            if (id.equals(extendsId)) {
                throw at.error("extends itself");
            }
        }
        return new DiagnosticRule(id, description, match, extendsId, fallback, steps);
    }

    private static void checkFallback(JsonNode node, CatalogNodes at, Map<ResponseStep, List<CommandTemplate>> steps) {
        if (node.has("match") || node.has("extends")) {
            throw at.error("the fallback rule takes neither 'match' nor 'extends'");
        }
        for (ResponseStep step : ResponseStep.values()) {
            List<CommandTemplate> commands = steps.getOrDefault(step, List.of());
            if (commands.isEmpty()) {
                throw at.error("the fallback rule needs commands for every step; missing " + step.wireName());
            }
            if (commands.stream().anyMatch(command -> !command.requires().isEmpty())) {
                throw at.error("fallback commands in " + step.wireName() + " cannot use 'requires'; they must always apply");
            }
        }
    }

    private static Map<ResponseStep, List<CommandTemplate>> steps(JsonNode node, CatalogNodes at) {
        if (node == null || !node.isObject() || node.isEmpty()) {
            throw at.error("'steps' must map at least one step to a list of commands");
        }
        Map<ResponseStep, List<CommandTemplate>> steps = new EnumMap<>(ResponseStep.class);
        Iterator<Map.Entry<String, JsonNode>> fields = node.fields();
        while (fields.hasNext()) {
            Map.Entry<String, JsonNode> field = fields.next();
            ResponseStep step = ResponseStep.fromWire(field.getKey())
                    .orElseThrow(() -> at.error("unknown step '" + field.getKey() + "'; expected one of "
                            + Arrays.stream(ResponseStep.values()).map(ResponseStep::wireName).toList()));
            if (steps.containsKey(step)) {
                throw at.error("step " + step.wireName() + " is given twice");
            }
            JsonNode list = field.getValue();
            if (list == null || !list.isArray() || list.isEmpty()) {
                throw at.error("step " + step.wireName() + " must be a non-empty list of commands");
            }
            CommandParser commandParser = new CommandParser(at.at(step.wireName()), step);
            List<CommandTemplate> commands = new ArrayList<>();
            for (int i = 0; i < list.size(); i++) {
                commands.add(commandParser.command(list.get(i), i));
            }
            steps.put(step, commands);
        }
        return steps;
    }
}
