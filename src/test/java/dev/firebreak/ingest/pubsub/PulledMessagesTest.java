package dev.firebreak.ingest.pubsub;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Map;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import com.google.protobuf.ByteString;
import com.google.protobuf.Timestamp;
import com.google.pubsub.v1.PubsubMessage;

import dev.firebreak.ingest.InboundMessage;
import dev.firebreak.ingest.Transport;

/**
 * Mapping a pulled message to the pipeline's message.
 */
class PulledMessagesTest {

    @ParameterizedTest(name = "delivery attempt attribute {0} -> {1}")
    @CsvSource({
            "3, 3",
            "1, 1",
            ", ",
    })
    void mapsEveryFieldAndTheDeliveryAttempt(String attemptAttribute, Integer expectedAttempt) {
        PubsubMessage.Builder builder = PubsubMessage.newBuilder()
                .setMessageId("1234567890")
                .setData(ByteString.copyFrom("{\"incident\":{}}", StandardCharsets.UTF_8))
                .setPublishTime(Timestamp.newBuilder().setSeconds(1_764_000_000L).setNanos(218_000_000))
                .putAttributes("team", "payments");
        if (attemptAttribute != null) {
            builder.putAttributes(PulledMessages.DELIVERY_ATTEMPT_ATTRIBUTE, attemptAttribute);
        }

        InboundMessage inbound = PulledMessages.toInbound(builder.build(), "projects/p-1/subscriptions/s-1");

        assertThat(inbound.transport()).isEqualTo(Transport.PULL);
        assertThat(inbound.messageId()).isEqualTo("1234567890");
        assertThat(inbound.publishTime()).isEqualTo(Instant.ofEpochSecond(1_764_000_000L, 218_000_000));
        assertThat(inbound.subscription()).isEqualTo("projects/p-1/subscriptions/s-1");
        assertThat(inbound.attributes()).as("the client's own attribute is not a message attribute")
                .containsExactlyEntriesOf(Map.of("team", "payments"));
        assertThat(inbound.deliveryAttempt()).isEqualTo(expectedAttempt);
        assertThat(new String(inbound.data(), StandardCharsets.UTF_8)).isEqualTo("{\"incident\":{}}");
    }

    @ParameterizedTest(name = "no publish time, data {0} bytes")
    @CsvSource({"0", "5"})
    void missingPublishTimeAndEmptyDataAreKeptAsSuch(int dataLength) {
        PubsubMessage message = PubsubMessage.newBuilder()
                .setMessageId("m-1")
                .setData(ByteString.copyFrom(new byte[dataLength]))
                .build();
        InboundMessage inbound = PulledMessages.toInbound(message, "projects/p-1/subscriptions/s-1");
        assertThat(inbound.publishTime()).isNull();
        assertThat(inbound.data()).hasSize(dataLength);
        assertThat(inbound.attributes()).isEmpty();
    }
}
