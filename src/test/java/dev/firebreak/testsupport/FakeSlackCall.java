package dev.firebreak.testsupport;

import java.time.Instant;
import java.util.Map;

/**
 * One Web API call as {@link FakeSlack} saw and answered it.
 *
 * @param method the API method, e.g. {@code chat.postMessage}
 * @param params the form (or JSON) parameters as sent
 * @param receivedAt when it arrived
 * @param outcome how it was answered: {@code ok}, {@code 429}, {@code 500}, {@code 503}, {@code timeout} (applied,
 *        answered late) or {@code error:<code>}
 */
public record FakeSlackCall(String method, Map<String, String> params, Instant receivedAt, String outcome) {

    /** A parameter, or null. */
    public String param(String name) {
        return params.get(name);
    }

    /** True when Slack applied the call (answered ok, or "timed out" after applying it). */
    public boolean applied() {
        return outcome.equals("ok") || outcome.equals("timeout");
    }
}
