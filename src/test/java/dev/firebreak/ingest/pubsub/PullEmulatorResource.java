package dev.firebreak.ingest.pubsub;

import java.util.Map;
import java.util.UUID;

import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;

import dev.firebreak.testsupport.PubSubAdmin;
import dev.firebreak.testsupport.PubSubEmulator;
import dev.firebreak.testsupport.SubscriptionOptions;

/**
 * Starts the shared Pub/Sub emulator before Quarkus boots and creates the topic and pull subscription (with a
 * dead-letter policy, so delivery attempts are reported) that the service pulls from.
 */
public class PullEmulatorResource implements QuarkusTestResourceLifecycleManager {
    static final String PROJECT = "firebreak-pull";
    /** High enough that redeliveries during an outage never dead-letter a message in these tests. */
    static final int MAX_DELIVERY_ATTEMPTS = 100;

    private PubSubAdmin admin;
    private String subscription;

    @Override
    public Map<String, String> start() {
        PubSubEmulator emulator = PubSubEmulator.shared();
        admin = emulator.admin();
        String suffix = UUID.randomUUID().toString().substring(0, 8);
        String topic = "pull-alerts-" + suffix;
        String deadLetterTopic = "pull-alerts-dead-" + suffix;
        subscription = "firebreak-pull-" + suffix;
        admin.createTopic(PROJECT, topic);
        admin.createTopic(PROJECT, deadLetterTopic);
        admin.createPullSubscription(PROJECT, subscription, topic,
                SubscriptionOptions.defaults().ackDeadline(10).deadLetterPolicy(deadLetterTopic, MAX_DELIVERY_ATTEMPTS));
        return Map.of(
                "firebreak.pubsub.project", PROJECT,
                "firebreak.pubsub.subscription", subscription,
                "firebreak.pubsub.emulator-host", emulator.hostPort(),
                "firebreak-test.pull.topic", topic,
                "firebreak-test.pull.emulator-rest", emulator.restBase().toString());
    }

    @Override
    public void stop() {
        if (admin != null) {
            admin.deleteSubscription(PROJECT, subscription);
        }
    }
}
