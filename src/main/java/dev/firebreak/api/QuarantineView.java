package dev.firebreak.api;

import java.time.Instant;
import java.util.Map;

/**
 * A quarantined message as the API shows it; the raw bytes are shown as text when they are UTF-8, else base64.
 */
public record QuarantineView(long id, String messageId, String transport, String subscription, Instant publishTime,
        Map<String, String> attributes, String reasonCode, String reason, Instant receivedAt, int rawSize,
        boolean rawTruncated, String rawEncoding, String raw) {
}
