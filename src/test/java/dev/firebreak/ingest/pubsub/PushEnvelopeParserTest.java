package dev.firebreak.ingest.pubsub;

import static dev.firebreak.ingest.pubsub.PushFixtures.NOTIFICATION;
import static dev.firebreak.ingest.pubsub.PushFixtures.bytes;
import static dev.firebreak.ingest.pubsub.PushFixtures.envelope;
import static dev.firebreak.ingest.pubsub.PushFixtures.json;
import static dev.firebreak.ingest.pubsub.PushFixtures.message;
import static dev.firebreak.ingest.pubsub.PushFixtures.parsedMessage;
import static dev.firebreak.ingest.pubsub.PushFixtures.resource;
import static dev.firebreak.ingest.pubsub.PushFixtures.unusable;
import static dev.firebreak.ingest.pubsub.PushFixtures.utf8;
import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Base64;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

import com.fasterxml.jackson.databind.node.ObjectNode;

import dev.firebreak.ingest.InboundMessage;
import dev.firebreak.ingest.Transport;

/**
 * The wrapped push envelope in both key styles, its optional fields, and bodies that are no envelope at all.
 */
class PushEnvelopeParserTest {
    private static final String DATA = Base64.getEncoder().encodeToString(utf8(NOTIFICATION));

    private final PushEnvelopeParser parser = new PushEnvelopeParser();

    @Test
    void metroDocsSampleParses() {
        InboundMessage message = parsedMessage(parser.parse(resource("pubsub-push-wrapped-docs-example.metro.json"), Map.of()));

        assertThat(message.transport()).isEqualTo(Transport.PUSH);
        assertThat(new String(message.data(), StandardCharsets.UTF_8)).isEqualTo("Hello Cloud Pub/Sub! Here is my message!");
        assertThat(message.messageId()).isEqualTo("2070443601311540");
        assertThat(message.publishTime()).isEqualTo(Instant.parse("2021-02-26T19:13:55.749Z"));
        assertThat(message.subscription()).isEqualTo("projects/myproject/subscriptions/mysubscription");
        assertThat(message.attributes()).containsExactlyEntriesOf(Map.of("key", "value"));
        assertThat(message.deliveryAttempt()).isEqualTo(1);
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiterString = "|", nullValues = "-", textBlock = """
            # key style   | message fields                                                                                                          | message id | publish time
            camelCase     | {"messageId":"101","publishTime":"2026-11-24T08:00:00.123Z"}                                                             | 101        | 2026-11-24T08:00:00.123Z
            snake_case    | {"message_id":"102","publish_time":"2026-11-24T08:00:01.5Z"}                                                              | 102        | 2026-11-24T08:00:01.500Z
            both          | {"messageId":"103","message_id":"103","publishTime":"2026-11-24T08:00:02Z","publish_time":"2026-11-24T08:00:02Z"}          | 103        | 2026-11-24T08:00:02Z
            blank camel   | {"messageId":"","message_id":"104","publishTime":"","publish_time":"2026-11-24T08:00:03Z"}                               | 104        | 2026-11-24T08:00:03Z
            numeric id    | {"messageId":105}                                                                                                        | 105        | -
            neither       | {}                                                                                                                       | -          | -
            """)
    void messageIdAndPublishTimeAcceptEitherKeyStyle(String style, String fields, String messageId,
            String publishTime) {
        ObjectNode envelope = envelope();
        message(envelope).put("data", DATA).setAll((ObjectNode) json(fields));

        InboundMessage message = parsedMessage(parser.parse(bytes(envelope), Map.of()));

        assertThat(message.messageId()).isEqualTo(messageId);
        assertThat(message.publishTime()).isEqualTo(publishTime == null ? null : Instant.parse(publishTime));
        assertThat(message.data()).isEqualTo(utf8(NOTIFICATION));
        assertThat(message.subscription()).isEqualTo("projects/p/subscriptions/firebreak-push");
    }

    @ParameterizedTest(name = "publishTime {0}")
    @CsvSource(delimiterString = "|", nullValues = "-", textBlock = """
            # publishTime                         | instant
            2021-02-26T19:13:55.749123456Z        | 2021-02-26T19:13:55.749123456Z
            2021-02-26T19:13:55.7Z                | 2021-02-26T19:13:55.700Z
            2021-02-26T19:13:55Z                  | 2021-02-26T19:13:55Z
            2021-02-26T21:13:55.749123456+02:00   | 2021-02-26T19:13:55.749123456Z
            2021-02-26T14:13:55.749-05:00         | 2021-02-26T19:13:55.749Z
            ' 2021-02-26T19:13:55Z '              | 2021-02-26T19:13:55Z
            yesterday                             | -
            2021-02-26                            | -
            """)
    void publishTimeWithNanosecondsOrOffset(String publishTime, String instant) {
        ObjectNode envelope = envelope();
        message(envelope).put("data", DATA).put("publishTime", publishTime);

        InboundMessage message = parsedMessage(parser.parse(bytes(envelope), Map.of()));

        assertThat(message.publishTime()).isEqualTo(instant == null ? null : Instant.parse(instant));
    }

