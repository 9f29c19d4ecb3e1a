package dev.firebreak.security.jwt;

import java.security.interfaces.RSAPublicKey;
import java.util.Optional;

/**
 * Finds the RSA key a token names in its {@code kid} header.
 */
public interface SigningKeys {
    /**
     * The key with this id, or empty when it is unknown (implementations may refresh their keys once, rate-limited).
     *
     * @throws SigningKeysUnavailableException when no keys can be obtained at all (the key host is unreachable)
     */
    Optional<RSAPublicKey> find(String keyId);
}
