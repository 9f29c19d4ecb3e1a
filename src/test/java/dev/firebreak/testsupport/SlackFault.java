package dev.firebreak.testsupport;

import java.time.Duration;

/**
 * A failure {@link FakeSlack} answers a Web API call with.
 *
 * @param kind what happens
 * @param retryAfterSeconds for {@link Kind#RATE_LIMITED}: the {@code Retry-After} header
 * @param status for {@link Kind#HTTP_ERROR}: the HTTP status
 * @param error for {@link Kind#ERROR}: the {@code ok:false} error code
 * @param delay for {@link Kind#TIMEOUT}: how long the answer is held back
 */
public record SlackFault(Kind kind, int retryAfterSeconds, int status, String error, Duration delay) {

    /** What the fake does instead of answering normally. */
    public enum Kind {
        /** HTTP 429 with {@code Retry-After}; nothing applied. */
        RATE_LIMITED,
        /** An HTTP 5xx; nothing applied. */
        HTTP_ERROR,
        /** HTTP 200 {@code {"ok":false,"error":…}}; nothing applied. */
        ERROR,
        /** The call IS applied, but the answer comes after {@code delay} (beyond the client's timeout). */
        TIMEOUT
    }

    /** HTTP 429 with {@code Retry-After: seconds}. */
    public static SlackFault rateLimited(int seconds) {
        return new SlackFault(Kind.RATE_LIMITED, seconds, 429, "ratelimited", Duration.ZERO);
    }

    /** An HTTP error status such as 500 or 503. */
    public static SlackFault httpError(int status) {
        return new SlackFault(Kind.HTTP_ERROR, 0, status, "internal_error", Duration.ZERO);
    }

    /** {@code ok:false} with this error, e.g. {@code channel_not_found}. */
    public static SlackFault error(String error) {
        return new SlackFault(Kind.ERROR, 0, 200, error, Duration.ZERO);
    }

    /** Applies the call, then answers only after {@code delay}: the caller sees an unknown outcome. */
    public static SlackFault timeout(Duration delay) {
        return new SlackFault(Kind.TIMEOUT, 0, 200, null, delay);
    }

    /** A short label for the call log, e.g. {@code 429} or {@code error:channel_not_found}. */
    public String label() {
        return switch (kind) {
            case RATE_LIMITED -> "429";
            case HTTP_ERROR -> Integer.toString(status);
            case ERROR -> "error:" + error;
            case TIMEOUT -> "timeout";
        };
    }
}
