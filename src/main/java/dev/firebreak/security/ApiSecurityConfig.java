package dev.firebreak.security;

import java.util.List;
import java.util.Optional;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/**
 * Authentication of the HTTP API {@code /api/v1}.
 */
@ConfigMapping(prefix = "firebreak.api")
public interface ApiSecurityConfig {

    /** How API callers authenticate: {@code tokens}, {@code oidc} (not supported yet) or {@code none}; required in production. */
    Optional<ApiAuth> auth();

    /** Comma-separated {@code name:role:sha256hex} entries; role viewer, responder or admin; the hash is of the token. */
    Optional<List<String>> tokens();

    /** When true, {@code /q/metrics} needs an admin token. */
    @WithDefault("false")
    boolean protectMetrics();

    /** When true, {@code /q/openapi} and {@code /q/swagger-ui} need an admin token. */
    @WithDefault("false")
    boolean protectOpenapi();

    /** API authentication modes. */
    enum ApiAuth {
        TOKENS, OIDC, NONE
    }
}
