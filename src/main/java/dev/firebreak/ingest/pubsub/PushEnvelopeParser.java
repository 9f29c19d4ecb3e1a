package dev.firebreak.ingest.pubsub;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import dev.firebreak.ingest.BoundedJson;
import dev.firebreak.ingest.InboundMessage;
import dev.firebreak.ingest.Transport;

/**
 * Turns a push request into an {@link InboundMessage}: the wrapped JSON envelope (both key styles) or an unwrapped
 * body with metadata in {@code x-goog-pubsub-*} headers, whatever the Content-Type says.
 */
public final class PushEnvelopeParser {
    static final String HEADER_PREFIX = "x-goog-pubsub-";
    private static final Pattern BASE64 = Pattern.compile("[A-Za-z0-9+/_-]*={0,2}");
    private static final int MAX_ATTRIBUTES = 100;
    private static final int MAX_ATTRIBUTE_LENGTH = 1024;
    /** Transport and proxy headers that are never message attributes (and some that carry secrets). */
    private static final Set<String> NOT_ATTRIBUTES = Set.of("host", "user-agent", "accept", "accept-encoding",
            "accept-language", "content-type", "content-length", "content-encoding", "connection", "authorization",
            "proxy-authorization", "x-serverless-authorization", "cookie", "forwarded", "via", "x-real-ip",
            "x-request-id", "traceparent", "tracestate", "x-cloud-trace-context", "te", "transfer-encoding", "keep-alive",
            "upgrade", "expect", "from", "pragma", "cache-control");

    private static final List<String> SECRET_HINTS = List.of("auth", "token", "secret", "password", "cookie",
            "signature", "api-key", "apikey", "credential", "session");

    private final ObjectMapper mapper = BoundedJson.mapper();

    /** The parse outcome: a message, or a body that is not a usable push request (quarantined as-is). */
    public sealed interface Result {
    }

    /** A usable message. */
    public record Parsed(InboundMessage message) implements Result {
    }

    /** Not usable; {@code raw} carries the body and whatever metadata was found. */
    public record Unusable(InboundMessage raw, String code, String reason) implements Result {
    }

    /**
     * @param body the raw request body
     * @param headers request headers, names lower-case, first value only
     */
    public Result parse(byte[] body, Map<String, String> headers) {
        if (headers.keySet().stream().anyMatch(name -> name.startsWith(HEADER_PREFIX))) {
            return new Parsed(unwrapped(body, headers));
        }
        JsonNode root;
        try {
            root = mapper.readTree(body);
        } catch (IOException | RuntimeException e) {
            return unusable(body, "not_push_envelope", "the body is neither a Pub/Sub push envelope nor a notification");
        }
        if (root == null || !root.isObject()) {
            return unusable(body, "not_push_envelope", "the body is not a JSON object");
        }
        JsonNode message = root.get("message");
        if (message == null || !message.isObject()) {
            if (root.has("incident")) {
                // unwrapped push without metadata headers: the body is the notification itself
                return new Parsed(new InboundMessage(Transport.PUSH_UNWRAPPED, null, null, null, Map.of(), null, body));
            }
            return unusable(body, "not_push_envelope", "the body has no \"message\" object");
        }
        String messageId = firstText(message, "messageId", "message_id");
        Instant publishTime = timestamp(firstText(message, "publishTime", "publish_time"));
        String subscription = text(root.get("subscription"));
        Map<String, String> attributes = attributes(message.get("attributes"));
        Integer deliveryAttempt = integer(root.get("deliveryAttempt"));
        String data = text(message.get("data"));
        byte[] decoded;
        if (data == null) {
            decoded = new byte[0];
        } else {
            decoded = decodeBase64(data);
            if (decoded == null) {
                InboundMessage raw = new InboundMessage(Transport.PUSH, messageId, publishTime, subscription, attributes,
                        deliveryAttempt, data.getBytes(StandardCharsets.UTF_8));
                return new Unusable(raw, "not_base64", "message.data is not valid base64");
            }
        }
        return new Parsed(new InboundMessage(Transport.PUSH, messageId, publishTime, subscription, attributes,
                deliveryAttempt, decoded));
    }

