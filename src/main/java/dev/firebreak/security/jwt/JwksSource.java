package dev.firebreak.security.jwt;

import java.io.IOException;
import java.time.Duration;
import java.util.Optional;

/**
 * Where a key set comes from (Google over HTTPS in production, a loopback server or a lambda in tests).
 */
@FunctionalInterface
public interface JwksSource {
    /** Fetches the key set document now. */
    Document fetch() throws IOException;

    /**
     * A fetched key set.
     *
     * @param body the JSON bytes
     * @param maxAge how long the host says it may be cached, when it says so
     */
    record Document(byte[] body, Optional<Duration> maxAge) {
    }
}
