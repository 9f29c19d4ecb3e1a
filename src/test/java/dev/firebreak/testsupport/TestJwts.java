package dev.firebreak.testsupport;

import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.security.Signature;
import java.security.interfaces.RSAPublicKey;
import java.security.spec.PKCS8EncodedKeySpec;
import java.security.spec.X509EncodedKeySpec;
import java.time.Instant;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Map;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * Test JWTs the way Google signs Pub/Sub's push tokens (RS256, {@code kid}), plus the forgeries a verifier must refuse,
 * and the JWKS documents that publish the keys.
 */
public final class TestJwts {
    /** Key id of the shared key pair in the served JWKS. */
    public static final String KID = "firebreak-test-key-1";
    public static final String AUDIENCE = "https://firebreak.example.com/pubsub/push";
    public static final String SERVICE_ACCOUNT = "pubsub-push@shop-prod.iam.gserviceaccount.com";
    public static final String ISSUER = "https://accounts.google.com";
    private static final String SHARED_PRIVATE = "firebreak.test.jwt.private-pkcs8";
    private static final String SHARED_PUBLIC = "firebreak.test.jwt.public-x509";
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Base64.Encoder B64URL = Base64.getUrlEncoder().withoutPadding();

    private TestJwts() {
    }

    /** A fresh 2048-bit RSA key pair. */
    public static KeyPair generate() {
        try {
            KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
            generator.initialize(2048);
            return generator.generateKeyPair();
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    /**
     * One key pair for the whole JVM, kept in system properties so the JWKS test resource and the tests (loaded by
     * different class loaders under {@code @QuarkusTest}) agree on it.
     */
    public static synchronized KeyPair shared() {
        synchronized (System.getProperties()) {
            if (System.getProperty(SHARED_PRIVATE) == null) {
                KeyPair pair = generate();
                System.setProperty(SHARED_PRIVATE, Base64.getEncoder().encodeToString(pair.getPrivate().getEncoded()));
                System.setProperty(SHARED_PUBLIC, Base64.getEncoder().encodeToString(pair.getPublic().getEncoded()));
            }
            try {
                KeyFactory rsa = KeyFactory.getInstance("RSA");
                PrivateKey privateKey = rsa.generatePrivate(
                        new PKCS8EncodedKeySpec(Base64.getDecoder().decode(System.getProperty(SHARED_PRIVATE))));
                PublicKey publicKey = rsa.generatePublic(
                        new X509EncodedKeySpec(Base64.getDecoder().decode(System.getProperty(SHARED_PUBLIC))));
                return new KeyPair(publicKey, privateKey);
            } catch (GeneralSecurityException e) {
                throw new IllegalStateException(e);
            }
        }
    }

    /** Claims as in Google's documented push token example, issued at {@code iat}, valid one hour. */
    public static Map<String, Object> googleClaims(Instant iat) {
        Map<String, Object> claims = new LinkedHashMap<>();
        claims.put("aud", AUDIENCE);
        claims.put("azp", "113774264463038321964");
        claims.put("email", SERVICE_ACCOUNT);
        claims.put("sub", "113774264463038321964");
        claims.put("email_verified", true);
        claims.put("exp", iat.getEpochSecond() + 3600);
        claims.put("iat", iat.getEpochSecond());
        claims.put("iss", ISSUER);
        return claims;
    }

    /** The RS256 header Google uses. */
    public static Map<String, Object> header(String alg, String kid) {
        Map<String, Object> header = new LinkedHashMap<>();
        header.put("alg", alg);
        if (kid != null) {
            header.put("kid", kid);
        }
        header.put("typ", "JWT");
        return header;
    }

    /** A valid Google-style token signed with the shared key. */
    public static String valid(Instant iat) {
        return rs256(header("RS256", KID), googleClaims(iat), shared().getPrivate());
    }

    /** Signs header and claims with RS256. */
    public static String rs256(Map<String, Object> header, Map<String, Object> claims, PrivateKey key) {
        return rs256Raw(json(header), json(claims), key);
    }

    /** Signs raw JSON texts (to test duplicate keys and other shapes a map cannot express). */
    public static String rs256Raw(String headerJson, String claimsJson, PrivateKey key) {
        String signingInput = b64(headerJson) + "." + b64(claimsJson);
        try {
            Signature signature = Signature.getInstance("SHA256withRSA");
            signature.initSign(key);
            signature.update(signingInput.getBytes(StandardCharsets.US_ASCII));
            return signingInput + "." + B64URL.encodeToString(signature.sign());
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    /** The classic forgery: HS256 with the RSA public key's bytes as the HMAC secret. */
    public static String hs256(Map<String, Object> claims, byte[] secret) {
        String signingInput = b64(json(header("HS256", KID))) + "." + b64(json(claims));
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(secret, "HmacSHA256"));
            return signingInput + "." + B64URL.encodeToString(mac.doFinal(signingInput.getBytes(StandardCharsets.US_ASCII)));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    /** An unsecured token ({@code alg: none}, empty signature). */
    public static String unsigned(Map<String, Object> claims) {
        return b64(json(header("none", KID))) + "." + b64(json(claims)) + ".";
    }

    /** A JWKS publishing these keys. */
    public static String jwks(Map<String, RSAPublicKey> keys) {
        ObjectNode root = JSON.createObjectNode();
        ArrayNode array = root.putArray("keys");
        keys.forEach((kid, key) -> {
            ObjectNode jwk = array.addObject();
            jwk.put("kty", "RSA");
            jwk.put("alg", "RS256");
            jwk.put("use", "sig");
            jwk.put("kid", kid);
            jwk.put("n", unsigned(key.getModulus()));
            jwk.put("e", unsigned(key.getPublicExponent()));
        });
        return root.toString();
    }

    /** The JWKS of the shared key. */
    public static String sharedJwks() {
        return jwks(Map.of(KID, (RSAPublicKey) shared().getPublic()));
    }

    /** Replaces the payload of a signed token, keeping header and signature. */
    public static String withPayload(String token, Map<String, Object> claims) {
        String[] parts = token.split("\\.");
        return parts[0] + "." + b64(json(claims)) + "." + parts[2];
    }

    /** Flips one bit in the middle of the signature. */
    public static String withTamperedSignature(String token) {
        String[] parts = token.split("\\.");
        byte[] signature = Base64.getUrlDecoder().decode(parts[2]);
        signature[signature.length / 2] ^= 0x01;
        return parts[0] + "." + parts[1] + "." + B64URL.encodeToString(signature);
    }

    public static String b64(String text) {
        return B64URL.encodeToString(text.getBytes(StandardCharsets.UTF_8));
    }

    private static String unsigned(BigInteger value) {
        byte[] bytes = value.toByteArray();
        if (bytes.length > 1 && bytes[0] == 0) {
            byte[] trimmed = new byte[bytes.length - 1];
            System.arraycopy(bytes, 1, trimmed, 0, trimmed.length);
            bytes = trimmed;
        }
        return B64URL.encodeToString(bytes);
    }

    private static String json(Object value) {
        try {
            return JSON.writeValueAsString(value);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

}
