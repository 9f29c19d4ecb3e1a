package dev.firebreak.ingest.pubsub;

import static dev.firebreak.ingest.pubsub.PushFixtures.NOTIFICATION;
import static dev.firebreak.ingest.pubsub.PushFixtures.bytes;
import static dev.firebreak.ingest.pubsub.PushFixtures.envelope;
import static dev.firebreak.ingest.pubsub.PushFixtures.message;
import static dev.firebreak.ingest.pubsub.PushFixtures.parsedMessage;
import static dev.firebreak.ingest.pubsub.PushFixtures.unusable;
import static dev.firebreak.ingest.pubsub.PushFixtures.utf8;
import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Base64;
import java.util.Map;
import java.util.function.UnaryOperator;
import java.util.stream.Stream;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

import com.fasterxml.jackson.databind.node.ObjectNode;

import dev.firebreak.ingest.InboundMessage;
import dev.firebreak.ingest.Transport;

/**
 * {@code message.data} decodes to the same bytes whatever base64 dialect the sender used, and non-base64 is unusable.
 */
class PushBase64Test {
    /** A notification followed by bytes that put '+', '/' and padding into standard base64. */
    private static final byte[] PAYLOAD = payload();
    private static final String STANDARD = Base64.getEncoder().encodeToString(PAYLOAD);

    private final PushEnvelopeParser parser = new PushEnvelopeParser();

    private static byte[] payload() {
        // at offset 0 these encode to "++++" and "////"; the trailing newline makes the length need padding
        byte[] head = {(byte) 0xFB, (byte) 0xEF, (byte) 0xBE, (byte) 0xFF, (byte) 0xFF, (byte) 0xFF};
        byte[] notification = utf8(NOTIFICATION + "\n");
        byte[] payload = Arrays.copyOf(head, head.length + notification.length);
        System.arraycopy(notification, 0, payload, head.length, notification.length);
        return payload;
    }

    @BeforeAll
    static void variantsAreReallyDifferent() {
        assertThat(STANDARD).contains("+").contains("/").endsWith("=");
    }

    static Stream<Arguments> dialects() {
        return Stream.of(
                Arguments.of("standard", (UnaryOperator<String>) s -> s),
                Arguments.of("standard without padding", (UnaryOperator<String>) s -> s.replace("=", "")),
                Arguments.of("url-safe", (UnaryOperator<String>) s -> s.replace('+', '-').replace('/', '_')),
                Arguments.of("url-safe without padding",
                        (UnaryOperator<String>) s -> s.replace('+', '-').replace('/', '_').replace("=", "")),
                Arguments.of("MIME with CRLF every 76 chars",
                        (UnaryOperator<String>) s -> Base64.getMimeEncoder().encodeToString(PAYLOAD)),
                Arguments.of("newline every 10 chars", (UnaryOperator<String>) s -> s.replaceAll("(.{10})", "$1\n")),
                Arguments.of("spaces and tabs", (UnaryOperator<String>) s -> " " + s.replaceAll("(.{7})", "$1 \t") + " \n"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("dialects")
    void everyDialectDecodesToTheSameBytes(String dialect, UnaryOperator<String> encode) {
        String data = encode.apply(STANDARD);
        ObjectNode envelope = envelope();
        message(envelope).put("data", data).put("messageId", "1");

        InboundMessage message = parsedMessage(parser.parse(bytes(envelope), Map.of()));

        assertThat(message.data()).isEqualTo(PAYLOAD);
        assertThat(message.transport()).isEqualTo(Transport.PUSH);
    }

    @ParameterizedTest(name = "\"{0}\"")
    @ValueSource(strings = {"not base64!", "eyJ9*", "A", "AAAAA", "Zm9v=YmFy", "Zm9v===", "====", "Zm9vYmFyé", "Zm9v\u0000"})
    void invalidBase64IsUnusableAndKeepsMetadata(String data) {
        ObjectNode envelope = envelope();
        message(envelope).put("data", data).put("messageId", "77").put("publishTime", "2026-11-24T08:00:00Z");
        message(envelope).putObject("attributes").put("k", "v");

        PushEnvelopeParser.Unusable unusable = unusable(parser.parse(bytes(envelope), Map.of()));

        assertThat(unusable.code()).isEqualTo("not_base64");
        assertThat(unusable.reason()).isNotBlank();
        assertThat(unusable.raw().messageId()).isEqualTo("77");
        assertThat(unusable.raw().attributes()).containsEntry("k", "v");
        assertThat(new String(unusable.raw().data(), StandardCharsets.UTF_8)).isEqualTo(data);
    }

    @Test
    void decodedDataIsNotRequiredToBeJson() {
        ObjectNode envelope = envelope();
        message(envelope).put("data", "bm90LWpzb24=");

        InboundMessage message = parsedMessage(parser.parse(bytes(envelope), Map.of()));

        // not-json data is the notification parser's problem: the envelope itself is fine
        assertThat(new String(message.data(), StandardCharsets.UTF_8)).isEqualTo("not-json");
    }
}
