package dev.firebreak.ingest;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/**
 * Ingestion settings.
 */
@ConfigMapping(prefix = "firebreak.ingest")
public interface IngestConfig {

    /** Largest notification JSON kept verbatim for audit, in bytes; longer ones are truncated. */
    @WithDefault("65536")
    int rawJsonMaxBytes();

    /** Largest raw message kept in quarantine, in bytes; longer ones are truncated. */
    @WithDefault("65536")
    int quarantineMaxBytes();

    /** Seconds suggested to Pub/Sub in {@code Retry-After} when a message cannot be committed now. */
    @WithDefault("5")
    int retryAfterSeconds();

    /** How many times one message is retried in-process after a write conflict with another replica. */
    @WithDefault("3")
    int conflictRetries();
}
