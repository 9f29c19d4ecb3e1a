package dev.firebreak.testsupport;

import java.util.Map;

import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;

/**
 * Serves the shared test key as Google's JWKS on a loopback server and points {@code firebreak.push.oidc.jwks-url} at
 * it, so OIDC push verification runs without network.
 */
public class JwksTestResource implements QuarkusTestResourceLifecycleManager {
    private CapturingHttpServer server;

    @Override
    public Map<String, String> start() {
        server = CapturingHttpServer.start();
        server.respondWith(CannedResponse.json(200, TestJwts.sharedJwks())
                .withHeader("Cache-Control",
                        "public, max-age=19204, must-revalidate, no-transform"));
        return Map.of("firebreak.push.oidc.jwks-url", server.url("/oauth2/v3/certs"));
    }

    @Override
    public void stop() {
        if (server != null) {
            server.close();
        }
    }
}
