package dev.firebreak.ingest.pubsub;

import java.time.Duration;
import java.util.Optional;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/**
 * Settings of Pub/Sub pull ingestion (the streaming-pull subscriber); none of them matter while pull is disabled.
 */
@ConfigMapping(prefix = "firebreak.pubsub")
public interface PubSubPullConfig {

    /** The pull subscriber itself. */
    Pull pull();

    /** Google Cloud project of the subscription (not needed when the subscription is given as a full name). */
    Optional<String> project();

    /** Subscription id to pull from, or its full name {@code projects/P/subscriptions/S}. */
    Optional<String> subscription();

    /** {@code host:port} of a Pub/Sub emulator (plaintext, no credentials); defaults to {@code PUBSUB_EMULATOR_HOST}. */
    Optional<String> emulatorHost();

    /** Flow control: at most this many messages are received and not yet acknowledged. */
    @WithDefault("1000")
    long maxOutstandingMessages();

    /** Flow control: at most this many bytes of messages are received and not yet acknowledged. */
    @WithDefault("104857600")
    long maxOutstandingBytes();

    /** Settings of the pull subscriber. */
    interface Pull {
        /** Whether to run the pull subscriber; off by default, so nothing connects to Google. */
        @WithDefault("false")
        boolean enabled();

        /** How many messages are ingested at the same time (worker threads); keep it below the database pool size. */
        @WithDefault("8")
        int concurrency();

        /** How long shutdown waits for messages being ingested before the rest is handed back to Pub/Sub. */
        @WithDefault("20S")
        Duration shutdownTimeout();

        /** Pause before a message that could not be committed is handed back (nack), so an outage is no hot loop. */
        @WithDefault("1S")
        Duration nackDelay();

        /** Pause before a failed subscriber (subscription missing, permission denied, …) is started again. */
        @WithDefault("10S")
        Duration restartDelay();
    }
}
