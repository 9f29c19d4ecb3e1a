package dev.firebreak.ingest;

import java.time.Duration;

import jakarta.enterprise.context.ApplicationScoped;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;

import dev.firebreak.incident.AlertApplyResult;

/**
 * Prometheus metrics of the ingest pipeline.
 */
@ApplicationScoped
public class IngestMetrics {
    private final MeterRegistry registry;
    private final Timer latency;
    private final Counter unavailable;

    public IngestMetrics(MeterRegistry registry) {
        this.registry = registry;
        this.latency = Timer.builder("firebreak.ingest.duration")
                .description("Time to parse and durably commit one message")
                .publishPercentileHistogram()
                .minimumExpectedValue(Duration.ofMillis(1))
                .maximumExpectedValue(Duration.ofSeconds(10))
                .register(registry);
        this.unavailable = Counter.builder("firebreak.ingest.unavailable")
                .description("Messages that could not be committed and were handed back for redelivery")
                .register(registry);
    }

    void received(InboundMessage message) {
        registry.counter("firebreak.ingest.messages", "transport", message.transport().wireName()).increment();
    }

    void recorded(InboundMessage message, InboxTransaction.Applied applied, long startNanos) {
        latency.record(Duration.ofNanos(System.nanoTime() - startNanos));
        IngestResult result = applied.result();
        registry.counter("firebreak.ingest.outcomes", "outcome", result.outcome().wireName()).increment();
        if (result.outcome() == IngestResult.Outcome.DUPLICATE) {
            registry.counter("firebreak.ingest.duplicates", "transport", message.transport().wireName()).increment();
        }
        if (result.reasonCode() != null) {
            registry.counter("firebreak.ingest.quarantined", "reason", result.reasonCode()).increment();
        }
        AlertApplyResult change = applied.change();
        if (change != null && change.severity() != null) {
            if (change.outcome() == AlertApplyResult.Outcome.OPENED) {
                registry.counter("firebreak.incidents.opened", "severity", change.severity()).increment();
            }
            if (change.incidentCleared()) {
                registry.counter("firebreak.incidents.cleared", "severity", change.severity()).increment();
            }
        }
    }

    void unavailable() {
        unavailable.increment();
    }
}
