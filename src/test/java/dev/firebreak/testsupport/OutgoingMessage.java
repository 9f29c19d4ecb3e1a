package dev.firebreak.testsupport;

import java.nio.charset.StandardCharsets;
import java.util.Map;

/**
 * A message to publish through {@link PubSubAdmin}. The emulator rejects a message with neither data nor attributes.
 *
 * @param data raw payload bytes
 * @param attributes message attributes, never null
 */
public record OutgoingMessage(byte[] data, Map<String, String> attributes) {

    /** Copies the attributes so later changes by the caller do not leak in. */
    public OutgoingMessage {
        attributes = Map.copyOf(attributes);
    }

    /** A UTF-8 text message with attributes. */
    public static OutgoingMessage of(String text, Map<String, String> attributes) {
        return new OutgoingMessage(text.getBytes(StandardCharsets.UTF_8), attributes);
    }
}
