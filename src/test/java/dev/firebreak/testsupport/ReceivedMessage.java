package dev.firebreak.testsupport;

import java.nio.charset.StandardCharsets;
import java.util.Map;

/**
 * One message returned by a REST pull from the emulator, already base64-decoded.
 *
 * @param ackId id to pass to {@link PubSubAdmin#acknowledge}
 * @param messageId the message id assigned at publish (dead-lettered copies get a new one)
 * @param data raw payload bytes
 * @param attributes message attributes, never null
 * @param publishTime publish time as RFC 3339 text
 * @param orderingKey ordering key, null when not set
 * @param deliveryAttempt 1, 2, … when the subscription has a dead-letter policy, otherwise null
 */
public record ReceivedMessage(
        String ackId,
        String messageId,
        byte[] data,
        Map<String, String> attributes,
        String publishTime,
        String orderingKey,
        Integer deliveryAttempt) {

    /** The payload decoded as UTF-8. */
    public String dataAsString() {
        return new String(data, StandardCharsets.UTF_8);
    }
}
