package dev.firebreak.security.jwt;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.Signature;
import java.security.interfaces.RSAPublicKey;
import java.time.Clock;
import java.time.Instant;
import java.util.Base64;
import java.util.regex.Pattern;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * Verifies an OpenID Connect ID token as Google signs them for Pub/Sub push: compact JWS, {@code alg} exactly RS256
 * with a {@code kid} from the key set, the signature first, then {@code iss}, {@code aud}, {@code exp}/{@code iat}
 * (and {@code nbf}) with clock skew, {@code email} and {@code email_verified}. Anything else (alg {@code none},
 * HS256, unknown critical headers, duplicate claims) is refused. Thread-safe.
 */
public final class IdTokenVerifier {
    /** Longest token accepted; Google's are about 1 KB. */
    public static final int MAX_TOKEN_CHARS = 8 * 1024;
    private static final Pattern BASE64URL = Pattern.compile("[A-Za-z0-9_-]*");

    private final SigningKeys keys;
    private final IdTokenRules rules;
    private final Clock clock;

    public IdTokenVerifier(SigningKeys keys, IdTokenRules rules, Clock clock) {
        this.keys = keys;
        this.rules = rules;
        this.clock = clock;
    }

    /**
     * The verified claims.
     *
     * @throws InvalidTokenException with a short reason when the token is not acceptable
     * @throws SigningKeysUnavailableException when the keys to check it cannot be obtained
     */
    public VerifiedIdToken verify(String token) {
        if (token == null || token.isEmpty()) {
            throw new InvalidTokenException("no token");
        }
        if (token.length() > MAX_TOKEN_CHARS) {
            throw new InvalidTokenException("the token is too long");
        }
        String[] parts = token.split("\\.", -1);
        if (parts.length != 3 || parts[0].isEmpty() || parts[1].isEmpty() || parts[2].isEmpty()) {
            throw new InvalidTokenException("the token is not a signed JWT");
        }
        JsonNode header = jsonPart(parts[0], "header");
        String alg = JwtJson.text(header, "alg");
        if (!"RS256".equals(alg)) {
            throw new InvalidTokenException("the token must be signed with RS256");
        }
        if (header.has("crit")) {
            throw new InvalidTokenException("the token has critical header parameters this service does not know");
        }
        String kid = JwtJson.text(header, "kid");
        if (kid == null || kid.isEmpty()) {
            throw new InvalidTokenException("the token names no signing key (kid)");
        }
        RSAPublicKey key = keys.find(kid)
                .orElseThrow(() -> new InvalidTokenException("the token is signed with an unknown key"));
        if (!signatureValid(key, parts)) {
            throw new InvalidTokenException("the token signature is not valid");
        }
        return checkClaims(jsonPart(parts[1], "payload"));
    }

    private VerifiedIdToken checkClaims(JsonNode claims) {
        String issuer = JwtJson.text(claims, "iss");
        if (issuer == null || !rules.issuers().contains(issuer)) {
            throw new InvalidTokenException("the token issuer is not accepted");
        }
        if (!audienceMatches(claims.get("aud"))) {
            throw new InvalidTokenException("the token audience does not match");
        }
        Instant now = clock.instant();
        Instant expiresAt = epochSeconds(claims, "exp");
        Instant issuedAt = epochSeconds(claims, "iat");
        if (!now.isBefore(expiresAt.plus(rules.clockSkew()))) {
            throw new InvalidTokenException("the token has expired");
        }
        if (issuedAt.isAfter(now.plus(rules.clockSkew()))) {
            throw new InvalidTokenException("the token is issued in the future");
        }
        if (issuedAt.plus(rules.maxAge()).plus(rules.clockSkew()).isBefore(now)) {
            throw new InvalidTokenException("the token is too old");
        }
        if (claims.has("nbf") && epochSeconds(claims, "nbf").isAfter(now.plus(rules.clockSkew()))) {
            throw new InvalidTokenException("the token is not valid yet");
        }
        String email = JwtJson.text(claims, "email");
        if (email == null || !email.equals(rules.email())) {
            throw new InvalidTokenException("the token is not for the expected service account");
        }
        JsonNode verified = claims.get("email_verified");
        boolean emailVerified = verified != null
                && (verified.isBoolean() && verified.booleanValue()
                        || verified.isTextual() && "true".equals(verified.asText()));
        if (!emailVerified) {
            throw new InvalidTokenException("the token's email is not verified");
        }
        return new VerifiedIdToken(issuer, JwtJson.text(claims, "sub"), email, issuedAt, expiresAt);
    }

    private boolean audienceMatches(JsonNode aud) {
        if (aud == null) {
            return false;
        }
        if (aud.isTextual()) {
            return rules.audience().equals(aud.asText());
        }
        if (aud.isArray()) {
            for (JsonNode entry : aud) {
                if (entry.isTextual() && rules.audience().equals(entry.asText())) {
                    return true;
                }
            }
        }
        return false;
    }

    private static boolean signatureValid(RSAPublicKey key, String[] parts) {
        byte[] signature = decode(parts[2], "signature");
        try {
            Signature verifier = Signature.getInstance("SHA256withRSA");
            verifier.initVerify(key);
            verifier.update((parts[0] + "." + parts[1]).getBytes(StandardCharsets.US_ASCII));
            return verifier.verify(signature);
        } catch (GeneralSecurityException | IllegalArgumentException e) {
            return false;
        }
    }

    private static Instant epochSeconds(JsonNode claims, String field) {
        JsonNode value = claims.get(field);
        if (value == null || !value.isIntegralNumber() || !value.canConvertToLong()) {
            throw new InvalidTokenException("the token has no valid \"" + field + "\" claim");
        }
        long seconds = value.longValue();
        if (seconds < 0 || seconds > Instant.MAX.getEpochSecond() / 2) {
            throw new InvalidTokenException("the token has no valid \"" + field + "\" claim");
        }
        return Instant.ofEpochSecond(seconds);
    }

    private static JsonNode jsonPart(String part, String what) {
        return JwtJson.object(decode(part, what))
                .orElseThrow(() -> new InvalidTokenException("the token " + what + " is not a JSON object"));
    }

    private static byte[] decode(String part, String what) {
        if (!BASE64URL.matcher(part).matches() || part.length() % 4 == 1) {
            throw new InvalidTokenException("the token " + what + " is not base64url");
        }
        try {
            return Base64.getUrlDecoder().decode(part);
        } catch (IllegalArgumentException e) {
            throw new InvalidTokenException("the token " + what + " is not base64url");
        }
    }
}
