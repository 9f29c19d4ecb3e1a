package dev.firebreak.ingest.pubsub;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import com.google.pubsub.v1.ProjectSubscriptionName;

/**
 * The validated pull settings: what {@link PubSubPullConfig} says, with the emulator fallback applied and every
 * problem reported at once, by its public key and environment variable.
 *
 * @param subscription the subscription to pull from
 * @param emulatorHost {@code host:port} of an emulator, empty for Google with application-default credentials
 * @param maxOutstandingMessages flow control, messages
 * @param maxOutstandingBytes flow control, bytes
 * @param shutdownTimeout how long a stop waits for messages being ingested
 * @param restartDelay pause before a failed subscriber is started again
 */
public record PullSettings(ProjectSubscriptionName subscription, Optional<String> emulatorHost,
        long maxOutstandingMessages, long maxOutstandingBytes, Duration shutdownTimeout, Duration restartDelay) {

    static final String EMULATOR_ENV = "PUBSUB_EMULATOR_HOST";
    private static final String FULL_NAME_PREFIX = "projects/";

    /**
     * Resolves and validates the settings.
     *
     * @param env the process environment (for {@code PUBSUB_EMULATOR_HOST})
     * @throws IllegalStateException naming every missing or invalid setting
     */
    public static PullSettings resolve(PubSubPullConfig config, Map<String, String> env) {
        List<String> problems = new ArrayList<>();
        Optional<String> project = nonBlank(config.project());
        Optional<String> subscriptionSetting = nonBlank(config.subscription());
        ProjectSubscriptionName subscription = null;
        if (subscriptionSetting.isEmpty()) {
            problems.add("firebreak.pubsub.subscription (FIREBREAK_PUBSUB_SUBSCRIPTION) is not set");
            if (project.isEmpty()) {
                problems.add("firebreak.pubsub.project (FIREBREAK_PUBSUB_PROJECT) is not set");
            }
        } else if (subscriptionSetting.get().startsWith(FULL_NAME_PREFIX)) {
            if (ProjectSubscriptionName.isParsableFrom(subscriptionSetting.get())) {
                subscription = ProjectSubscriptionName.parse(subscriptionSetting.get());
            } else {
                problems.add("firebreak.pubsub.subscription \"" + subscriptionSetting.get()
                        + "\" is neither a subscription id nor projects/PROJECT/subscriptions/SUBSCRIPTION");
            }
        } else if (subscriptionSetting.get().contains("/")) {
            problems.add("firebreak.pubsub.subscription \"" + subscriptionSetting.get()
                    + "\" is neither a subscription id nor projects/PROJECT/subscriptions/SUBSCRIPTION");
        } else if (project.isEmpty()) {
            problems.add("firebreak.pubsub.project (FIREBREAK_PUBSUB_PROJECT) is not set");
        } else {
            subscription = ProjectSubscriptionName.of(project.get(), subscriptionSetting.get());
        }
        if (config.maxOutstandingMessages() < 1) {
            problems.add("firebreak.pubsub.max-outstanding-messages must be at least 1");
        }
        if (config.maxOutstandingBytes() < 1) {
            problems.add("firebreak.pubsub.max-outstanding-bytes must be at least 1");
        }
        if (config.pull().concurrency() < 1) {
            problems.add("firebreak.pubsub.pull.concurrency must be at least 1");
        }
        if (config.pull().shutdownTimeout().isNegative() || config.pull().shutdownTimeout().isZero()) {
            problems.add("firebreak.pubsub.pull.shutdown-timeout must be positive");
        }
        Optional<String> emulatorHost = nonBlank(config.emulatorHost())
                .or(() -> nonBlank(Optional.ofNullable(env.get(EMULATOR_ENV))));
        emulatorHost.filter(host -> !host.matches("[^/\\s]+:\\d{1,5}"))
                .ifPresent(host -> problems.add("firebreak.pubsub.emulator-host \"" + host + "\" is not host:port"));
        if (!problems.isEmpty()) {
            throw new IllegalStateException("Pub/Sub pull is enabled (firebreak.pubsub.pull.enabled=true) but "
                    + String.join("; ", problems));
        }
        return new PullSettings(subscription, emulatorHost, config.maxOutstandingMessages(),
                config.maxOutstandingBytes(), config.pull().shutdownTimeout(), config.pull().restartDelay());
    }

    /** Where messages come from, for logs and health: the subscription and how we reach it. */
    public String describe() {
        return subscription + emulatorHost.map(host -> " on the emulator at " + host).orElse(" (Google, default credentials)");
    }

    private static Optional<String> nonBlank(Optional<String> value) {
        return value.map(String::trim).filter(v -> !v.isEmpty());
    }
}
