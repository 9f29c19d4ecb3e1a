package dev.firebreak.ingest;

import java.time.Duration;

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

    /** Group commit: concurrent messages share one transaction (and one disk flush). */
    GroupCommit groupCommit();

    /** Group commit settings. */
    interface GroupCommit {
        /** Whether concurrent messages are committed together; off means one transaction per message. */
        @WithDefault("true")
        boolean enabled();

        /** Threads committing batches in parallel; fewer make larger batches, so each message costs the database less. */
        @WithDefault("2")
        int committers();

        /** Most messages in one transaction. */
        @WithDefault("64")
        int maxBatch();

        /** How long a batch waits for more messages after its first was queued; 0 commits whatever is queued at once. */
        @WithDefault("5ms")
        Duration maxWait();

        /** A batch holding this many messages is committed without waiting for more (company enough to share one commit). */
        @WithDefault("8")
        int targetBatch();

        /** Messages waiting for a committer at most; beyond it callers get 503. */
        @WithDefault("4096")
        int queueCapacity();

        /** How long a caller waits for room in the queue. */
        @WithDefault("1s")
        Duration enqueueTimeout();

        /** How long a caller waits for its commit before answering 503 (below Pub/Sub's 10 s ack deadline). */
        @WithDefault("8s")
        Duration answerTimeout();
    }
}
