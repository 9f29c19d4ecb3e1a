package dev.firebreak.security.jwt;

import java.time.Duration;
import java.util.LinkedHashSet;
import java.util.Objects;
import java.util.Set;

/**
 * What an acceptable ID token must say: who issued it, for whom, about which verified account, and how fresh it is.
 *
 * @param issuers accepted {@code iss} values
 * @param audience the required {@code aud}
 * @param email the required {@code email} (with {@code email_verified} true)
 * @param clockSkew tolerance for {@code exp}, {@code iat} and {@code nbf}
 * @param maxAge oldest accepted {@code iat}
 */
public record IdTokenRules(Set<String> issuers, String audience, String email, Duration clockSkew, Duration maxAge) {
    /** Google's canonical issuer; its tokens may also carry the bare host form. */
    public static final String GOOGLE_ISSUER = "https://accounts.google.com";
    private static final String GOOGLE_BARE_ISSUER = "accounts.google.com";
    /** Pub/Sub's tokens "can be up to one hour old". */
    public static final Duration DEFAULT_MAX_AGE = Duration.ofHours(1);
    /** Usual tolerance between our clock and Google's. */
    public static final Duration DEFAULT_CLOCK_SKEW = Duration.ofSeconds(60);

    /** Validates and copies. */
    public IdTokenRules {
        issuers = Set.copyOf(issuers);
        Objects.requireNonNull(audience, "audience");
        Objects.requireNonNull(email, "email");
        Objects.requireNonNull(clockSkew, "clockSkew");
        Objects.requireNonNull(maxAge, "maxAge");
        if (issuers.isEmpty() || audience.isBlank() || email.isBlank()) {
            throw new IllegalArgumentException("issuer, audience and email must not be blank");
        }
        if (clockSkew.isNegative() || maxAge.isNegative() || maxAge.isZero()) {
            throw new IllegalArgumentException("clock skew must not be negative and the maximum age must be positive");
        }
    }

    /**
     * Rules for a Google-issued token: the configured issuer, plus {@code accounts.google.com} when it is Google's.
     */
    public static IdTokenRules google(String issuer, String audience, String email, Duration clockSkew) {
        Set<String> issuers = new LinkedHashSet<>();
        issuers.add(issuer);
        if (GOOGLE_ISSUER.equals(issuer)) {
            issuers.add(GOOGLE_BARE_ISSUER);
        }
        return new IdTokenRules(issuers, audience, email, clockSkew, DEFAULT_MAX_AGE);
    }
}
