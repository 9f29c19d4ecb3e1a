package dev.firebreak.testsupport;

import java.time.Duration;

/**
 * Immutable settings for a subscription created through {@link PubSubAdmin}; every {@code with…}-style method returns
 * a copy. Push-only settings (wrapper, OIDC) are rejected for pull subscriptions.
 *
 * @param noWrapper deliver the raw message bytes instead of the JSON envelope ({@code pushConfig.noWrapper})
 * @param writeMetadata with {@code noWrapper}: send message id, publish time, subscription and attributes as headers
 * @param ackDeadlineSeconds ack deadline, null for the emulator default (10 s)
 * @param minimumBackoff retry policy minimum backoff, null for no retry policy
 * @param maximumBackoff retry policy maximum backoff, null for no retry policy
 * @param deadLetterTopic dead-letter topic id or full name, null for no dead-letter policy
 * @param maxDeliveryAttempts dead-letter threshold (5 to 100)
 * @param oidcServiceAccountEmail push OIDC service account, null for none (the emulator stores it but sends no token)
 * @param oidcAudience push OIDC audience, may be null
 */
public record SubscriptionOptions(
        boolean noWrapper,
        boolean writeMetadata,
        Integer ackDeadlineSeconds,
        Duration minimumBackoff,
        Duration maximumBackoff,
        String deadLetterTopic,
        int maxDeliveryAttempts,
        String oidcServiceAccountEmail,
        String oidcAudience) {

    /** Emulator defaults: wrapped push, 10 s ack deadline, no retry or dead-letter policy. */
    public static SubscriptionOptions defaults() {
        return new SubscriptionOptions(false, false, null, null, null, null, 0, null, null);
    }

    /** Unwrapped push; with {@code writeMetadata} the metadata travels in {@code x-goog-pubsub-*} headers. */
    public SubscriptionOptions unwrapped(boolean withMetadata) {
        return new SubscriptionOptions(true, withMetadata, ackDeadlineSeconds, minimumBackoff, maximumBackoff,
                deadLetterTopic, maxDeliveryAttempts, oidcServiceAccountEmail, oidcAudience);
    }

    /** Sets the ack deadline in seconds. */
    public SubscriptionOptions ackDeadline(int seconds) {
        return new SubscriptionOptions(noWrapper, writeMetadata, seconds, minimumBackoff, maximumBackoff,
                deadLetterTopic, maxDeliveryAttempts, oidcServiceAccountEmail, oidcAudience);
    }

    /** Adds an exponential-backoff retry policy. */
    public SubscriptionOptions retryPolicy(Duration minimum, Duration maximum) {
        return new SubscriptionOptions(noWrapper, writeMetadata, ackDeadlineSeconds, minimum, maximum,
                deadLetterTopic, maxDeliveryAttempts, oidcServiceAccountEmail, oidcAudience);
    }

    /** Adds a dead-letter policy; {@code topic} is a topic id in the same project or a full topic name. */
    public SubscriptionOptions deadLetterPolicy(String topic, int maxAttempts) {
        return new SubscriptionOptions(noWrapper, writeMetadata, ackDeadlineSeconds, minimumBackoff, maximumBackoff,
                topic, maxAttempts, oidcServiceAccountEmail, oidcAudience);
    }

    /** Configures OIDC push authentication (accepted and echoed by the emulator, which sends no token). */
    public SubscriptionOptions oidcToken(String serviceAccountEmail, String audience) {
        return new SubscriptionOptions(noWrapper, writeMetadata, ackDeadlineSeconds, minimumBackoff, maximumBackoff,
                deadLetterTopic, maxDeliveryAttempts, serviceAccountEmail, audience);
    }

    boolean hasPushOnlySettings() {
        return noWrapper || writeMetadata || oidcServiceAccountEmail != null || oidcAudience != null;
    }
}
