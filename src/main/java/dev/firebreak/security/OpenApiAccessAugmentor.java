package dev.firebreak.security;

import jakarta.inject.Singleton;

import io.quarkus.security.identity.AuthenticationRequestContext;
import io.quarkus.security.identity.SecurityIdentity;
import io.quarkus.security.identity.SecurityIdentityAugmentor;
import io.quarkus.security.runtime.QuarkusSecurityIdentity;
import io.smallrye.mutiny.Uni;

import dev.firebreak.security.token.ApiRole;

/**
 * With {@code firebreak.api.auth=none} the API is open: the anonymous caller gets every role, so the same
 * {@code @RolesAllowed} resources work unauthenticated (the startup warning says so).
 */
@Singleton
public class OpenApiAccessAugmentor implements SecurityIdentityAugmentor {
    private final ApiAccess access;

    public OpenApiAccessAugmentor(ApiAccess access) {
        this.access = access;
    }

    @Override
    public Uni<SecurityIdentity> augment(SecurityIdentity identity, AuthenticationRequestContext context) {
        if (!access.open() || !identity.isAnonymous()) {
            return Uni.createFrom().item(identity);
        }
        QuarkusSecurityIdentity.Builder builder = QuarkusSecurityIdentity.builder(identity);
        for (ApiRole role : ApiRole.ADMIN.withImplied()) {
            builder.addRole(role.wireName());
        }
        return Uni.createFrom().item(builder.build());
    }
}
