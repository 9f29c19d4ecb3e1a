package dev.firebreak.ingest.gcm;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.function.Consumer;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;

import dev.firebreak.alert.Alert;
import dev.firebreak.ingest.BoundedJson;

/**
 * Loads Cloud Monitoring payload fixtures and builds variants of them for parser tests.
 */
final class GcmFixtures {
    /** Marks a field that a test row wants removed instead of set. */
    static final String ABSENT = "<absent>";
    /** The real 1.2 sample the edge-case rows start from. */
    static final String BASE_SAMPLE = "cm-1.2-gce-netbytes-open-sev-critical.json";

    private static final ObjectMapper PLAIN = new ObjectMapper();
    static final GcmNotificationParser PARSER = new GcmNotificationParser(BoundedJson.mapper());

    private GcmFixtures() {
    }

    static byte[] bytes(String fileName) {
        String path = "/payloads/gcm/" + fileName;
        try (InputStream in = GcmFixtures.class.getResourceAsStream(path)) {
            assertThat(in).as("fixture %s", path).isNotNull();
            return in.readAllBytes();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static ObjectNode tree(String fileName) {
        try {
            return (ObjectNode) PLAIN.readTree(bytes(fileName));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The smallest notification the parser accepts, to add fields to. */
    static ObjectNode minimal() {
        return (ObjectNode) json("{\"incident\":{\"incident_id\":\"0.min\",\"state\":\"open\"},\"version\":\"1.2\"}");
    }

    static JsonNode json(String text) {
        try {
            return PLAIN.readTree(text);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static ObjectNode incident(ObjectNode root) {
        return (ObjectNode) root.get("incident");
    }

    /** Sets {@code field} of {@code node} to the JSON literal, or removes it when the literal is {@link #ABSENT}. */
    static void put(ObjectNode node, String field, String jsonLiteral) {
        if (ABSENT.equals(jsonLiteral)) {
            node.remove(field);
        } else {
            node.set(field, json(jsonLiteral));
        }
    }

    /** The base sample with one incident field set to a JSON literal (or removed). */
    static byte[] baseWithIncidentField(String field, String jsonLiteral) {
        return baseWith(root -> put(incident(root), field, jsonLiteral));
    }

    static byte[] baseWith(Consumer<ObjectNode> change) {
        ObjectNode root = tree(BASE_SAMPLE);
        change.accept(root);
        return serialize(root);
    }

    /** The minimal notification with the given incident fields (a JSON object literal) merged in. */
    static byte[] minimalWith(String incidentFieldsJson) {
        ObjectNode root = minimal();
        incident(root).setAll((ObjectNode) json(incidentFieldsJson));
        return serialize(root);
    }

    static byte[] serialize(JsonNode node) {
        try {
            return PLAIN.writeValueAsBytes(node);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** A string map from a JSON object literal, for comparing label maps. */
    static Map<String, String> stringMap(String jsonObject) {
        return PLAIN.convertValue(json(jsonObject), new TypeReference<Map<String, String>>() {
        });
    }

    static byte[] utf8(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }

    static GcmParseResult.Parsed parsed(byte[] data) {
        GcmParseResult result = PARSER.parse(data);
        assertThat(result).isInstanceOf(GcmParseResult.Parsed.class);
        return (GcmParseResult.Parsed) result;
    }

    static Alert alert(byte[] data) {
        return parsed(data).alert();
    }
}
