package dev.firebreak.app;

import jakarta.enterprise.event.Observes;
import jakarta.inject.Singleton;

import org.jboss.logging.Logger;

import io.quarkus.runtime.StartupEvent;

import dev.firebreak.ingest.pubsub.PushConfig;

/**
 * Refuses to start with unsafe or unsupported settings, and says so plainly when the local run is open.
 */
@Singleton
public class StartupChecks {
    private static final Logger LOG = Logger.getLogger(StartupChecks.class);

    void onStart(@Observes StartupEvent event, PushConfig push) {
        PushConfig.PushAuth mode = push.auth()
                .orElseThrow(() -> new IllegalStateException(
                        "push authentication is not configured: set FIREBREAK_PUSH_AUTH to token (with FIREBREAK_PUSH_TOKEN),"
                                + " oidc, or explicitly none"));
        switch (mode) {
            case NONE -> LOG.warn("POST /pubsub/push accepts unauthenticated requests (firebreak.push.auth=none)");
            case TOKEN -> {
                if (push.token().filter(t -> !t.isBlank()).isEmpty()) {
                    throw new IllegalStateException("firebreak.push.auth=token needs FIREBREAK_PUSH_TOKEN");
                }
            }
            case OIDC -> throw new IllegalStateException("firebreak.push.auth=oidc is not available in this version;"
                    + " use token or none");
        }
    }
}
