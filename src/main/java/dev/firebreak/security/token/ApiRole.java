package dev.firebreak.security.token;

import java.util.EnumSet;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;

/**
 * What an API caller may do; each role implies the ones before it.
 */
public enum ApiRole {
    /** Reads incidents and timelines. */
    VIEWER,
    /** Works incidents: acknowledge, steps, notes, resolve, reopen, close. */
    RESPONDER,
    /** Quarantine, configuration views, protected metrics and OpenAPI. */
    ADMIN;

    /** Role names as used in {@code @RolesAllowed}. */
    public static final String VIEWER_NAME = "viewer";
    public static final String RESPONDER_NAME = "responder";
    public static final String ADMIN_NAME = "admin";

    /** The lower-case name used in configuration and {@code @RolesAllowed}. */
    public String wireName() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** This role and every role it implies. */
    public Set<ApiRole> withImplied() {
        return EnumSet.range(VIEWER, this);
    }

    /** The role with this configuration name, if any. */
    public static Optional<ApiRole> fromWire(String name) {
        for (ApiRole role : values()) {
            if (role.wireName().equals(name)) {
                return Optional.of(role);
            }
        }
        return Optional.empty();
    }
}
