package dev.firebreak.notify;

import java.time.Duration;
import java.util.Set;

/**
 * What a notifier achieved for one incident's pending events.
 *
 * @param delivered outbox ids now delivered (or deliberately skipped)
 * @param outcome what holds for the rest
 * @param retryAfter for {@link Outcome#RETRY}: when to try again (null: the dispatcher's backoff)
 * @param error human reason for a retry or a permanent failure
 */
public record DeliveryResult(Set<Long> delivered, Outcome outcome, Duration retryAfter, String error) {

    /** What holds for the events not in {@code delivered}. */
    public enum Outcome {
        /** Nothing left. */
        DONE,
        /** Try the rest again later. */
        RETRY,
        /** The rest can never be delivered (bad channel, bad token, …): record and stop. */
        PERMANENT
    }

    public static DeliveryResult done(Set<Long> delivered) {
        return new DeliveryResult(Set.copyOf(delivered), Outcome.DONE, null, null);
    }

    public static DeliveryResult retry(Set<Long> delivered, Duration retryAfter, String error) {
        return new DeliveryResult(Set.copyOf(delivered), Outcome.RETRY, retryAfter, error);
    }

    public static DeliveryResult permanent(Set<Long> delivered, String error) {
        return new DeliveryResult(Set.copyOf(delivered), Outcome.PERMANENT, null, error);
    }
}
