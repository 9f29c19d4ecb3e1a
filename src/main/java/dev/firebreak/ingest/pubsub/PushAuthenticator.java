package dev.firebreak.ingest.pubsub;

import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.Clock;
import java.time.Duration;
import java.util.Locale;
import java.util.Map;

import jakarta.inject.Singleton;

import org.jboss.logging.Logger;

import dev.firebreak.http.ProblemException;
import dev.firebreak.ingest.IngestConfig;
import dev.firebreak.security.jwt.HttpJwksSource;
import dev.firebreak.security.jwt.IdTokenRules;
import dev.firebreak.security.jwt.IdTokenVerifier;
import dev.firebreak.security.jwt.InvalidTokenException;
import dev.firebreak.security.jwt.JwksKeyCache;
import dev.firebreak.security.jwt.SigningKeysUnavailableException;

/**
 * Decides whether a push request may be ingested. {@code oidc}: Pub/Sub's Google-signed ID token in
 * {@code Authorization: Bearer}, or the legacy {@code ?token=} when {@code firebreak.push.token} is set; {@code token}:
 * only {@code ?token=}; {@code none}: everything. No credential at all is 401; a credential that does not verify is
 * 403; signing keys that cannot be fetched are 503 (Pub/Sub redelivers). Reasons are short and never quote a token.
 */
@Singleton
public class PushAuthenticator {
    private static final Logger LOG = Logger.getLogger(PushAuthenticator.class);
    private static final String BEARER = "bearer ";

    private final PushConfig config;
    private final IngestConfig ingestConfig;
    private final IdTokenVerifier verifier;

    public PushAuthenticator(PushConfig config, IngestConfig ingestConfig) {
        this.config = config;
        this.ingestConfig = ingestConfig;
        this.verifier = mode() == PushConfig.PushAuth.OIDC ? verifier(config.oidc()) : null;
    }

    private static IdTokenVerifier verifier(PushConfig.Oidc oidc) {
        // missing audience/service account are refused by StartupChecks; until then nothing verifies
        IdTokenRules rules = IdTokenRules.google(oidc.issuer(), oidc.audience().orElse("(unset)"),
                oidc.serviceAccount().orElse("(unset)"), oidc.clockSkew());
        JwksKeyCache keys = new JwksKeyCache(new HttpJwksSource(URI.create(oidc.jwksUrl()), Duration.ofSeconds(5)),
                Clock.systemUTC(), oidc.jwksMinRefetchInterval());
        return new IdTokenVerifier(keys, rules, Clock.systemUTC());
    }

    private PushConfig.PushAuth mode() {
        return config.auth().orElse(PushConfig.PushAuth.NONE);
    }

    /**
     * Returns when the request may be ingested.
     *
     * @param queryToken the {@code ?token=} value, may be null
     * @param authorization the {@code Authorization} header, may be null
     * @throws ProblemException 401, 403 or 503
     */
    public void authenticate(String queryToken, String authorization) {
        switch (mode()) {
            case NONE -> {
            }
            case TOKEN -> checkSharedToken(queryToken, "this endpoint requires the push token");
            case OIDC -> checkOidc(queryToken, authorization);
        }
    }

    private void checkOidc(String queryToken, String authorization) {
        boolean hasBearer = authorization != null && !authorization.isBlank();
        boolean hasQueryToken = queryToken != null && !queryToken.isEmpty() && config.token().isPresent();
        if (!hasBearer && !hasQueryToken) {
            throw new ProblemException(401, "unauthenticated", "Authentication required",
                    "this endpoint requires Pub/Sub's OIDC token (Authorization: Bearer)");
        }
        String rejection = null;
        if (hasBearer) {
            rejection = bearerRejection(authorization);
            if (rejection == null) {
                return;
            }
        }
        if (hasQueryToken && sharedTokenMatches(queryToken)) {
            return;
        }
        throw forbidden(rejection != null ? rejection : "the push token is not valid");
    }

    /** Null when the bearer token verifies, else the reason. */
    private String bearerRejection(String authorization) {
        if (authorization.length() <= BEARER.length()
                || !authorization.substring(0, BEARER.length()).toLowerCase(Locale.ROOT).equals(BEARER)) {
            return "the Authorization header is not a bearer token";
        }
        try {
            verifier.verify(authorization.substring(BEARER.length()).trim());
            return null;
        } catch (InvalidTokenException e) {
            LOG.debugf("push OIDC token refused: %s", e.reason());
            return e.reason();
        } catch (SigningKeysUnavailableException e) {
            LOG.warnf("push OIDC token cannot be checked: %s", e.getMessage());
            throw new ProblemException(503, "push-keys-unavailable", "Service unavailable",
                    "the signing keys to check the token cannot be fetched now; Pub/Sub will redeliver",
                    Map.of("Retry-After", Integer.toString(ingestConfig.retryAfterSeconds())), Map.of());
        }
    }

    private void checkSharedToken(String token, String missingDetail) {
        if (token == null || token.isEmpty()) {
            throw new ProblemException(401, "unauthenticated", "Authentication required", missingDetail);
        }
        if (!sharedTokenMatches(token)) {
            throw forbidden("the push token is not valid");
        }
    }

    private boolean sharedTokenMatches(String token) {
        String expected = config.token().orElse("");
        return !expected.isEmpty() && MessageDigest.isEqual(expected.getBytes(StandardCharsets.UTF_8),
                token.getBytes(StandardCharsets.UTF_8));
    }

    private static ProblemException forbidden(String reason) {
        return new ProblemException(403, "forbidden", "Forbidden", reason);
    }
}