    @ParameterizedTest(name = "attributes {0}")
    @CsvSource(delimiterString = "|", textBlock = """
            # attributes literal                                              | expected
            <absent>                                                           | {}
            {}                                                                 | {}
            null                                                               | {}
            {"key":"value","team":"payments"}                                  | {"key":"value","team":"payments"}
            {"n":5,"b":false,"nil":null,"obj":{"x":1},"arr":[1]}               | {"n":"5","b":"false"}
            "key=value"                                                        | {}
            """)
    void attributesAreOptionalStringMaps(String literal, String expected) {
        ObjectNode envelope = envelope();
        message(envelope).put("data", DATA);
        if (!"<absent>".equals(literal)) {
            message(envelope).set("attributes", json(literal));
        }

        InboundMessage message = parsedMessage(parser.parse(bytes(envelope), Map.of()));

        assertThat(message.attributes()).isEqualTo(PushFixtures.PLAIN.convertValue(json(expected), Map.class));
    }

    @ParameterizedTest(name = "deliveryAttempt {0}")
    @CsvSource(delimiterString = "|", nullValues = "-", textBlock = """
            # deliveryAttempt literal | attempt
            1                         | 1
            5                         | 5
            "3"                       | 3
            " 7 "                     | 7
            null                      | -
            <absent>                  | -
            "many"                    | -
            99999999999               | -
            """)
    void deliveryAttemptAsNumberOrString(String literal, Integer attempt) {
        ObjectNode envelope = envelope();
        message(envelope).put("data", DATA);
        if (!"<absent>".equals(literal)) {
            envelope.set("deliveryAttempt", json(literal));
        }

        InboundMessage message = parsedMessage(parser.parse(bytes(envelope), Map.of()));

        assertThat(message.deliveryAttempt()).isEqualTo(attempt);
    }

    @ParameterizedTest(name = "prefix \"{0}\"")
    @ValueSource(strings = {"", "a"})
    void longAttributesAreCappedWithoutSplittingACharacter(String prefix) {
        String value = prefix + "🔥".repeat(2_000);
        ObjectNode envelope = envelope();
        message(envelope).put("data", DATA).putObject("attributes").put("note", value);

        String capped = parsedMessage(parser.parse(bytes(envelope), Map.of())).attributes().get("note");

        assertThat(capped.length()).isBetween(1_000, 1_024);
        assertThat(value.startsWith(capped)).isTrue();
        assertThat(new String(capped.getBytes(StandardCharsets.UTF_8), StandardCharsets.UTF_8).equals(capped))
                .as("well-formed UTF-16")
                .isTrue();
    }

    @Test
    void orderingKeyIsAcceptedAndNotTakenForAnAttribute() {
        ObjectNode envelope = envelope();
        message(envelope).put("data", DATA).put("messageId", "9").put("orderingKey", "incident-0.abc");
        message(envelope).putObject("attributes").put("k", "v");

        InboundMessage message = parsedMessage(parser.parse(bytes(envelope), Map.of()));

        assertThat(message.messageId()).isEqualTo("9");
        assertThat(message.attributes()).containsExactlyEntriesOf(Map.of("k", "v"));
        assertThat(message.data()).isEqualTo(utf8(NOTIFICATION));
    }

    @ParameterizedTest(name = "data {0}")
    @ValueSource(strings = {"<absent>", "null", "\"\""})
    void missingOrEmptyDataIsParsedWithEmptyData(String literal) {
        ObjectNode envelope = envelope();
        message(envelope).put("messageId", "11").putObject("attributes").put("only", "attributes");
        if (!"<absent>".equals(literal)) {
            message(envelope).set("data", json(literal));
        }

        InboundMessage message = parsedMessage(parser.parse(bytes(envelope), Map.of()));

        assertThat(message.data()).isEmpty();
        assertThat(message.messageId()).isEqualTo("11");
        assertThat(message.attributes()).containsEntry("only", "attributes");
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"", "not json", "{\"message\":", "[]", "[{\"message\":{}}]", "null", "42", "\"text\"", "{}",
            "{\"data\":\"eyJ9\"}", "{\"subscription\":\"projects/p/subscriptions/s\"}", "{\"message\":\"eyJ9\"}",
            "{\"message\":[]}"})
    void bodyThatIsNoEnvelopeIsUnusable(String body) {
        PushEnvelopeParser.Unusable unusable = unusable(parser.parse(utf8(body), Map.of()));

        assertThat(unusable.code()).isEqualTo("not_push_envelope");
        assertThat(unusable.reason()).isNotBlank();
        assertThat(unusable.raw().data()).isEqualTo(utf8(body));
        assertThat(unusable.raw().messageId()).isNull();
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {NOTIFICATION, "{\"incident\":{}}", "{\"incident\":\"x\",\"message\":\"not an object\"}"})
    void bareNotificationIsUnwrappedPushWithoutId(String body) {
        InboundMessage message = parsedMessage(parser.parse(utf8(body), Map.of("content-type", "application/json")));

        assertThat(message.transport()).isEqualTo(Transport.PUSH_UNWRAPPED);
        assertThat(message.messageId()).isNull();
        assertThat(message.publishTime()).isNull();
        assertThat(message.attributes()).isEmpty();
        assertThat(message.data()).isEqualTo(utf8(body));
    }
}
