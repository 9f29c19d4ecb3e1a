package dev.firebreak.testsupport;

import java.util.Map;

import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;

/**
 * Starts a {@link FakeSlack} for a Quarkus test profile, with the channels {@code #incidents} and {@code #alerts},
 * and points {@code firebreak.slack.api-url} at it; tests reach it through {@link #slack()}.
 */
public class FakeSlackResource implements QuarkusTestResourceLifecycleManager {
    private static volatile FakeSlack slack;

    /** The running fake. */
    public static FakeSlack slack() {
        FakeSlack current = slack;
        if (current == null) {
            throw new IllegalStateException("FakeSlackResource is not started: use a profile listing it");
        }
        return current;
    }

    @Override
    public Map<String, String> start() {
        FakeSlack started = FakeSlack.start();
        started.createChannel(SlackTestProfile.CRITICAL_CHANNEL);
        started.createChannel(SlackTestProfile.WARNING_CHANNEL);
        slack = started;
        return Map.of("firebreak.slack.api-url", started.apiUrl());
    }

    @Override
    public void stop() {
        FakeSlack current = slack;
        slack = null;
        if (current != null) {
            current.close();
        }
    }
}
