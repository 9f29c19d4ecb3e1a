package dev.firebreak.notify;

import java.time.Duration;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/**
 * How the outbox is delivered.
 */
@ConfigMapping(prefix = "firebreak.notify")
public interface NotifyConfig {

    /** Whether this replica delivers notifications at all. */
    @WithDefault("true")
    boolean enabled();

    /** How often the outbox is polled for due events. */
    @WithDefault("1s")
    Duration pollInterval();

    /** How many incidents one poll delivers at most. */
    @WithDefault("20")
    int batchSize();

    /** How long a replica holds an incident's delivery lease; another replica takes over after it expires. */
    @WithDefault("60s")
    Duration lease();

    /** First retry delay after a retryable failure; doubles per attempt, with jitter, and ends when a channel is back. */
    @WithDefault("2s")
    Duration backoffBase();

    /** Longest retry delay. */
    @WithDefault("5m")
    Duration backoffMax();

    /** The notifications health check reports DOWN when the oldest undelivered event is older than this. */
    @WithDefault("5m")
    Duration stuckAfter();
}
