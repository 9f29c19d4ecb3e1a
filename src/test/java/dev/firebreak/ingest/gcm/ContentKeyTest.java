package dev.firebreak.ingest.gcm;

import static dev.firebreak.ingest.gcm.GcmFixtures.baseWith;
import static dev.firebreak.ingest.gcm.GcmFixtures.bytes;
import static dev.firebreak.ingest.gcm.GcmFixtures.incident;
import static dev.firebreak.ingest.gcm.GcmFixtures.json;
import static dev.firebreak.ingest.gcm.GcmFixtures.parsed;
import static dev.firebreak.ingest.gcm.GcmFixtures.utf8;
import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.params.provider.Arguments.arguments;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.function.Consumer;
import java.util.stream.Stream;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * The content key identifies a notification by its JSON content: re-encodings match, real changes do not.
 */
class ContentKeyTest {
    private static final ObjectMapper PRETTY = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"cm-1.2-gce-cpu-closed-google-docs-example.json", "cm-1.2-gce-netbytes-open-sev-critical.json",
            "cm-test-notification-version-test.cloudforet.json", "cm-1.3-unknown-version-extra-keys.json"})
    void reorderedKeysAndChangedWhitespaceGiveTheSameKey(String file) throws Exception {
        byte[] original = bytes(file);
        JsonNode tree = json(new String(original, StandardCharsets.UTF_8));
        byte[] reversedCompact = utf8(reversed(tree).toString());
        byte[] reversedPretty = PRETTY.writeValueAsBytes(reversed(tree));

        String key = parsed(original).contentKey();

        assertThat(parsed(reversedCompact).contentKey()).isEqualTo(key);
        assertThat(parsed(reversedPretty).contentKey()).isEqualTo(key);
        assertThat(reversedCompact).isNotEqualTo(original);
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"{\"incident\":{\"incident_id\":\"0.x\",\"policy_name\":\"\\u91cd\\u542fGce\",\"state\":\"open\"}}",
            "\uFEFF{\"incident\":{\"incident_id\":\"0.x\",\"policy_name\":\"重启Gce\",\"state\":\"open\"}}",
            "  {\"incident\" : { \"state\" : \"open\" ,\n\t\"policy_name\":\"重启Gce\", \"incident_id\":\"0.x\" } }  "})
    void escapesBomAndWhitespaceDoNotChangeTheKey(String variant) {
        String reference = "{\"incident\":{\"incident_id\":\"0.x\",\"policy_name\":\"重启Gce\",\"state\":\"open\"}}";

        assertThat(parsed(utf8(variant)).contentKey()).isEqualTo(parsed(utf8(reference)).contentKey());
    }

    static Stream<Arguments> changes() {
        return Stream.of(
                arguments("state closed", (Consumer<ObjectNode>) r -> incident(r).put("state", "closed")),
                arguments("ended_at set", (Consumer<ObjectNode>) r -> incident(r).put("ended_at", 1756300000L)),
                arguments("observed value", (Consumer<ObjectNode>) r -> incident(r).put("observed_value", "5072.021")),
                arguments("nested resource label",
                        (Consumer<ObjectNode>) r -> ((ObjectNode) incident(r).get("resource").get("labels"))
                                .put("zone", "asia-southeast1-b")),
                arguments("number as string",
                        (Consumer<ObjectNode>) r -> incident(r).put("started_at", "1756293629")),
                arguments("renamed key",
                        (Consumer<ObjectNode>) r -> incident(r).set("summary_", incident(r).remove("summary"))),
                arguments("extra key", (Consumer<ObjectNode>) r -> r.put("handler", "relay")),
                arguments("array order", (Consumer<ObjectNode>) r -> {
                    ArrayNode links = ((ObjectNode) incident(r).get("documentation")).putArray("links");
                    links.addObject().put("url", "https://a");
                    links.addObject().put("url", "https://b");
                }));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("changes")
    void changedContentGivesADifferentKey(String name, Consumer<ObjectNode> change) {
        String base = parsed(baseWith(ContentKeyTest::addTwoLinks)).contentKey();
        String changed = parsed(baseWith(root -> {
            addTwoLinks(root);
            change.accept(root);
        })).contentKey();

        assertThat(changed).isNotEqualTo(base);
    }

    private static void addTwoLinks(ObjectNode root) {
        ArrayNode links = ((ObjectNode) incident(root).get("documentation")).putArray("links");
        links.addObject().put("url", "https://b");
        links.addObject().put("url", "https://a");
    }

    /** A deep copy with every object's keys in reverse order. */
    private static JsonNode reversed(JsonNode node) {
        if (node.isObject()) {
            List<String> names = new ArrayList<>();
            node.fieldNames().forEachRemaining(names::add);
            Collections.reverse(names);
            ObjectNode copy = JsonNodeFactory.instance.objectNode();
            names.forEach(name -> copy.set(name, reversed(node.get(name))));
            return copy;
        }
        if (node.isArray()) {
            ArrayNode copy = JsonNodeFactory.instance.arrayNode();
            node.forEach(element -> copy.add(reversed(element)));
            return copy;
        }
        return node;
    }
}
