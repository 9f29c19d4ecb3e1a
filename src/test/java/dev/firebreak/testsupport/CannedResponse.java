package dev.firebreak.testsupport;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The answer {@link CapturingHttpServer} gives to one request.
 *
 * @param status HTTP status
 * @param contentType Content-Type of the body, null for none
 * @param body body bytes, empty for none
 * @param headers extra response headers
 * @param delay how long to wait before answering (to provoke client timeouts), zero for none
 */
public record CannedResponse(int status, String contentType, byte[] body, Map<String, String> headers,
        Duration delay) {

    /** Copies the headers so the response stays immutable. */
    public CannedResponse {
        headers = Map.copyOf(headers);
    }

    /** A bodiless response with the given status. */
    public static CannedResponse status(int status) {
        return new CannedResponse(status, null, new byte[0], Map.of(), Duration.ZERO);
    }

    /** A JSON response. */
    public static CannedResponse json(int status, String json) {
        return body(status, "application/json", json);
    }

    /** A UTF-8 text response with the given content type. */
    public static CannedResponse body(int status, String contentType, String body) {
        return new CannedResponse(status, contentType, body.getBytes(StandardCharsets.UTF_8), Map.of(), Duration.ZERO);
    }

    /** The same response with an extra header. */
    public CannedResponse withHeader(String name, String value) {
        Map<String, String> all = new LinkedHashMap<>(headers);
        all.put(name, value);
        return new CannedResponse(status, contentType, body, all, delay);
    }

    /** The same response, sent after {@code wait}. */
    public CannedResponse delayedBy(Duration wait) {
        return new CannedResponse(status, contentType, body, headers, wait);
    }
}
