package dev.firebreak.security;

import java.util.Locale;
import java.util.Set;

import jakarta.inject.Singleton;

import io.quarkus.security.AuthenticationFailedException;
import io.quarkus.security.credential.TokenCredential;
import io.quarkus.security.identity.IdentityProviderManager;
import io.quarkus.security.identity.SecurityIdentity;
import io.quarkus.security.identity.request.AuthenticationRequest;
import io.quarkus.security.identity.request.TokenAuthenticationRequest;
import io.quarkus.vertx.http.runtime.security.ChallengeData;
import io.quarkus.vertx.http.runtime.security.HttpAuthenticationMechanism;
import io.quarkus.vertx.http.runtime.security.HttpCredentialTransport;
import io.smallrye.mutiny.Uni;
import io.vertx.ext.web.RoutingContext;

import dev.firebreak.http.RouteProblems;

/**
 * Reads {@code Authorization: Bearer TOKEN} on the API and the protected {@code /q} endpoints. No header means
 * anonymous (the permission checks then answer 401); a header that is not a bearer token, or an unknown token, fails
 * authentication. Other paths (e.g. {@code /pubsub/push}, whose bearer token is Google's) are never looked at.
 */
@Singleton
public class ApiTokenMechanism implements HttpAuthenticationMechanism {
    static final String SCHEME = "bearer";
    private static final String PREFIX = "bearer ";

    private final ApiAccess access;

    public ApiTokenMechanism(ApiAccess access) {
        this.access = access;
    }

    @Override
    public Uni<SecurityIdentity> authenticate(RoutingContext context, IdentityProviderManager identityProviderManager) {
        if (!access.tokensRequired() || !coveredPath(context.normalizedPath())) {
            return Uni.createFrom().nullItem();
        }
        String header = context.request().getHeader("Authorization");
        if (header == null || header.isBlank()) {
            return Uni.createFrom().nullItem();
        }
        if (header.length() <= PREFIX.length()
                || !header.substring(0, PREFIX.length()).toLowerCase(Locale.ROOT).equals(PREFIX)) {
            return Uni.createFrom()
                    .failure(new AuthenticationFailedException("the Authorization header is not a bearer token"));
        }
        String token = header.substring(PREFIX.length()).trim();
        return identityProviderManager.authenticate(new TokenAuthenticationRequest(new TokenCredential(token, SCHEME)));
    }

    /** Paths whose bearer tokens are Firebreak API tokens. */
    static boolean coveredPath(String path) {
        return path != null && (path.equals("/api") || path.startsWith("/api/") || path.startsWith("/q/"));
    }

    @Override
    public Uni<ChallengeData> getChallenge(RoutingContext context) {
        return Uni.createFrom().item(new ChallengeData(401, "WWW-Authenticate", RouteProblems.BEARER_CHALLENGE));
    }

    @Override
    public Uni<Boolean> sendChallenge(RoutingContext context) {
        // the default challenge has no body; callers get the same problem+json as everywhere else
        RouteProblems.unauthorized(context, context.request().getHeader("Authorization") == null
                ? "this endpoint requires an API token (Authorization: Bearer TOKEN)"
                : "the API token is not valid");
        return Uni.createFrom().item(true);
    }

    @Override
    public Set<Class<? extends AuthenticationRequest>> getCredentialTypes() {
        return Set.of(TokenAuthenticationRequest.class);
    }

    @Override
    public Uni<HttpCredentialTransport> getCredentialTransport(RoutingContext context) {
        return Uni.createFrom().item(new HttpCredentialTransport(HttpCredentialTransport.Type.AUTHORIZATION, SCHEME));
    }
}
