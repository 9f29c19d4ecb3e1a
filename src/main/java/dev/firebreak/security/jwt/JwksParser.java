package dev.firebreak.security.jwt;

import java.math.BigInteger;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.interfaces.RSAPublicKey;
import java.security.spec.RSAPublicKeySpec;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Map;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * Reads the RS256 signing keys of a JSON Web Key Set (RFC 7517), e.g. Google's
 * {@code https://www.googleapis.com/oauth2/v3/certs}. Keys of other types or uses, or weaker than 2048 bits, are
 * skipped.
 */
public final class JwksParser {
    /** Largest key set accepted; Google's is about 1.5 KB. */
    public static final int MAX_JWKS_BYTES = 256 * 1024;
    static final int MAX_KEYS = 64;
    static final int MIN_MODULUS_BITS = 2048;

    private JwksParser() {
    }

    /**
     * The usable keys by {@code kid}.
     *
     * @throws IllegalArgumentException when the document is not a key set or holds no usable key
     */
    public static Map<String, RSAPublicKey> parse(byte[] json) {
        if (json.length > MAX_JWKS_BYTES) {
            throw new IllegalArgumentException("the key set is larger than " + MAX_JWKS_BYTES + " bytes");
        }
        JsonNode root = JwtJson.object(json)
                .orElseThrow(() -> new IllegalArgumentException("the key set is not a JSON object"));
        JsonNode keys = root.get("keys");
        if (keys == null || !keys.isArray()) {
            throw new IllegalArgumentException("the key set has no \"keys\" array");
        }
        Map<String, RSAPublicKey> usable = new LinkedHashMap<>();
        for (JsonNode key : keys) {
            if (usable.size() >= MAX_KEYS) {
                break;
            }
            if (key.isObject()) {
                String kid = JwtJson.text(key, "kid");
                RSAPublicKey publicKey = rsaSigningKey(key);
                if (kid != null && !kid.isEmpty() && publicKey != null) {
                    usable.putIfAbsent(kid, publicKey);
                }
            }
        }
        if (usable.isEmpty()) {
            throw new IllegalArgumentException("the key set holds no usable RS256 key");
        }
        return Map.copyOf(usable);
    }

    private static RSAPublicKey rsaSigningKey(JsonNode key) {
        String use = JwtJson.text(key, "use");
        String alg = JwtJson.text(key, "alg");
        if (!"RSA".equals(JwtJson.text(key, "kty")) || (use != null && !"sig".equals(use))
                || (alg != null && !"RS256".equals(alg))) {
            return null;
        }
        try {
            BigInteger modulus = new BigInteger(1, Base64.getUrlDecoder().decode(textOrEmpty(key, "n")));
            BigInteger exponent = new BigInteger(1, Base64.getUrlDecoder().decode(textOrEmpty(key, "e")));
            if (modulus.bitLength() < MIN_MODULUS_BITS || exponent.signum() <= 0) {
                return null;
            }
            return (RSAPublicKey) KeyFactory.getInstance("RSA").generatePublic(new RSAPublicKeySpec(modulus, exponent));
        } catch (IllegalArgumentException | GeneralSecurityException e) {
            return null;
        }
    }

    private static String textOrEmpty(JsonNode key, String field) {
        String value = JwtJson.text(key, field);
        return value == null ? "" : value;
    }
}
