package dev.firebreak.notify;

import java.time.Instant;

/**
 * One undelivered outbox row with the timeline event it announces.
 *
 * @param outboxId outbox row id (delivery order within the incident)
 * @param kind event type wire name, e.g. {@code acknowledged}
 * @param at when the event happened
 * @param actor who caused it
 * @param detail the timeline sentence
 * @param attempts delivery attempts so far
 */
public record OutboxEvent(long outboxId, String kind, Instant at, String actor, String detail, int attempts) {
}
