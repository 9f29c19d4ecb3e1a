package dev.firebreak.security.jwt;

import java.time.Instant;

/**
 * The claims of an ID token that passed every check.
 *
 * @param issuer {@code iss}
 * @param subject {@code sub}, may be null
 * @param email {@code email}
 * @param issuedAt {@code iat}
 * @param expiresAt {@code exp}
 */
public record VerifiedIdToken(String issuer, String subject, String email, Instant issuedAt, Instant expiresAt) {
}
