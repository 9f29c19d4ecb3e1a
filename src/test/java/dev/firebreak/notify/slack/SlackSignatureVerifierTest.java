package dev.firebreak.notify.slack;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.time.Instant;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class SlackSignatureVerifierTest {
    // Slack's published test vector (https://docs.slack.dev/authentication/verifying-requests-from-slack)
    static final String SECRET = "8f742231b10e8888abcd99yyyzzz85a5";
    static final String TIMESTAMP = "1531420618";
    static final String BODY = "token=xyzz0WbapA4vBCDEFasx0q6G&team_id=T1DC2JH3J&team_domain=testteamnow&channel_id=G8PSS9T3V"
            + "&channel_name=foobar&user_id=U2CERLKJA&user_name=roadrunner&command=%2Fwebhook-collect&text="
            + "&response_url=https%3A%2F%2Fhooks.slack.com%2Fcommands%2FT1DC2JH3J%2F397700885554%2F96rGlfmibIGlgcZRskXaIFfN"
            + "&trigger_id=398738663015.47445629121.803a0bc887a14d10d2c447fce8b6703c";
    static final String SIGNATURE = "v0=a2114d57b48eac39b9ad189dd8316235a7b4a8d21a10bd27519666489c69b503";

    @ParameterizedTest(name = "{0}")
    @CsvSource(nullValues = "NULL", value = {
            "published vector,           1531420618, v0=a2114d57b48eac39b9ad189dd8316235a7b4a8d21a10bd27519666489c69b503, 0,    , NULL",
            "4 min late,                 1531420618, v0=a2114d57b48eac39b9ad189dd8316235a7b4a8d21a10bd27519666489c69b503, 240,  , NULL",
            "stale (6 min),              1531420618, v0=a2114d57b48eac39b9ad189dd8316235a7b4a8d21a10bd27519666489c69b503, 360,  , stale or future Slack request timestamp",
            "future (6 min),             1531420618, v0=a2114d57b48eac39b9ad189dd8316235a7b4a8d21a10bd27519666489c69b503, -360, , stale or future Slack request timestamp",
            "tampered body,              1531420618, v0=a2114d57b48eac39b9ad189dd8316235a7b4a8d21a10bd27519666489c69b503, 0,    x, invalid Slack signature",
            "tampered signature,         1531420618, v0=a2114d57b48eac39b9ad189dd8316235a7b4a8d21a10bd27519666489c69b504, 0,    , invalid Slack signature",
            "upper-case hex,             1531420618, v0=A2114D57B48EAC39B9AD189DD8316235A7B4A8D21A10BD27519666489C69B503, 0,    , invalid Slack signature",
            "timestamp not a number,     abc,        v0=a2114d57b48eac39b9ad189dd8316235a7b4a8d21a10bd27519666489c69b503, 0,    , malformed Slack request timestamp",
            "missing signature,          1531420618, NULL,                                                                 0,    , missing Slack signature headers",
    })
    void verifies(String name, String timestamp, String signature, long nowOffsetSeconds, String bodySuffix, String expected) {
        SlackSignatureVerifier verifier = new SlackSignatureVerifier(SECRET);
        byte[] body = (BODY + (bodySuffix == null ? "" : bodySuffix)).getBytes(StandardCharsets.UTF_8);
        Instant now = Instant.ofEpochSecond(1531420618L + nowOffsetSeconds);

        assertThat(verifier.check(timestamp, signature, body, now)).isEqualTo(expected);
    }

    @ParameterizedTest
    @CsvSource({"1531420618", "1700000000"})
    void signMatchesVerify(String timestamp) {
        SlackSignatureVerifier verifier = new SlackSignatureVerifier(SECRET);
        byte[] body = BODY.getBytes(StandardCharsets.UTF_8);
        String signature = verifier.sign(timestamp, body);

        assertThat(verifier.check(timestamp, signature, body, Instant.ofEpochSecond(Long.parseLong(timestamp)))).isNull();
        if (timestamp.equals(TIMESTAMP)) {
            assertThat(signature).isEqualTo(SIGNATURE);
        }
    }
}
