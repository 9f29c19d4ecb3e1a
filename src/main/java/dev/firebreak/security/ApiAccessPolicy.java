package dev.firebreak.security;

import java.util.Set;

import io.quarkus.security.identity.SecurityIdentity;
import io.quarkus.vertx.http.runtime.security.HttpSecurityPolicy;
import io.smallrye.mutiny.Uni;
import io.vertx.ext.web.RoutingContext;

import dev.firebreak.security.token.ApiRole;

/**
 * The baseline rule for everything under {@code /api}, so an endpoint nobody annotated is still protected: reading
 * (GET, HEAD, OPTIONS) needs viewer, anything else needs responder. Resources add stricter rules with
 * {@code @RolesAllowed} (e.g. admin for the quarantine). Open when {@code firebreak.api.auth=none}.
 */
final class ApiAccessPolicy implements HttpSecurityPolicy {
    private static final Set<String> READ_METHODS = Set.of("GET", "HEAD", "OPTIONS");

    private final ApiAccess access;

    ApiAccessPolicy(ApiAccess access) {
        this.access = access;
    }

    @Override
    public Uni<CheckResult> checkPermission(RoutingContext request, Uni<SecurityIdentity> identity,
            AuthorizationRequestContext requestContext) {
        if (access.open()) {
            return CheckResult.permit();
        }
        String needed = requiredRole(request.request().method().name()).wireName();
        return identity.map(caller -> !caller.isAnonymous() && caller.hasRole(needed)
                ? CheckResult.PERMIT
                : CheckResult.DENY);
    }

    static ApiRole requiredRole(String method) {
        return READ_METHODS.contains(method) ? ApiRole.VIEWER : ApiRole.RESPONDER;
    }
}
