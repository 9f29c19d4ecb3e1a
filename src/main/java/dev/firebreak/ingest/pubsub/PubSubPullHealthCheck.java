package dev.firebreak.ingest.pubsub;

import jakarta.enterprise.context.ApplicationScoped;

import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.HealthCheckResponseBuilder;
import org.eclipse.microprofile.health.Readiness;

/**
 * Readiness: DOWN while pull is enabled and the subscriber is not running (failed, stopped or still starting).
 */
@Readiness
@ApplicationScoped
public class PubSubPullHealthCheck implements HealthCheck {
    static final String NAME = "Pub/Sub pull subscriber";

    private final PubSubPuller puller;

    public PubSubPullHealthCheck(PubSubPuller puller) {
        this.puller = puller;
    }

    @Override
    public HealthCheckResponse call() {
        PubSubPuller.PullStatus status = puller.status();
        HealthCheckResponseBuilder response = HealthCheckResponse.named(NAME)
                .status(!status.enabled() || status.running())
                .withData("enabled", status.enabled())
                .withData("state", status.state());
        if (status.subscription() != null) {
            response.withData("subscription", status.subscription());
        }
        if (status.lastFailure() != null) {
            response.withData("lastFailure", status.lastFailure());
        }
        return response.build();
    }
}
