package dev.firebreak.ingest.pubsub;

import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;

import com.google.cloud.pubsub.v1.Subscriber;
import com.google.protobuf.Timestamp;
import com.google.pubsub.v1.PubsubMessage;

import dev.firebreak.ingest.InboundMessage;
import dev.firebreak.ingest.Transport;

/**
 * Maps a pulled {@link PubsubMessage} to the pipeline's {@link InboundMessage}.
 */
public final class PulledMessages {
    /** Attribute the client library adds to carry the delivery attempt; stored in its own column instead. */
    static final String DELIVERY_ATTEMPT_ATTRIBUTE = "googclient_deliveryattempt";

    private PulledMessages() {
    }

    /**
     * @param message the pulled message
     * @param subscription full subscription name, {@code projects/P/subscriptions/S}
     */
    public static InboundMessage toInbound(PubsubMessage message, String subscription) {
        Map<String, String> attributes = new LinkedHashMap<>(message.getAttributesMap());
        attributes.remove(DELIVERY_ATTEMPT_ATTRIBUTE);
        return new InboundMessage(Transport.PULL, message.getMessageId(), publishTime(message), subscription, attributes,
                Subscriber.getDeliveryAttempt(message), message.getData().toByteArray());
    }

    private static Instant publishTime(PubsubMessage message) {
        if (!message.hasPublishTime()) {
            return null;
        }
        Timestamp time = message.getPublishTime();
        return Instant.ofEpochSecond(time.getSeconds(), time.getNanos());
    }
}