    private static InboundMessage unwrapped(byte[] body, Map<String, String> headers) {
        Map<String, String> attributes = new LinkedHashMap<>();
        headers.forEach((name, value) -> {
            if (!name.startsWith(HEADER_PREFIX) && !name.startsWith("x-forwarded-") && !name.startsWith("x-envoy-")
                    && !name.startsWith("x-goog-") && !name.startsWith("ce-") && !name.startsWith("grpc-")
                    && !NOT_ATTRIBUTES.contains(name) && !looksSecret(name) && attributes.size() < MAX_ATTRIBUTES) {
                attributes.put(cap(name), cap(value));
            }
        });
        return new InboundMessage(Transport.PUSH_UNWRAPPED, headers.get(HEADER_PREFIX + "message-id"),
                timestamp(headers.get(HEADER_PREFIX + "publish-time")), headers.get(HEADER_PREFIX + "subscription-name"),
                attributes, null, body);
    }

    /** Headers a proxy may add that carry credentials; never stored, whatever their exact name. */
    private static boolean looksSecret(String name) {
        return SECRET_HINTS.stream().anyMatch(name::contains);
    }

    private static Unusable unusable(byte[] body, String code, String reason) {
        return new Unusable(new InboundMessage(Transport.PUSH, null, null, null, Map.of(), null, body), code, reason);
    }

    /** Standard or URL-safe alphabet, padding optional, whitespace ignored; null when it is not base64. */
    static byte[] decodeBase64(String data) {
        if (data.length() % 4 == 0) {
            try {
                // what Pub/Sub sends: standard, padded, no whitespace; the lenient path below is for everything else
                return Base64.getDecoder().decode(data);
            } catch (IllegalArgumentException notStandard) {
                // fall through to the lenient decoding
            }
        }
        String compact = data.replaceAll("\\s+", "");
        if (!BASE64.matcher(compact).matches()) {
            return null;
        }
        String standard = compact.replace('-', '+').replace('_', '/');
        int unpadded = standard.indexOf('=') >= 0 ? standard.indexOf('=') : standard.length();
        if (unpadded % 4 == 1) {
            return null;
        }
        StringBuilder padded = new StringBuilder(standard.substring(0, unpadded));
        while (padded.length() % 4 != 0) {
            padded.append('=');
        }
        try {
            return Base64.getDecoder().decode(padded.toString());
        } catch (IllegalArgumentException e) {
            return null;
        }
    }

    private static Map<String, String> attributes(JsonNode node) {
        if (node == null || !node.isObject()) {
            return Map.of();
        }
        Map<String, String> attributes = new LinkedHashMap<>();
        node.fields().forEachRemaining(entry -> {
            if (attributes.size() < MAX_ATTRIBUTES && entry.getValue() != null && entry.getValue().isValueNode()
                    && !entry.getValue().isNull()) {
                attributes.put(cap(entry.getKey()), cap(entry.getValue().asText()));
            }
        });
        return attributes;
    }

    private static String firstText(JsonNode node, String... fields) {
        for (String field : fields) {
            String value = text(node.get(field));
            if (value != null && !value.isBlank()) {
                return cap(value);
            }
        }
        return null;
    }

    private static String text(JsonNode node) {
        return node == null || node.isNull() || !node.isValueNode() ? null : node.asText();
    }

    private static Integer integer(JsonNode node) {
        if (node == null || node.isNull()) {
            return null;
        }
        if (node.canConvertToInt()) {
            return node.asInt();
        }
        try {
            return node.isTextual() ? Integer.valueOf(node.asText().trim()) : null;
        } catch (NumberFormatException e) {
            return null;
        }
    }

    static Instant timestamp(String text) {
        if (text == null || text.isBlank()) {
            return null;
        }
        try {
            return Instant.parse(text.trim());
        } catch (DateTimeParseException e) {
            try {
                return OffsetDateTime.parse(text.trim()).toInstant();
            } catch (DateTimeParseException again) {
                return null;
            }
        }
    }

    private static String cap(String value) {
        if (value == null) {
            return null;
        }
        if (value.length() <= MAX_ATTRIBUTE_LENGTH) {
            return value;
        }
        int end = MAX_ATTRIBUTE_LENGTH;
        return value.substring(0, Character.isHighSurrogate(value.charAt(end - 1)) ? end - 1 : end);
    }
}
