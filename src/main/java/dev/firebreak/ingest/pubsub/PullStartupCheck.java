package dev.firebreak.ingest.pubsub;

import jakarta.annotation.Priority;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Singleton;
import jakarta.interceptor.Interceptor;

import org.jboss.logging.Logger;

import io.quarkus.runtime.StartupEvent;

/**
 * With pull enabled, refuses to start without a project and subscription (before messaging connects anything).
 */
@Singleton
public class PullStartupCheck {
    private static final Logger LOG = Logger.getLogger(PullStartupCheck.class);

    void onStart(@Observes @Priority(Interceptor.Priority.PLATFORM_BEFORE) StartupEvent event, PubSubPullConfig config,
            PubSubPuller puller) {
        if (!config.pull().enabled()) {
            LOG.debug("Pub/Sub pull is disabled (firebreak.pubsub.pull.enabled=false)");
            return;
        }
        LOG.infof("Pub/Sub pull is enabled: %s", puller.settings().describe());
    }
}
