package dev.firebreak.ingest.pubsub;

import java.time.Duration;
import java.util.Optional;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/**
 * Settings of the Pub/Sub push endpoint {@code POST /pubsub/push}.
 */
@ConfigMapping(prefix = "firebreak.push")
public interface PushConfig {

    /** How push requests are authenticated: {@code oidc}, {@code token} or {@code none}; required in production. */
    Optional<PushAuth> auth();

    /** Shared secret expected as {@code ?token=} when {@code auth=token} (or as an alternative to OIDC). */
    Optional<String> token();

    /** Push bodies larger than this many bytes are refused with 413. */
    @WithDefault("1048576")
    int maxBodyBytes();

    /** Google OIDC verification of push requests. */
    Oidc oidc();

    /** Settings for verifying Pub/Sub's OIDC token. */
    interface Oidc {
        /** Expected {@code aud} claim of Pub/Sub's token. */
        Optional<String> audience();

        /** Expected {@code email} claim: the push subscription's service account. */
        Optional<String> serviceAccount();

        /** Expected {@code iss} claim. */
        @WithDefault("https://accounts.google.com")
        String issuer();

        /** Where Google's signing keys are published (JWKS). */
        @WithDefault("https://www.googleapis.com/oauth2/v3/certs")
        String jwksUrl();

        /** Tolerated difference between our clock and Google's for {@code exp} and {@code iat}. */
        @WithDefault("60s")
        Duration clockSkew();

        /** Least time between two fetches of the key set caused by unknown key ids (a flood of forged ids costs one). */
        @WithDefault("30s")
        Duration jwksMinRefetchInterval();
    }

    /** Push authentication modes. */
    enum PushAuth {
        OIDC, TOKEN, NONE
    }
}
