package dev.firebreak.ingest.pubsub;

import static dev.firebreak.ingest.pubsub.PushFixtures.lowerCaseHeaders;
import static dev.firebreak.ingest.pubsub.PushFixtures.parsedMessage;
import static dev.firebreak.ingest.pubsub.PushFixtures.tree;
import static dev.firebreak.ingest.pubsub.PushFixtures.utf8;
import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import com.fasterxml.jackson.databind.JsonNode;

import dev.firebreak.ingest.InboundMessage;
import dev.firebreak.ingest.Transport;

/**
 * Unwrapped push ("no wrapper" with write-metadata): metadata from {@code x-goog-pubsub-*} headers, attributes from
 * the remaining headers, and never a transport or secret header as an attribute.
 */
class UnwrappedPushTest {
    private static final JsonNode CAPTURE = tree("pubsub-push-unwrapped-writemetadata-emulator-0.8.20-capture.json");

    private final PushEnvelopeParser parser = new PushEnvelopeParser();

    private static byte[] captureBody() {
        return utf8(CAPTURE.get("body").asText());
    }

    private static Map<String, String> captureHeaders() {
        return lowerCaseHeaders(CAPTURE.get("headers"));
    }

    @Test
    void emulatorCaptureGivesMetadataAndOnlyTheRealAttribute() {
        Map<String, String> headers = captureHeaders();
        assertThat(headers).containsEntry("content-type", "application/x-www-form-urlencoded");

        InboundMessage message = parsedMessage(parser.parse(captureBody(), headers));

        assertThat(message.transport()).isEqualTo(Transport.PUSH_UNWRAPPED);
        assertThat(message.messageId()).isEqualTo("2");
        assertThat(message.publishTime()).isEqualTo(Instant.parse("2026-11-24T07:59:51.218Z"));
        assertThat(message.subscription()).isEqualTo("projects/test-proj/subscriptions/push-unwrapped");
        assertThat(message.attributes()).containsExactlyEntriesOf(Map.of("k1", "v1"));
        assertThat(message.deliveryAttempt()).isNull();
        assertThat(message.data()).isEqualTo(captureBody());
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiterString = "|", textBlock = """
            # header                     | value
            authorization                | Bearer eyJhbGciOiJSUzI1NiJ9.secret.sig
            proxy-authorization          | Basic dXNlcjpwYXNz
            x-serverless-authorization   | Bearer eyJhbGciOiJSUzI1NiJ9.secret.sig
            cookie                       | session=secret
            host                         | firebreak.example.com
            user-agent                   | APIs-Google; (+https://developers.google.com/webmasters/APIs-Google.html)
            content-type                 | application/json
            content-length               | 91
            content-encoding             | gzip
            accept                       | */*
            accept-encoding              | gzip, deflate, br
            connection                   | keep-alive
            transfer-encoding            | chunked
            forwarded                    | for=203.0.113.7;proto=https
            via                          | 1.1 google
            x-forwarded-for              | 203.0.113.7
            x-forwarded-proto            | https
            x-real-ip                    | 203.0.113.7
            x-request-id                 | 3f1c
            traceparent                  | 00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01
            x-cloud-trace-context        | 4bf92f3577b34da6a3ce929d0e0e4736/1;o=1
            x-goog-iap-jwt-assertion     | eyJhbGciOiJFUzI1NiJ9.secret.sig
            x-envoy-expected-rq-timeout-ms | 15000
            ce-type                      | google.cloud.pubsub.topic.v1.messagePublished
            """)
    void transportAndSecretHeadersAreNeverAttributes(String header, String value) {
        Map<String, String> headers = new LinkedHashMap<>(captureHeaders());
        headers.put(header, value);

        InboundMessage message = parsedMessage(parser.parse(captureBody(), headers));

        assertThat(message.attributes()).doesNotContainKey(header).containsExactlyEntriesOf(Map.of("k1", "v1"));
    }

    @Test
    void everyOtherHeaderIsAnAttribute() {
        Map<String, String> headers = new LinkedHashMap<>(captureHeaders());
        headers.put("team", "payments");
        headers.put("googclient_schemaencoding", "JSON");

        InboundMessage message = parsedMessage(parser.parse(captureBody(), headers));

        assertThat(message.attributes()).containsOnly(Map.entry("k1", "v1"), Map.entry("team", "payments"),
                Map.entry("googclient_schemaencoding", "JSON"));
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiterString = "|", textBlock = """
            # x-goog-pubsub-publish-time        | instant
            2026-11-24T07:59:51.218123456Z      | 2026-11-24T07:59:51.218123456Z
            2026-11-24T08:59:51.218+01:00       | 2026-11-24T07:59:51.218Z
            """)
    void publishTimeHeaderWithNanosecondsOrOffset(String header, String instant) {
        Map<String, String> headers = new LinkedHashMap<>(captureHeaders());
        headers.put("x-goog-pubsub-publish-time", header);

        InboundMessage message = parsedMessage(parser.parse(captureBody(), headers));

        assertThat(message.publishTime()).isEqualTo(Instant.parse(instant));
    }

    @Test
    void metadataHeadersAloneMakeAnUnwrappedPushEvenForANonJsonBody() {
        byte[] body = utf8("not json at all");

        InboundMessage message = parsedMessage(parser.parse(body, Map.of("x-goog-pubsub-message-id", "5")));

        // the body is handed on untouched; the notification parser decides what it is
        assertThat(message.transport()).isEqualTo(Transport.PUSH_UNWRAPPED);
        assertThat(message.messageId()).isEqualTo("5");
        assertThat(message.data()).isEqualTo(body);
        assertThat(message.attributes()).isEmpty();
    }
}
