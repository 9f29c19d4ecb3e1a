package dev.firebreak.security;

import jakarta.inject.Singleton;

import io.quarkus.arc.Arc;
import io.quarkus.arc.Unremovable;
import io.quarkus.security.UnauthorizedException;
import io.quarkus.security.identity.CurrentIdentityAssociation;
import io.quarkus.security.identity.SecurityIdentity;

import dev.firebreak.http.ProblemException;

/**
 * Who is doing this, for the timeline: the verified caller's token name when API authentication is on (whatever the
 * body says), the body's {@code actor} only when the API is open.
 */
@Singleton
@Unremovable // looked up programmatically by resources that keep a static helper
public class ActingUser {
    private final ApiAccess access;
    private final CurrentIdentityAssociation identities;

    public ActingUser(ApiAccess access, CurrentIdentityAssociation identities) {
        this.access = access;
        this.identities = identities;
    }

    /** The acting user of the current request (for resources that keep a static helper). */
    public static String of(String bodyActor) {
        return Arc.container().instance(ActingUser.class).get().resolve(bodyActor);
    }

    /**
     * @param bodyActor the {@code actor} field of the request body, may be null
     * @return the name to record
     */
    public String resolve(String bodyActor) {
        if (access.open()) {
            if (bodyActor == null || bodyActor.isBlank()) {
                throw ProblemException.badRequest("actor is required: who is doing this");
            }
            return bodyActor.trim();
        }
        SecurityIdentity identity = identities.getIdentity();
        if (identity == null || identity.isAnonymous()) {
            throw new UnauthorizedException();
        }
        return identity.getPrincipal().getName();
    }
}
