package dev.firebreak.compat;

import java.util.ArrayList;
import java.util.Collection;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.regex.Pattern;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * What a service answers about every incident at one moment: the list, each incident's detail and timeline, and the
 * quarantine. Two services reading the same data must answer the same; a newer one may only add fields.
 */
record ApiSnapshot(JsonNode list, Map<Long, JsonNode> details, Map<Long, JsonNode> timelines, JsonNode quarantine) {
    private static final Pattern TIMESTAMP = Pattern.compile("\\d{4}-\\d{2}-\\d{2}T\\d{2}:\\d{2}:\\d{2}(\\.\\d+)?Z");

    /** Reads the first page of the list (200 newest), and the detail and timeline of each of them. */
    static ApiSnapshot of(ApiClient api) {
        return of(api, List.of());
    }

    /** The same, plus the detail and timeline of {@code moreIds}. */
    static ApiSnapshot of(ApiClient api, Collection<Long> moreIds) {
        JsonNode list = api.get("/api/v1/incidents?limit=200");
        Set<Long> ids = new TreeSet<>(moreIds);
        list.get("items").forEach(item -> ids.add(item.get("id").asLong()));
        Map<Long, JsonNode> details = new TreeMap<>();
        Map<Long, JsonNode> timelines = new TreeMap<>();
        for (long id : ids) {
            details.put(id, maskRenderTimes(api.incident(id)));
            timelines.put(id, api.timeline(id));
        }
        return new ApiSnapshot(list, details, timelines, api.get("/api/v1/quarantine"));
    }

    /**
     * Diagnostic commands of an alert that still fires end their time window at "now", so two reads differ there:
     * timestamps inside {@code command} strings are replaced by {@code <time>}.
     */
    static JsonNode maskRenderTimes(JsonNode node) {
        if (node.isObject()) {
            ObjectNode object = (ObjectNode) node;
            JsonNode command = object.get("command");
            if (command != null && command.isTextual()) {
                object.put("command", TIMESTAMP.matcher(command.asText()).replaceAll("<time>"));
            }
        }
        node.forEach(ApiSnapshot::maskRenderTimes);
        return node;
    }

    /**
     * Differences where {@code actual} does not contain {@code expected}, ignoring {@code diagnostics} (suggested
     * commands are rendered from the catalog of the code that answers, not read from the database): every field of an expected object must be
     * in the actual one with a value that contains the expected value; arrays must have the same length and contain
     * element by element; other values must be equal. Empty when {@code actual} answers everything {@code expected}
     * did (extra fields allowed).
     */
    static List<String> missingFrom(JsonNode actual, JsonNode expected) {
        List<String> differences = new ArrayList<>();
        compare("$", actual, expected, differences);
        return differences;
    }

    private static void compare(String path, JsonNode actual, JsonNode expected, List<String> differences) {
        if (expected.isObject()) {
            if (actual == null || !actual.isObject()) {
                differences.add(path + ": expected an object, got " + actual);
                return;
            }
            for (Iterator<Map.Entry<String, JsonNode>> fields = expected.fields(); fields.hasNext();) {
                Map.Entry<String, JsonNode> field = fields.next();
                if (field.getKey().equals("diagnostics")) {
                    continue;
                }
                JsonNode value = actual.get(field.getKey());
                if (value == null) {
                    differences.add(path + "." + field.getKey() + ": missing (expected " + field.getValue() + ")");
                } else {
                    compare(path + "." + field.getKey(), value, field.getValue(), differences);
                }
            }
        } else if (expected.isArray()) {
            if (actual == null || !actual.isArray() || actual.size() != expected.size()) {
                differences.add(path + ": expected " + expected.size() + " elements, got " + actual);
                return;
            }
            for (int i = 0; i < expected.size(); i++) {
                compare(path + "[" + i + "]", actual.get(i), expected.get(i), differences);
            }
        } else if (!expected.equals(actual)) {
            differences.add(path + ": expected " + expected + ", got " + actual);
        }
    }
}
