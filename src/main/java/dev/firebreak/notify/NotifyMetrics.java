package dev.firebreak.notify;

import java.util.concurrent.atomic.AtomicLong;

import jakarta.enterprise.context.ApplicationScoped;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;

/**
 * Delivery metrics: messages by channel and result, outbox depth and the age of the oldest undelivered event, so an
 * alerting service can tell that its own notifications are stuck.
 */
@ApplicationScoped
public class NotifyMetrics {
    private final MeterRegistry registry;
    private final AtomicLong depth = new AtomicLong();
    private final AtomicLong oldestAgeSeconds = new AtomicLong();

    public NotifyMetrics(MeterRegistry registry) {
        this.registry = registry;
        Gauge.builder("firebreak.notify.outbox.depth", depth, AtomicLong::get)
                .description("Undelivered notification events")
                .register(registry);
        Gauge.builder("firebreak.notify.outbox.oldest.age.seconds", oldestAgeSeconds, AtomicLong::get)
                .description("Age of the oldest undelivered notification event")
                .register(registry);
    }

    /** Counts one message outcome: {@code sent}, {@code retried} or {@code failed}. */
    public void message(String notifier, String channel, String result) {
        registry.counter("firebreak.notify.messages", "notifier", notifier, "channel", channel == null ? "none" : channel,
                "result", result).increment();
    }

    void outbox(long undelivered, long oldestSeconds) {
        depth.set(undelivered);
        oldestAgeSeconds.set(oldestSeconds);
    }

    long oldestAgeSeconds() {
        return oldestAgeSeconds.get();
    }
}
