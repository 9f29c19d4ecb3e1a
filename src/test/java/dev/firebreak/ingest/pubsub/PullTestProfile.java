package dev.firebreak.ingest.pubsub;

import java.util.List;
import java.util.Map;

import io.quarkus.test.junit.QuarkusTestProfile;

/**
 * Pull enabled against the real emulator; small concurrency so a burst is still in flight when a test stops it.
 */
public class PullTestProfile implements QuarkusTestProfile {

    @Override
    public Map<String, String> getConfigOverrides() {
        return Map.of(
                "firebreak.pubsub.pull.enabled", "true",
                "firebreak.pubsub.pull.concurrency", "2",
                "firebreak.pubsub.pull.nack-delay", "PT0.3S",
                "firebreak.pubsub.pull.shutdown-timeout", "PT10S",
                "firebreak.pubsub.pull.restart-delay", "PT1S");
    }

    @Override
    public List<TestResourceEntry> testResources() {
        return List.of(new TestResourceEntry(PullEmulatorResource.class));
    }
}
