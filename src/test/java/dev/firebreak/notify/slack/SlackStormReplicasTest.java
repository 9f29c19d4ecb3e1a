package dev.firebreak.notify.slack;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import javax.sql.DataSource;

import jakarta.inject.Inject;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;

import dev.firebreak.notify.NotificationDispatcher;
import dev.firebreak.notify.NotifyConfig;
import dev.firebreak.testsupport.FakeSlack;
import dev.firebreak.testsupport.FakeSlackMessage;
import dev.firebreak.testsupport.FakeSlackResource;
import dev.firebreak.testsupport.NotifierReplicas;
import dev.firebreak.testsupport.OutboxDriver;
import dev.firebreak.testsupport.SlackTestProfile;

/**
 * A storm seen by three notifier replicas at once: the channel's digest is claimed in the database, so exactly one
 * digest message is posted and every incident past the threshold is threaded under that one. (The threshold itself is
 * soft across replicas: each may post one more root while another is crossing it.)
 */
@QuarkusTest
@TestProfile(SlackTestProfile.Storm.class)
class SlackStormReplicasTest {
    @Inject
    DataSource dataSource;
    @Inject
    NotificationDispatcher dispatcher;
    @Inject
    NotifyConfig config;
    @Inject
    NotifierReplicas replicas;

    @Test
    @Timeout(value = 90, unit = TimeUnit.SECONDS)
    void threeReplicasPostOneDigestPerStorm() throws Exception {
        FakeSlack slack = FakeSlackResource.slack();
        slack.clearFaults();
        OutboxDriver driver = new OutboxDriver(dataSource, dispatcher);
        String channel = "#" + OutboxDriver.unique("storm-replicas");
        slack.createChannel(channel);
        int threshold = SlackTestProfile.Storm.STORM_THRESHOLD;

        // the incidents exist before any replica runs, and there are enough for each replica to lease a batch of its
        // own: all three cross the storm threshold of the same channel at about the same moment
        List<Long> ids = new ArrayList<>();
        for (int i = 0; i < 2 * config.batchSize() + threshold + 2; i++) {
            ids.add(driver.open(OutboxDriver.unique("0.storm-replicas"), OutboxDriver.unique("checkout-storm-replicas"),
                    "Critical", Map.of("slack_channel", channel)));
        }
        NotifierReplicas.Running running = replicas.run(3, Duration.ofMillis(5));
        try {
            long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
            while (ids.stream().anyMatch(id -> driver.pending(id) > 0)) {
                assertThat(System.nanoTime()).as("the outbox drains").isLessThan(deadline);
                OutboxDriver.sleep(Duration.ofMillis(50));
            }
        } finally {
            running.close();
        }

        assertThat(running.errors()).isEmpty();
        List<FakeSlackMessage> topLevel = slack.messagesIn(channel).stream().filter(FakeSlackMessage::topLevel).toList();
        List<FakeSlackMessage> digests = topLevel.stream().filter(m -> m.text().contains("Alert storm")).toList();
        assertThat(digests).as("one digest for the storm").hasSize(1);
        // the threshold is counted per replica before its post, so each of the other two may add one root message
        long ownMessages = topLevel.size() - 1;
        assertThat(ownMessages).as("incidents with their own message").isBetween((long) threshold, threshold + 2L);
        for (long id : ids) {
            assertThat(slack.roots(id)).as("incident %d has one message", id).hasSize(1);
        }
        assertThat(ids.stream().filter(id -> digests.get(0).ts().equals(slack.root(id).threadTs())))
                .as("all others are threaded under the digest")
                .hasSize((int) (ids.size() - ownMessages));
    }
}
