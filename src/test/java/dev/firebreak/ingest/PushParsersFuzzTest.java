package dev.firebreak.ingest;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

import com.code_intelligence.jazzer.api.FuzzedDataProvider;
import com.code_intelligence.jazzer.junit.FuzzTest;

import dev.firebreak.ingest.gcm.GcmNotificationParser;
import dev.firebreak.ingest.gcm.GcmParseResult;
import dev.firebreak.ingest.pubsub.PushEnvelopeParser;

/**
 * Fuzzes the push envelope parser and the Cloud Monitoring parser behind it with arbitrary bodies and headers: both
 * must classify every input (message or quarantine reason) and never throw. Runs the seed corpus in every build
 * (regression mode); {@code JAZZER_FUZZ=1} explores (README "Fuzzing").
 */
class PushParsersFuzzTest {
    private static final PushEnvelopeParser ENVELOPES = new PushEnvelopeParser();
    private static final GcmNotificationParser NOTIFICATIONS = new GcmNotificationParser(BoundedJson.mapper());

    @FuzzTest(maxDuration = "5s")
    void envelopeAndNotificationNeverThrow(FuzzedDataProvider data) {
        Map<String, String> headers = new LinkedHashMap<>();
        int headerCount = data.consumeInt(0, 4);
        for (int i = 0; i < headerCount; i++) {
            headers.put(data.consumeString(40).toLowerCase(Locale.ROOT), data.consumeString(80));
        }
        byte[] body = data.consumeRemainingAsBytes();

        PushEnvelopeParser.Result result = ENVELOPES.parse(body, headers);

        assertThat(result).isNotNull();
        if (result instanceof PushEnvelopeParser.Parsed parsed) {
            InboundMessage message = parsed.message();
            GcmParseResult notification = NOTIFICATIONS.parse(message.data());
            assertThat(notification).isNotNull();
            if (notification instanceof GcmParseResult.Rejected rejected) {
                assertThat(rejected.code()).isNotBlank();
            }
        } else {
            PushEnvelopeParser.Unusable unusable = (PushEnvelopeParser.Unusable) result;
            assertThat(unusable.code()).isNotBlank();
            assertThat(unusable.raw()).isNotNull();
        }
    }

    @FuzzTest(maxDuration = "5s")
    void notificationParserNeverThrows(byte[] data) {
        GcmParseResult result = NOTIFICATIONS.parse(data);
        assertThat(result).isNotNull();
        if (result instanceof GcmParseResult.Parsed parsed) {
            assertThat(parsed.alert()).isNotNull();
            assertThat(parsed.contentKey()).hasSize(64);
            assertThat(new String(data, StandardCharsets.UTF_8)).isNotEmpty();
        }
    }
}
