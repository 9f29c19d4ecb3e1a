package dev.firebreak.security.jwt;

import java.io.IOException;
import java.security.interfaces.RSAPublicKey;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;

/**
 * Signing keys from a {@link JwksSource}, cached for as long as the host allows (bounded), refetched once when a token
 * names an unknown {@code kid} (key rotation), but at most once per {@code minRefetchInterval}: a flood of tokens with
 * made-up key ids costs one request to the key host per interval, not one per token. When a refresh fails the cached
 * keys stay in use.
 */
public final class JwksKeyCache implements SigningKeys {
    static final Duration DEFAULT_TTL = Duration.ofHours(1);
    static final Duration MIN_TTL = Duration.ofMinutes(1);
    static final Duration MAX_TTL = Duration.ofHours(24);

    private final JwksSource source;
    private final Clock clock;
    private final Duration minRefetchInterval;
    private volatile Snapshot snapshot;
    private Instant lastAttempt;

    private record Snapshot(Map<String, RSAPublicKey> keys, Instant expiresAt) {
    }

    public JwksKeyCache(JwksSource source, Clock clock, Duration minRefetchInterval) {
        this.source = source;
        this.clock = clock;
        this.minRefetchInterval = minRefetchInterval;
    }

    @Override
    public Optional<RSAPublicKey> find(String keyId) {
        Snapshot current = snapshot;
        if (current != null && clock.instant().isBefore(current.expiresAt()) && current.keys().containsKey(keyId)) {
            return Optional.of(current.keys().get(keyId));
        }
        return refreshAndFind(keyId);
    }

    private synchronized Optional<RSAPublicKey> refreshAndFind(String keyId) {
        Instant now = clock.instant();
        Snapshot current = snapshot;
        boolean fresh = current != null && now.isBefore(current.expiresAt());
        if (fresh && current.keys().containsKey(keyId)) {
            // another thread refreshed while this one waited
            return Optional.of(current.keys().get(keyId));
        }
        boolean mayFetch = lastAttempt == null || !now.isBefore(lastAttempt.plus(minRefetchInterval));
        if (mayFetch) {
            lastAttempt = now;
            try {
                JwksSource.Document document = source.fetch();
                Map<String, RSAPublicKey> keys = JwksParser.parse(document.body());
                current = new Snapshot(keys, now.plus(ttl(document.maxAge())));
                snapshot = current;
            } catch (IOException | IllegalArgumentException e) {
                if (current == null) {
                    throw new SigningKeysUnavailableException("the signing keys could not be fetched: " + e.getMessage(),
                            e);
                }
                // keep the stale keys: refusing every push while the key host is unreachable helps nobody
            }
        } else if (current == null) {
            throw new SigningKeysUnavailableException("the signing keys could not be fetched recently; retrying soon",
                    null);
        }
        return Optional.ofNullable(current.keys().get(keyId));
    }

    private static Duration ttl(Optional<Duration> maxAge) {
        Duration ttl = maxAge.orElse(DEFAULT_TTL);
        if (ttl.compareTo(MIN_TTL) < 0) {
            return MIN_TTL;
        }
        return ttl.compareTo(MAX_TTL) > 0 ? MAX_TTL : ttl;
    }
}
