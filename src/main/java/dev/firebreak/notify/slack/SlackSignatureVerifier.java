package dev.firebreak.notify.slack;

import java.nio.charset.StandardCharsets;
import java.security.InvalidKeyException;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.time.Instant;
import java.util.HexFormat;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * Verifies Slack's request signature ({@code X-Slack-Signature: v0=hex(HMAC-SHA256(secret, "v0:" + ts + ":" + body))})
 * over the raw body, in constant time, rejecting timestamps more than five minutes away in either direction (the SDK's
 * own verifier accepts future timestamps and compares with {@code equals}; this one does neither).
 */
public final class SlackSignatureVerifier {
    /** The replay window. */
    public static final Duration MAX_SKEW = Duration.ofMinutes(5);

    private final byte[] secret;

    public SlackSignatureVerifier(String signingSecret) {
        if (signingSecret == null || signingSecret.isBlank()) {
            throw new IllegalArgumentException("a signing secret is required");
        }
        this.secret = signingSecret.getBytes(StandardCharsets.UTF_8);
    }

    /** Why a request was refused, or null when it is authentic. */
    public String check(String timestampHeader, String signatureHeader, byte[] rawBody, Instant now) {
        if (timestampHeader == null || signatureHeader == null) {
            return "missing Slack signature headers";
        }
        long timestamp;
        try {
            timestamp = Long.parseLong(timestampHeader.trim());
        } catch (NumberFormatException e) {
            return "malformed Slack request timestamp";
        }
        if (Math.abs(now.getEpochSecond() - timestamp) > MAX_SKEW.toSeconds()) {
            return "stale or future Slack request timestamp";
        }
        byte[] expected = ("v0=" + HexFormat.of().formatHex(hmac(timestampHeader.trim(), rawBody)))
                .getBytes(StandardCharsets.UTF_8);
        if (!MessageDigest.isEqual(expected, signatureHeader.trim().getBytes(StandardCharsets.UTF_8))) {
            return "invalid Slack signature";
        }
        return null;
    }

    private byte[] hmac(String timestamp, byte[] body) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(secret, "HmacSHA256"));
            mac.update(("v0:" + timestamp + ":").getBytes(StandardCharsets.UTF_8));
            mac.update(body);
            return mac.doFinal();
        } catch (NoSuchAlgorithmException | InvalidKeyException e) {
            throw new IllegalStateException("HmacSHA256 is always available", e);
        }
    }

    /** Signs a body the way Slack does (for tests and tooling). */
    public String sign(String timestamp, byte[] rawBody) {
        return "v0=" + HexFormat.of().formatHex(hmac(timestamp, rawBody));
    }
}
