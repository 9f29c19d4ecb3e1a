package dev.firebreak.ingest.gcm;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.node.TextNode;

/**
 * Content keys already stored must keep matching redeliveries after an upgrade, so the hand-written canonical form has
 * to be byte-for-byte what the original Jackson-based one produced: checked on every sample payload and on random trees
 * full of characters that need escaping.
 */
class ContentKeyCompatibilityTest {
    private static final ObjectMapper MAPPER = new ObjectMapper();

    static Stream<Path> payloads() throws IOException {
        return Files.list(Path.of("src/test/resources/payloads/gcm")).filter(p -> p.toString().endsWith(".json")).sorted();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("payloads")
    void samplePayloadsKeepTheirCanonicalForm(Path payload) throws IOException {
        JsonNode tree = MAPPER.readTree(Files.readAllBytes(payload));
        assertThat(canonical(tree)).isEqualTo(original(tree));
    }

    @Test
    void everyCharacterOfTheBasicPlaneIsQuotedAsJacksonQuotesIt() {
        StringBuilder all = new StringBuilder();
        for (char c = 0; c < Character.MAX_VALUE; c++) {
            all.append(c);
        }
        String text = all.toString();
        StringBuilder quoted = new StringBuilder();
        ContentKey.quote(text, quoted);
        assertThat(quoted.toString()).isEqualTo(TextNode.valueOf(text).toString());
    }

    @Test
    void randomTreesKeepTheirCanonicalForm() {
        Random random = new Random(20261124);
        for (int i = 0; i < 2_000; i++) {
            JsonNode tree = randomObject(random, 0);
            assertThat(canonical(tree)).as("tree %s", tree).isEqualTo(original(tree));
        }
    }

    private static String canonical(JsonNode tree) {
        StringBuilder out = new StringBuilder();
        ContentKey.write(tree, out);
        return out.toString();
    }

    /** The canonical form as first implemented (every key and leaf printed by Jackson). */
    private static String original(JsonNode node) {
        StringBuilder out = new StringBuilder();
        originalWrite(node, out);
        return out.toString();
    }

    private static void originalWrite(JsonNode node, StringBuilder out) {
        if (node.isObject()) {
            List<String> names = new ArrayList<>();
            node.fieldNames().forEachRemaining(names::add);
            names.sort(null);
            out.append('{');
            for (int i = 0; i < names.size(); i++) {
                if (i > 0) {
                    out.append(',');
                }
                out.append(TextNode.valueOf(names.get(i)).toString()).append(':');
                originalWrite(node.get(names.get(i)), out);
            }
            out.append('}');
        } else if (node.isArray()) {
            out.append('[');
            for (int i = 0; i < node.size(); i++) {
                if (i > 0) {
                    out.append(',');
                }
                originalWrite(node.get(i), out);
            }
            out.append(']');
        } else {
            out.append(node.toString());
        }
    }

    private static ObjectNode randomObject(Random random, int depth) {
        ObjectNode object = JsonNodeFactory.instance.objectNode();
        int fields = random.nextInt(6);
        for (int i = 0; i < fields; i++) {
            String name = randomText(random);
            switch (random.nextInt(depth < 3 ? 10 : 8)) {
                case 0 -> object.put(name, random.nextInt());
                case 1 -> object.put(name, random.nextLong());
                case 2 -> object.put(name, random.nextDouble() * Math.pow(10, random.nextInt(40) - 20));
                case 3 -> object.put(name, new BigDecimal(BigInteger.valueOf(random.nextLong()), random.nextInt(30) - 15));
                case 4 -> object.put(name, random.nextBoolean());
                case 5 -> object.putNull(name);
                case 6, 7 -> object.put(name, randomText(random));
                case 8 -> object.set(name, randomObject(random, depth + 1));
                default -> {
                    ArrayNode array = object.putArray(name);
                    for (int j = random.nextInt(4); j > 0; j--) {
                        array.add(
                                random.nextBoolean() ? TextNode.valueOf(randomText(random)) : randomObject(random, depth + 1));
                    }
                }
            }
        }
        return object;
    }

    private static String randomText(Random random) {
        StringBuilder text = new StringBuilder();
        for (int i = random.nextInt(12); i > 0; i--) {
            text.append(switch (random.nextInt(6)) {
                case 0 -> (char) random.nextInt(0x20);
                case 1 -> "\"\\/".charAt(random.nextInt(3));
                case 2 -> (char) (0x7F + random.nextInt(0x30));
                case 3 -> (char) (0xD800 + random.nextInt(0x800));
                case 4 -> "重启🔥é".charAt(random.nextInt(5));
                default -> (char) (0x20 + random.nextInt(0x5F));
            });
        }
        return text.toString();
    }
}
