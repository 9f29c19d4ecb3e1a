package dev.firebreak.ingest.pubsub;

import java.util.function.BooleanSupplier;

import jakarta.enterprise.context.ApplicationScoped;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;

/**
 * Acknowledgements the pull subscriber sends to Pub/Sub; the ingest metrics (transport {@code pull}) count the rest.
 */
@ApplicationScoped
public class PullMetrics {
    /** Nack reason: the message could not be committed now (database down, pool exhausted, timeout). */
    static final String UNAVAILABLE = "unavailable";
    /** Nack reason: the subscriber was stopping and the message had not been started. */
    static final String STOPPING = "stopping";
    /** Nack reason: an unexpected error while ingesting. */
    static final String ERROR = "error";

    private final MeterRegistry registry;
    private final Counter acks;

    public PullMetrics(MeterRegistry registry) {
        this.registry = registry;
        this.acks = Counter.builder("firebreak.pubsub.pull.acks")
                .description("Pulled messages acknowledged to Pub/Sub after their outcome was committed")
                .register(registry);
        for (String reason : new String[]{UNAVAILABLE, STOPPING, ERROR}) {
            nacks(reason);
        }
    }

    /** Exports {@code firebreak_pubsub_pull_running}: 1 while the subscriber runs, else 0; only while pull is enabled. */
    void subscriberRunning(BooleanSupplier running) {
        Gauge.builder("firebreak.pubsub.pull.running", running, supplier -> supplier.getAsBoolean() ? 1 : 0)
                .description("1 while the pull subscriber runs, 0 while it has failed, stopped or is starting")
                .strongReference(true)
                .register(registry);
    }

    void acked() {
        acks.increment();
    }

    void nacked(String reason) {
        nacks(reason).increment();
    }

    private Counter nacks(String reason) {
        return Counter.builder("firebreak.pubsub.pull.nacks")
                .description("Pulled messages handed back to Pub/Sub for redelivery, by reason")
                .tag("reason", reason)
                .register(registry);
    }
}
