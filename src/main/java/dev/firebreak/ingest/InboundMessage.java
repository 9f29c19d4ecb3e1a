package dev.firebreak.ingest;

import java.time.Instant;
import java.util.Map;

/**
 * One transport message, whatever the transport: the raw notification bytes plus Pub/Sub metadata.
 *
 * @param transport how it arrived
 * @param messageId Pub/Sub message id, null when the transport gave none
 * @param publishTime publish time, may be null
 * @param subscription subscription name, may be null
 * @param attributes message attributes (never null)
 * @param deliveryAttempt delivery attempt when the subscription has a dead-letter policy, may be null
 * @param data the message data, decoded (never null; may be empty)
 */
public record InboundMessage(Transport transport, String messageId, Instant publishTime, String subscription,
        Map<String, String> attributes, Integer deliveryAttempt, byte[] data) {

    public InboundMessage {
        attributes = attributes == null ? Map.of() : Map.copyOf(attributes);
        data = data == null ? new byte[0] : data;
        messageId = messageId == null || messageId.isBlank() ? null : messageId;
    }
}
