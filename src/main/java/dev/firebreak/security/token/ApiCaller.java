package dev.firebreak.security.token;

/**
 * A verified API caller: the token's name (recorded as the actor) and its role.
 */
public record ApiCaller(String name, ApiRole role) {
}
