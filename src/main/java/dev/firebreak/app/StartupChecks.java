package dev.firebreak.app;

import java.util.List;

import jakarta.enterprise.event.Observes;
import jakarta.inject.Singleton;

import org.jboss.logging.Logger;

import io.quarkus.runtime.StartupEvent;

import dev.firebreak.ingest.pubsub.PushConfig;
import dev.firebreak.security.ApiSecurityConfig;
import dev.firebreak.security.token.ApiTokenTable;

/**
 * Refuses to start with unsafe or unsupported settings, and says so plainly when the local run is open. Production
 * has no default for either authentication mode, so it cannot start open by accident; local and test set {@code none}.
 */
@Singleton
public class StartupChecks {
    private static final Logger LOG = Logger.getLogger(StartupChecks.class);

    void onStart(@Observes StartupEvent event, PushConfig push, ApiSecurityConfig api) {
        checkPush(push);
        checkApi(api);
    }

    static void checkPush(PushConfig push) {
        PushConfig.PushAuth mode = push.auth()
                .orElseThrow(() -> new IllegalStateException(
                        "push authentication is not configured: set FIREBREAK_PUSH_AUTH to oidc (with"
                                + " FIREBREAK_PUSH_OIDC_AUDIENCE and FIREBREAK_PUSH_OIDC_SERVICE_ACCOUNT), token (with"
                                + " FIREBREAK_PUSH_TOKEN), or explicitly none"));
        switch (mode) {
            case NONE -> LOG.warn("POST /pubsub/push accepts unauthenticated requests (firebreak.push.auth=none)");
            case TOKEN -> {
                if (push.token().filter(t -> !t.isBlank()).isEmpty()) {
                    throw new IllegalStateException("firebreak.push.auth=token needs FIREBREAK_PUSH_TOKEN");
                }
            }
            case OIDC -> {
                if (push.oidc().audience().filter(a -> !a.isBlank()).isEmpty()
                        || push.oidc().serviceAccount().filter(a -> !a.isBlank()).isEmpty()) {
                    throw new IllegalStateException("firebreak.push.auth=oidc needs FIREBREAK_PUSH_OIDC_AUDIENCE (the"
                            + " push subscription's audience, by default its endpoint URL) and"
                            + " FIREBREAK_PUSH_OIDC_SERVICE_ACCOUNT (the email of its service account)");
                }
                if (push.oidc().clockSkew().isNegative()) {
                    throw new IllegalStateException("firebreak.push.oidc.clock-skew must not be negative");
                }
            }
        }
    }

    static void checkApi(ApiSecurityConfig api) {
        ApiSecurityConfig.ApiAuth mode = api.auth()
                .orElseThrow(() -> new IllegalStateException(
                        "API authentication is not configured: set FIREBREAK_API_AUTH to tokens (with"
                                + " FIREBREAK_API_TOKENS=name:role:sha256hex,...) or explicitly none"));
        switch (mode) {
            case NONE -> {
                LOG.warn("/api/v1 accepts unauthenticated requests and every caller may do everything"
                        + " (firebreak.api.auth=none)");
                if (api.protectMetrics() || api.protectOpenapi()) {
                    LOG.warn("firebreak.api.protect-metrics/protect-openapi have no effect while firebreak.api.auth=none");
                }
            }
            case TOKENS -> {
                ApiTokenTable tokens;
                try {
                    tokens = ApiTokenTable.parse(api.tokens().orElse(List.of()));
                } catch (IllegalArgumentException e) {
                    throw new IllegalStateException("FIREBREAK_API_TOKENS is invalid: " + e.getMessage());
                }
                if (tokens.isEmpty()) {
                    throw new IllegalStateException("firebreak.api.auth=tokens needs FIREBREAK_API_TOKENS"
                            + " (name:role:sha256hex entries, comma-separated)");
                }
                LOG.infof("/api/v1 requires bearer tokens (%d configured)", tokens.size());
            }
            case OIDC -> throw new IllegalStateException("firebreak.api.auth=oidc is not supported yet (it would need"
                    + " the OIDC provider reachable at startup); use tokens or none");
        }
    }
}
