package dev.firebreak.runbook;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * Small typed readers for catalog YAML nodes; every failure names where in the catalog it happened.
 *
 * @param where prefix of every error message, e.g. {@code user.yaml: rule 'pods'}
 */
record CatalogNodes(String where) {

    CatalogNodes at(String more) {
        return new CatalogNodes(where + ": " + more);
    }

    DiagnosticCatalogException error(String message) {
        return new DiagnosticCatalogException(where + ": " + message);
    }

    void allowOnly(JsonNode node, Set<String> allowed) {
        node.fieldNames().forEachRemaining(key -> {
            if (!allowed.contains(key)) {
                throw error("unknown key '" + key + "'; allowed: " + allowed.stream().sorted().toList());
            }
        });
    }

    String optionalText(JsonNode node, String key) {
        JsonNode value = node.get(key);
        if (value == null || value.isNull()) {
            return null;
        }
        if (!value.isTextual() || value.asText().isBlank()) {
            throw error("'" + key + "' must be a non-empty string");
        }
        return value.asText();
    }

    boolean optionalBoolean(JsonNode node, String key) {
        JsonNode value = node.get(key);
        if (value == null || value.isNull()) {
            return false;
        }
        if (!value.isBoolean()) {
            throw error("'" + key + "' must be true or false");
        }
        return value.booleanValue();
    }

    /** A list of non-empty strings; a single string counts as a list of one. */
    List<String> stringList(JsonNode node, String key) {
        JsonNode value = node.get(key);
        if (value == null || value.isNull()) {
            return List.of();
        }
        if (value.isTextual() && !value.asText().isBlank()) {
            return List.of(value.asText());
        }
        if (!value.isArray() || value.isEmpty()) {
            throw error("'" + key + "' must be a string or a non-empty list of strings");
        }
        List<String> values = new ArrayList<>();
        for (JsonNode item : value) {
            if (!item.isTextual() || item.asText().isBlank()) {
                throw error("'" + key + "' must contain only non-empty strings, found " + item);
            }
            values.add(item.asText());
        }
        return values;
    }
}
