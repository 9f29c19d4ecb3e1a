package dev.firebreak.testsupport;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * One HTTP request as received by {@link CapturingHttpServer}.
 *
 * @param receivedAt when the request arrived
 * @param method HTTP method
 * @param path decoded-as-sent request path, e.g. {@code /push}
 * @param query raw query string without {@code ?}, null when absent
 * @param headers headers with case-insensitive names, in arrival order per name
 * @param body raw body bytes, empty when absent
 */
public record RecordedRequest(
        Instant receivedAt,
        String method,
        String path,
        String query,
        Map<String, List<String>> headers,
        byte[] body) {

    /** Path plus {@code ?query} when there is one. */
    public String pathAndQuery() {
        return query == null ? path : path + "?" + query;
    }

    /** First value of a header, looked up case-insensitively. */
    public Optional<String> header(String name) {
        List<String> values = headers.get(name);
        return values == null || values.isEmpty() ? Optional.empty() : Optional.of(values.get(0));
    }

    /** The body decoded as UTF-8. */
    public String bodyAsString() {
        return new String(body, StandardCharsets.UTF_8);
    }
}
