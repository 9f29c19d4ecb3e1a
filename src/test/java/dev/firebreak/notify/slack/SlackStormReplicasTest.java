package dev.firebreak.notify.slack;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;

import javax.sql.DataSource;

import jakarta.inject.Inject;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;

import dev.firebreak.notify.NoticeBuilder;
import dev.firebreak.notify.NotificationDispatcher;
import dev.firebreak.notify.Notifier;
import dev.firebreak.notify.NotifyConfig;
import dev.firebreak.notify.NotifyMetrics;
import dev.firebreak.notify.NotifyStore;
import dev.firebreak.testsupport.FakeSlack;
import dev.firebreak.testsupport.FakeSlackMessage;
import dev.firebreak.testsupport.FakeSlackResource;
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
    NotifyStore store;
    @Inject
    NoticeBuilder notices;
    @Inject
    Notifier notifier;
    @Inject
    NotifyMetrics metrics;
    @Inject
    NotifyConfig config;
    @Inject
    Clock clock;

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
        AtomicBoolean stop = new AtomicBoolean();
        ConcurrentLinkedQueue<Throwable> errors = new ConcurrentLinkedQueue<>();
        CountDownLatch start = new CountDownLatch(1);
        ExecutorService replicas = Executors.newFixedThreadPool(3);
        try {
            for (int r = 0; r < 3; r++) {
                NotificationDispatcher replica = new NotificationDispatcher(store, notices, notifier, metrics, config,
                        clock);
                replicas.submit(() -> {
                    start.await();
                    while (!stop.get()) {
                        try {
                            replica.deliverDue();
                        } catch (RuntimeException e) {
                            errors.add(e);
                        }
                        OutboxDriver.sleep(Duration.ofMillis(5));
                    }
                    return null;
                });
            }
            start.countDown();
            long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
            while (ids.stream().anyMatch(id -> driver.pending(id) > 0)) {
                assertThat(System.nanoTime()).as("the outbox drains").isLessThan(deadline);
                OutboxDriver.sleep(Duration.ofMillis(50));
            }
        } finally {
            stop.set(true);
            replicas.shutdown();
            assertThat(replicas.awaitTermination(30, TimeUnit.SECONDS)).isTrue();
        }

        assertThat(errors).isEmpty();
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
