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
import dev.firebreak.testsupport.Db;
import dev.firebreak.testsupport.FakeSlack;
import dev.firebreak.testsupport.FakeSlackCall;
import dev.firebreak.testsupport.FakeSlackMessage;
import dev.firebreak.testsupport.FakeSlackResource;
import dev.firebreak.testsupport.Incidents;
import dev.firebreak.testsupport.NotifierReplicas;
import dev.firebreak.testsupport.OutboxDriver;
import dev.firebreak.testsupport.RandomSlackFaults;
import dev.firebreak.testsupport.SlackTestProfile;

/**
 * Three notifier replicas deliver at once while Slack randomly rate-limits, fails and times out: every incident still
 * gets exactly one root message and every event exactly one thread reply.
 */
@QuarkusTest
@TestProfile(SlackTestProfile.class)
class SlackReplicasTest {
    static final int INCIDENTS = 10;
    static final Duration BOUND = Duration.ofSeconds(60);

    @Inject
    DataSource dataSource;
    @Inject
    NotificationDispatcher dispatcher;
    @Inject
    NotifierReplicas replicas;

    @Test
    @Timeout(value = 120, unit = TimeUnit.SECONDS)
    void threeReplicasDeliverEveryIncidentAndEventExactlyOnceDespiteFaults() throws Exception {
        FakeSlack slack = FakeSlackResource.slack();
        slack.clearFaults();
        OutboxDriver driver = new OutboxDriver(dataSource, dispatcher);
        String channel = "#" + OutboxDriver.unique("replicas");
        String channelId = slack.createChannel(channel);
        long started = System.nanoTime();
        slack.randomFaults(new RandomSlackFaults(20_261_124L, 0.07, 0.07, 0.03, "internal_error", 0.07, 1,
                Duration.ofMillis(SlackTestProfile.CLIENT_TIMEOUT_MILLIS + 500)));

        List<Long> ids = new ArrayList<>();
        NotifierReplicas.Running running = replicas.run(3, Duration.ofMillis(10));
        try {
            for (int i = 0; i < INCIDENTS; i++) {
                ids.add(driver.open(OutboxDriver.unique("0.replica"), OutboxDriver.unique("checkout-replica"),
                        "Critical", Map.of("slack_channel", channel)));
            }
            for (String[] command : List.of(new String[]{"/acknowledge", "{\"actor\":\"alice\"}"},
                    new String[]{"/steps/assess_impact/complete", "{\"actor\":\"alice\",\"note\":\"one zone\"}"},
                    new String[]{"/notes", "{\"actor\":\"bob\",\"text\":\"drained the node\"}"},
                    new String[]{"/steps/immediate_response/complete", "{\"actor\":\"bob\"}"})) {
                for (long id : ids) {
                    Incidents.post(id, command[0], command[1]).then().statusCode(200);
                }
                OutboxDriver.sleep(Duration.ofMillis(300));
            }
            long deadline = started + BOUND.toNanos();
            while (ids.stream().anyMatch(id -> driver.pending(id) > 0)) {
                assertThat(System.nanoTime()).as("the outbox drains within %s", BOUND).isLessThan(deadline);
                OutboxDriver.sleep(Duration.ofMillis(100));
            }
        } finally {
            running.close();
            slack.clearFaults();
        }

        assertThat(running.errors()).isEmpty();
        assertThat(slack.calls()).extracting(FakeSlackCall::outcome)
                .as("faults were injected")
                .contains("429", "500", "timeout", "error:internal_error");
        int replies = 0;
        for (long id : ids) {
            assertThat(Db.count(dataSource, "SELECT count(*) FROM outbox WHERE incident_id = ? AND failed_at IS NOT NULL",
                    id)).isZero();
            FakeSlackMessage root = slack.root(id);
            assertThat(root.channel()).isEqualTo(channelId);
            assertThat(root.topLevel()).isTrue();
            List<String> expected = replyKeys(id);
            assertThat(expected).hasSize(4);
            assertThat(slack.replies(root)).extracting(FakeSlackMessage::deliveryKey)
                    .as("one reply per event of incident %d, in order", id)
                    .containsExactlyElementsOf(expected);
            assertThat(SlackBlocks.mrkdwn(root.blocks())).contains("step root cause analysis");
            replies += expected.size();
        }
        assertThat(slack.messagesIn(channel)).hasSize(INCIDENTS + replies);
    }

    private List<String> replyKeys(long incidentId) {
        List<String> keys = new ArrayList<>();
        long last = 0;
        while (true) {
            long next = Db.count(dataSource, "SELECT coalesce(min(id), 0) FROM outbox WHERE incident_id = ? AND id > ?"
                    + " AND kind NOT IN ('opened', 'opened_cleared')", incidentId, last);
            if (next == 0) {
                return keys;
            }
            keys.add("reply:" + next);
            last = next;
        }
    }
}
