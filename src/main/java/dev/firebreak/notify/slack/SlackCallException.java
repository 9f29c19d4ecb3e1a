package dev.firebreak.notify.slack;

import java.time.Duration;

/**
 * A failed Slack API call, classified: rate limited (wait exactly {@code retryAfter}), retryable (5xx, timeouts,
 * transient {@code ok:false}), gone (the message to update no longer exists), or permanent (bad channel, bad token,
 * invalid blocks…). Never carries the token.
 */
public class SlackCallException extends Exception {
    /** How to treat the failure. */
    public enum Kind {
        RATE_LIMITED, RETRYABLE, GONE, PERMANENT
    }

    private final Kind kind;
    private final Duration retryAfter;
    private final boolean outcomeUnknown;

    SlackCallException(Kind kind, String message, Duration retryAfter, boolean outcomeUnknown) {
        super(message, null, false, false);
        this.kind = kind;
        this.retryAfter = retryAfter;
        this.outcomeUnknown = outcomeUnknown;
    }

    public Kind kind() {
        return kind;
    }

    /** For {@link Kind#RATE_LIMITED}: Slack's {@code Retry-After}. */
    public Duration retryAfter() {
        return retryAfter;
    }

    /** True when the request may have been applied although no answer arrived (timeouts). */
    public boolean outcomeUnknown() {
        return outcomeUnknown;
    }
}
