package dev.firebreak.classify;

import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Optional;
import java.util.function.Function;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * Helpers for walking a YAML tree with precise error messages.
 */
final class YamlNodes {
    private YamlNodes() {
    }

    /** A short description of what a node is, for "found …" in messages. */
    static String kind(JsonNode node) {
        if (node == null || node.isNull() || node.isMissingNode()) {
            return "nothing";
        }
        if (node.isObject()) {
            return "a mapping";
        }
        if (node.isArray()) {
            return "a list";
        }
        return "'" + node.asText() + "'";
    }

    /** Throws the error built for the first key of {@code node} not in {@code known}. */
    static void requireKnownKeys(JsonNode node, List<String> known, Function<String, RuntimeException> error) {
        Iterator<String> names = node.fieldNames();
        while (names.hasNext()) {
            String name = names.next();
            if (!known.contains(name)) {
                throw error.apply(name);
            }
        }
    }

    /**
     * The scalar texts of a node that is one scalar or a non-empty list of scalars; empty when the node is neither or
     * holds a blank or null entry.
     */
    static Optional<List<String>> scalars(JsonNode node) {
        List<String> values = new ArrayList<>();
        if (node.isValueNode() && !node.isNull()) {
            values.add(node.asText());
        } else if (node.isArray()) {
            for (JsonNode element : node) {
                if (!element.isValueNode() || element.isNull()) {
                    return Optional.empty();
                }
                values.add(element.asText());
            }
        } else {
            return Optional.empty();
        }
        if (values.isEmpty() || values.stream().anyMatch(String::isBlank)) {
            return Optional.empty();
        }
        return Optional.of(values);
    }
}
