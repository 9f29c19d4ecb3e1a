package dev.firebreak.ingest.pubsub;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.Map;
import java.util.Optional;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * Resolving and validating the pull settings, without Quarkus.
 */
class PullSettingsTest {

    record Config(Optional<String> project, Optional<String> subscription, Optional<String> emulatorHost,
            long maxOutstandingMessages, long maxOutstandingBytes, Pull pull) implements PubSubPullConfig {
    }

    record Pull(boolean enabled, int concurrency, Duration shutdownTimeout, Duration nackDelay, Duration restartDelay)
            implements
                PubSubPullConfig.Pull {
    }

    static Config config(String project, String subscription, String emulatorHost) {
        return new Config(Optional.ofNullable(project), Optional.ofNullable(subscription), Optional.ofNullable(emulatorHost),
                1000, 100L * 1024 * 1024, new Pull(true, 8, Duration.ofSeconds(20), Duration.ofSeconds(1),
                        Duration.ofSeconds(10)));
    }

    @ParameterizedTest(name = "project={0} subscription={1} -> {2}")
    @CsvSource({
            "shop-prod, alerts-pull, projects/shop-prod/subscriptions/alerts-pull",
            ", projects/other/subscriptions/alerts, projects/other/subscriptions/alerts",
            "shop-prod, projects/other/subscriptions/alerts, projects/other/subscriptions/alerts",
            "' shop-prod ', ' alerts-pull ', projects/shop-prod/subscriptions/alerts-pull",
    })
    void subscriptionIsResolved(String project, String subscription, String expected) {
        assertThat(PullSettings.resolve(config(project, subscription, null), Map.of()).subscription())
                .hasToString(expected);
    }

    @ParameterizedTest(name = "project={0} subscription={1} -> {2}")
    @CsvSource({
            ", , 'firebreak.pubsub.subscription (FIREBREAK_PUBSUB_SUBSCRIPTION) is not set; firebreak.pubsub.project (FIREBREAK_PUBSUB_PROJECT) is not set'",
            "shop-prod, '  ', 'firebreak.pubsub.subscription (FIREBREAK_PUBSUB_SUBSCRIPTION) is not set'",
            ", alerts-pull, 'firebreak.pubsub.project (FIREBREAK_PUBSUB_PROJECT) is not set'",
            "shop-prod, projects/shop-prod/topics/alerts, 'is neither a subscription id nor projects/PROJECT/subscriptions/SUBSCRIPTION'",
            "shop-prod, a/b, 'is neither a subscription id nor projects/PROJECT/subscriptions/SUBSCRIPTION'",
    })
    void missingOrMalformedSettingsFailWithTheKeyToSet(String project, String subscription, String expected) {
        assertThatThrownBy(() -> PullSettings.resolve(config(project, subscription, null), Map.of()))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageStartingWith("Pub/Sub pull is enabled (firebreak.pubsub.pull.enabled=true) but ")
                .hasMessageContaining(expected);
    }

    @Test
    void everyProblemIsReportedAtOnce() {
        Config config = new Config(Optional.empty(), Optional.empty(), Optional.of("no-port"), 0, 0,
                new Pull(true, 0, Duration.ZERO, Duration.ZERO, Duration.ZERO));
        assertThatThrownBy(() -> PullSettings.resolve(config, Map.of()))
                .hasMessageContaining("firebreak.pubsub.subscription")
                .hasMessageContaining("max-outstanding-messages must be at least 1")
                .hasMessageContaining("max-outstanding-bytes must be at least 1")
                .hasMessageContaining("concurrency must be at least 1")
                .hasMessageContaining("shutdown-timeout must be positive")
                .hasMessageContaining("\"no-port\" is not host:port");
    }

    @ParameterizedTest(name = "setting={0} env={1} -> {2}")
    @CsvSource({
            "127.0.0.1:8085, , 127.0.0.1:8085",
            ", localhost:9000, localhost:9000",
            "127.0.0.1:8085, localhost:9000, 127.0.0.1:8085",
            ", , ''",
            "'', '  ', ''",
    })
    void emulatorHostFallsBackToTheEnvironment(String setting, String env, String expected) {
        Map<String, String> environment = env == null ? Map.of() : Map.of(PullSettings.EMULATOR_ENV, env);
        PullSettings settings = PullSettings.resolve(config("p-1", "s-1", setting), environment);
        assertThat(settings.emulatorHost().orElse("")).isEqualTo(expected);
        assertThat(settings.describe()).contains("projects/p-1/subscriptions/s-1")
                .contains(expected.isEmpty() ? "default credentials" : "emulator at " + expected);
    }

    @Test
    void flowControlAndTimingsArePassedThrough() {
        PullSettings settings = PullSettings.resolve(config("p-1", "s-1", null), Map.of());
        assertThat(settings.maxOutstandingMessages()).isEqualTo(1000);
        assertThat(settings.maxOutstandingBytes()).isEqualTo(100L * 1024 * 1024);
        assertThat(settings.shutdownTimeout()).isEqualTo(Duration.ofSeconds(20));
        assertThat(settings.restartDelay()).isEqualTo(Duration.ofSeconds(10));
    }
}
