package dev.firebreak.ingest.gcm;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Map;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * Type-lenient readers for notification fields: a field may be a string, a number, null, the text "null", or missing.
 */
final class Json {
    static final int MAX_NAME = 1024;
    static final int MAX_TEXT = 8192;
    static final int MAX_LABELS = 64;
    /** Year 9999: anything later is not a real epoch-seconds timestamp. */
    private static final long MAX_EPOCH_SECONDS = 253_402_300_799L;

    private Json() {
    }

    /** Text of a scalar field; numbers and booleans as their text; null for missing, null, "null" or containers. */
    static String text(JsonNode parent, String field) {
        JsonNode node = parent == null ? null : parent.get(field);
        if (node == null || node.isNull() || node.isContainerNode()) {
            return null;
        }
        String value = node.isNumber()
                ? node.numberValue() instanceof BigDecimal bd ? bd.toPlainString() : node.asText()
                : node.asText();
        return "null".equals(value) && node.isTextual() ? null : value;
    }

    /** Text capped to {@code max} characters. */
    static String text(JsonNode parent, String field, int max) {
        return cap(text(parent, field), max);
    }

    static String cap(String value, int max) {
        if (value == null || value.length() <= max) {
            return value;
        }
        int end = max - 1;
        if (Character.isHighSurrogate(value.charAt(end - 1))) {
            end--; // never split a surrogate pair: a lone half is not valid UTF-16 and breaks UTF-8 encoding
        }
        return value.substring(0, end) + "…";
    }

    /** Blank strings become null. */
    static String nonBlank(String value) {
        return value == null || value.isBlank() ? null : value;
    }

    static JsonNode object(JsonNode parent, String field) {
        JsonNode node = parent == null ? null : parent.get(field);
        return node != null && node.isObject() ? node : null;
    }

    /** A string map from an object of scalars; non-string values are stringified, nested containers as JSON text. */
    static Map<String, String> labels(JsonNode parent, String field) {
        JsonNode node = object(parent, field);
        if (node == null) {
            return Map.of();
        }
        Map<String, String> labels = new LinkedHashMap<>();
        Iterator<Map.Entry<String, JsonNode>> fields = node.fields();
        while (fields.hasNext() && labels.size() < MAX_LABELS) {
            Map.Entry<String, JsonNode> entry = fields.next();
            JsonNode value = entry.getValue();
            if (value == null || value.isNull()) {
                continue;
            }
            String text = value.isValueNode() ? value.asText() : value.toString();
            labels.put(cap(entry.getKey(), MAX_NAME), cap(text, MAX_NAME));
        }
        return labels;
    }

    /** Epoch seconds (number or numeric string) or an RFC 3339 string; zero, null, "null" and nonsense give null. */
    static Instant epochSeconds(JsonNode parent, String field) {
        return epochSeconds(parent == null ? null : parent.get(field));
    }

    static Instant epochSeconds(JsonNode node) {
        if (node == null || node.isNull() || node.isContainerNode()) {
            return null;
        }
        if (node.isNumber()) {
            return fromSeconds(node.canConvertToLong() ? node.asLong() : 0);
        }
        String text = node.asText().trim();
        if (text.isEmpty() || "null".equalsIgnoreCase(text)) {
            return null;
        }
        try {
            return fromSeconds(new BigDecimal(text).longValue());
        } catch (NumberFormatException e) {
            try {
                return Instant.parse(text);
            } catch (DateTimeParseException notIso) {
                return null;
            }
        }
    }

    private static Instant fromSeconds(long seconds) {
        return seconds <= 0 || seconds > MAX_EPOCH_SECONDS ? null : Instant.ofEpochSecond(seconds);
    }

    /** A 64-bit integer from a number or numeric string, else null. */
    static Long int64(JsonNode parent, String field) {
        JsonNode node = parent == null ? null : parent.get(field);
        if (node == null || node.isNull()) {
            return null;
        }
        if (node.isIntegralNumber() && node.canConvertToLong()) {
            return node.asLong();
        }
        if (node.isTextual()) {
            try {
                return Long.parseLong(node.asText().trim());
            } catch (NumberFormatException e) {
                return null;
            }
        }
        return null;
    }
}
