package dev.firebreak.notify;

import jakarta.enterprise.context.ApplicationScoped;

import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;

import io.smallrye.health.api.HealthGroup;

/**
 * {@code /q/health/group/notifications}: DOWN when the oldest undelivered notification is older than
 * {@code firebreak.notify.stuck-after}. A separate group, not readiness: a Slack outage must not take the ingest
 * endpoint out of service.
 */
@HealthGroup("notifications")
@ApplicationScoped
public class NotificationsHealthCheck implements HealthCheck {
    private final NotifyStore store;
    private final NotifyConfig config;

    public NotificationsHealthCheck(NotifyStore store, NotifyConfig config) {
        this.store = store;
        this.config = config;
    }

    @Override
    public HealthCheckResponse call() {
        long[] outbox = store.depthAndOldestAgeSeconds();
        boolean stuck = outbox[1] > config.stuckAfter().toSeconds();
        return HealthCheckResponse.named("Notification delivery")
                .status(!stuck)
                .withData("undelivered", outbox[0])
                .withData("oldestUndeliveredSeconds", outbox[1])
                .build();
    }
}
