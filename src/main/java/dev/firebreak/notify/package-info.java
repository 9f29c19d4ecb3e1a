/**
 * Notification delivery: reads the outbox the incident transactions write, and delivers it through a channel-specific
 * {@link dev.firebreak.notify.Notifier} with leases, ordering per incident, retry with backoff, and metrics. A channel
 * outage only delays messages; it never loses them and never rolls back an incident.
 */
package dev.firebreak.notify;
