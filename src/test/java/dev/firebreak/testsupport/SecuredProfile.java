package dev.firebreak.testsupport;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;

import io.quarkus.test.junit.QuarkusTestProfile;

/**
 * Production-like security: push verified by OIDC (JWKS on loopback) with the legacy {@code ?token=} as alternative,
 * the API behind bearer tokens (one per role), metrics and OpenAPI admin-only. Shared by the security tests so Quarkus
 * boots once for all of them.
 */
public class SecuredProfile implements QuarkusTestProfile {
    public static final String PUSH_TOKEN = "legacy-push-token-0123456789";
    public static final String VIEWER_TOKEN = "fbk_viewer_9f8e7d6c5b4a";
    public static final String RESPONDER_TOKEN = "fbk_responder_1a2b3c4d5e6f";
    public static final String ADMIN_TOKEN = "fbk_admin_0a1b2c3d4e5f";
    public static final String VIEWER = "vic-viewer";
    public static final String RESPONDER = "rita-responder";
    public static final String ADMIN = "ada-admin";

    @Override
    public Map<String, String> getConfigOverrides() {
        return Map.of(
                "firebreak.push.auth", "oidc",
                "firebreak.push.token", PUSH_TOKEN,
                "firebreak.push.oidc.audience", TestJwts.AUDIENCE,
                "firebreak.push.oidc.service-account", TestJwts.SERVICE_ACCOUNT,
                "firebreak.api.auth", "tokens",
                "firebreak.api.tokens", VIEWER + ":viewer:" + sha256(VIEWER_TOKEN) + "," + RESPONDER + ":responder:"
                        + sha256(RESPONDER_TOKEN) + "," + ADMIN + ":admin:" + sha256(ADMIN_TOKEN),
                "firebreak.api.protect-metrics", "true",
                "firebreak.api.protect-openapi", "true");
    }

    @Override
    public List<TestResourceEntry> testResources() {
        return List.of(new TestResourceEntry(JwksTestResource.class));
    }

    /** {@code Authorization} header value for a token. */
    public static String bearer(String token) {
        return "Bearer " + token;
    }

    static String sha256(String token) {
        try {
            return HexFormat.of()
                    .formatHex(MessageDigest.getInstance("SHA-256")
                            .digest(token.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
