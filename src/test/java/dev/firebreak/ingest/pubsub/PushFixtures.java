package dev.firebreak.ingest.pubsub;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;

import dev.firebreak.ingest.InboundMessage;

/**
 * Push request fixtures: the captured samples, and envelopes built field by field.
 */
final class PushFixtures {
    static final ObjectMapper PLAIN = new ObjectMapper();
    /** A small notification, the usual message data. */
    static final String NOTIFICATION = "{\"incident\":{\"incident_id\":\"0.abc\",\"state\":\"open\"},\"version\":\"1.2\"}";

    private PushFixtures() {
    }

    static byte[] resource(String fileName) {
        String path = "/payloads/pubsub/" + fileName;
        try (InputStream in = PushFixtures.class.getResourceAsStream(path)) {
            assertThat(in).as("fixture %s", path).isNotNull();
            return in.readAllBytes();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static JsonNode tree(String fileName) {
        return json(new String(resource(fileName), StandardCharsets.UTF_8));
    }

    static JsonNode json(String text) {
        try {
            return PLAIN.readTree(text);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static byte[] utf8(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }

    /** The headers of a captured request, names lower-cased as the push resource passes them. */
    static Map<String, String> lowerCaseHeaders(JsonNode headers) {
        Map<String, String> lower = new LinkedHashMap<>();
        headers.fields().forEachRemaining(h -> lower.put(h.getKey().toLowerCase(Locale.ROOT), h.getValue().asText()));
        return lower;
    }

    /** A wrapped envelope with a subscription and an empty message object to fill in. */
    static ObjectNode envelope() {
        ObjectNode root = PLAIN.createObjectNode();
        root.putObject("message");
        root.put("subscription", "projects/p/subscriptions/firebreak-push");
        return root;
    }

    static ObjectNode message(ObjectNode envelope) {
        return (ObjectNode) envelope.get("message");
    }

    static byte[] bytes(JsonNode node) {
        return utf8(node.toString());
    }

    static InboundMessage parsedMessage(PushEnvelopeParser.Result result) {
        assertThat(result).isInstanceOf(PushEnvelopeParser.Parsed.class);
        return ((PushEnvelopeParser.Parsed) result).message();
    }

    static PushEnvelopeParser.Unusable unusable(PushEnvelopeParser.Result result) {
        assertThat(result).isInstanceOf(PushEnvelopeParser.Unusable.class);
        return (PushEnvelopeParser.Unusable) result;
    }
}
