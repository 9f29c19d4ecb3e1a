package dev.firebreak.security;

import jakarta.enterprise.event.Observes;
import jakarta.inject.Singleton;

import io.quarkus.security.AuthenticationFailedException;
import io.quarkus.security.ForbiddenException;
import io.quarkus.security.UnauthorizedException;
import io.quarkus.vertx.http.security.HttpSecurity;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;

import dev.firebreak.http.RouteProblems;
import dev.firebreak.security.token.ApiRole;

/**
 * Path rules of the HTTP layer (the API baseline, optionally admin-only metrics and OpenAPI) and problem+json for the
 * 401/403 answers given there, below JAX-RS. {@code /q/health} is never protected.
 */
@Singleton
public class HttpSecuritySetup {
    private final ApiAccess access;
    private final ApiSecurityConfig config;

    public HttpSecuritySetup(ApiAccess access, ApiSecurityConfig config) {
        this.access = access;
        this.config = config;
    }

    void permissions(@Observes HttpSecurity http) {
        http.path("/api/*").policy(new ApiAccessPolicy(access));
        if (config.protectMetrics()) {
            http.path("/q/metrics", "/q/metrics/*").roles(ApiRole.ADMIN_NAME);
        }
        if (config.protectOpenapi()) {
            http.path("/q/openapi", "/q/openapi/*", "/q/swagger-ui", "/q/swagger-ui/*").roles(ApiRole.ADMIN_NAME);
        }
    }

    void problemResponses(@Observes Router router) {
        router.route().order(Integer.MIN_VALUE).failureHandler(HttpSecuritySetup::onFailure);
    }

    private static void onFailure(RoutingContext context) {
        Throwable failure = context.failure();
        int status = context.statusCode();
        if (failure instanceof ForbiddenException || failure == null && status == 403) {
            RouteProblems.forbidden(context, "this API token does not have the role this needs");
        } else if (failure instanceof UnauthorizedException || failure instanceof AuthenticationFailedException
                || failure == null && status == 401) {
            RouteProblems.unauthorized(context, "this endpoint requires an API token (Authorization: Bearer TOKEN)");
        } else if (failure == null && status >= 400 && status < 500) {
            RouteProblems.clientError(context, status);
        } else {
            context.next();
        }
    }
}
