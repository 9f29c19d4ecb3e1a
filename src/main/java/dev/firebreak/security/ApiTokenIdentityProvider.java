package dev.firebreak.security;

import jakarta.inject.Singleton;

import io.quarkus.security.AuthenticationFailedException;
import io.quarkus.security.identity.AuthenticationRequestContext;
import io.quarkus.security.identity.IdentityProvider;
import io.quarkus.security.identity.SecurityIdentity;
import io.quarkus.security.identity.request.TokenAuthenticationRequest;
import io.quarkus.security.runtime.QuarkusPrincipal;
import io.quarkus.security.runtime.QuarkusSecurityIdentity;
import io.smallrye.mutiny.Uni;

import dev.firebreak.security.token.ApiCaller;
import dev.firebreak.security.token.ApiRole;

/**
 * Turns a bearer token into the identity of its configured name, with its role and every role it implies.
 */
@Singleton
public class ApiTokenIdentityProvider implements IdentityProvider<TokenAuthenticationRequest> {
    private final ApiAccess access;

    public ApiTokenIdentityProvider(ApiAccess access) {
        this.access = access;
    }

    @Override
    public Class<TokenAuthenticationRequest> getRequestType() {
        return TokenAuthenticationRequest.class;
    }

    @Override
    public Uni<SecurityIdentity> authenticate(TokenAuthenticationRequest request, AuthenticationRequestContext context) {
        // hashing one token and comparing a handful of hashes is cheap enough for the event loop
        return access.tokens()
                .match(request.getToken().getToken())
                .map(ApiTokenIdentityProvider::identity)
                .map(identity -> Uni.createFrom().item(identity))
                .orElseGet(() -> Uni.createFrom().failure(new AuthenticationFailedException("the API token is not valid")));
    }

    static SecurityIdentity identity(ApiCaller caller) {
        QuarkusSecurityIdentity.Builder builder = QuarkusSecurityIdentity.builder()
                .setPrincipal(new QuarkusPrincipal(caller.name()));
        for (ApiRole role : caller.role().withImplied()) {
            builder.addRole(role.wireName());
        }
        return builder.build();
    }
}
