package dev.firebreak.notify;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

/**
 * Log-only mode delivers every event (to the log) and never retries.
 */
class LogNotifierTest {

    @Test
    void everyEventIsDeliveredAtOnce() {
        IncidentNotice notice = new IncidentNotice(9, "CPU high", "warning", "policy severity is Warning", "open",
                "firing", 1, "assess_impact", List.of(), "gce_instance instance_id=1", null, null, null, null,
                "http://localhost/9", null, null, Instant.EPOCH, Map.of());
        List<OutboxEvent> events = List.of(new OutboxEvent(3, "opened", Instant.EPOCH, "cloud-monitoring", "opened", 0),
                new OutboxEvent(4, "acknowledged", Instant.EPOCH, "alice", "acknowledged", 2));

        DeliveryResult result = new LogNotifier().deliver(notice, events);

        assertThat(result.outcome()).isEqualTo(DeliveryResult.Outcome.DONE);
        assertThat(result.delivered()).containsExactlyInAnyOrder(3L, 4L);
        assertThat(result.retryAfter()).isNull();
        assertThat(new LogNotifier().name()).isEqualTo("log");
    }
}
