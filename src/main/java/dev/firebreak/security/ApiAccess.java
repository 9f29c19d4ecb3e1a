package dev.firebreak.security;

import java.util.List;

import jakarta.inject.Singleton;

import dev.firebreak.security.token.ApiTokenTable;

/**
 * The API authentication mode in effect and the parsed token table (invalid entries fail at startup).
 */
@Singleton
public class ApiAccess {
    private final ApiSecurityConfig.ApiAuth mode;
    private final ApiTokenTable tokens;

    public ApiAccess(ApiSecurityConfig config) {
        this.mode = config.auth().orElse(null);
        this.tokens = ApiTokenTable.parse(config.tokens().orElse(List.of()));
    }

    /** The configured mode; null when unconfigured (startup refuses that outside local and test). */
    public ApiSecurityConfig.ApiAuth mode() {
        return mode;
    }

    /** True when callers must present a token; fails closed for any mode other than an explicit {@code none}. */
    public boolean tokensRequired() {
        return !open();
    }

    /** True only for an explicit {@code none}: no authentication, every caller may do everything. */
    public boolean open() {
        return mode == ApiSecurityConfig.ApiAuth.NONE;
    }

    public ApiTokenTable tokens() {
        return tokens;
    }
}
