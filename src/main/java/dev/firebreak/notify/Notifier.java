package dev.firebreak.notify;

import java.util.List;

/**
 * Delivers an incident's pending events to one channel (Slack, or the log). Called with the incident's notifier lease
 * held, so at most one replica delivers a given incident at a time; must be safe to call again after a crash at any
 * point (record progress before and after each non-idempotent call).
 */
public interface Notifier {

    /**
     * @param notice the incident's current state
     * @param events its undelivered events, oldest first
     */
    DeliveryResult deliver(IncidentNotice notice, List<OutboxEvent> events);

    /** A short name for metrics and logs. */
    String name();
}
