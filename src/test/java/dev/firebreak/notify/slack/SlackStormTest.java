package dev.firebreak.notify.slack;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import javax.sql.DataSource;

import jakarta.inject.Inject;

import org.junit.jupiter.api.Test;

import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;

import dev.firebreak.notify.NotificationDispatcher;
import dev.firebreak.testsupport.Db;
import dev.firebreak.testsupport.FakeSlack;
import dev.firebreak.testsupport.FakeSlackMessage;
import dev.firebreak.testsupport.FakeSlackResource;
import dev.firebreak.testsupport.Incidents;
import dev.firebreak.testsupport.OutboxDriver;
import dev.firebreak.testsupport.SlackFault;
import dev.firebreak.testsupport.SlackTestProfile;

/**
 * The storm guard: past the threshold of new incidents per channel and window, one digest message is posted and the
 * further incidents become replies in its thread (with their own replies there too).
 */
@QuarkusTest
@TestProfile(SlackTestProfile.Storm.class)
class SlackStormTest {
    @Inject
    DataSource dataSource;
    @Inject
    NotificationDispatcher dispatcher;

    @Test
    void moreIncidentsThanTheThresholdAreThreadedUnderOneDigest() {
        FakeSlack slack = FakeSlackResource.slack();
        slack.clearFaults();
        OutboxDriver driver = new OutboxDriver(dataSource, dispatcher);
        String channel = "#" + OutboxDriver.unique("storm");
        slack.createChannel(channel);
        int threshold = SlackTestProfile.Storm.STORM_THRESHOLD;

        List<Long> ids = new ArrayList<>();
        for (int i = 0; i < threshold + 3; i++) {
            ids.add(driver.open(OutboxDriver.unique("0.storm"), OutboxDriver.unique("checkout-storm"), "Critical",
                    Map.of("slack_channel", channel)));
        }
        driver.drain(Duration.ofSeconds(20), ids.stream().mapToLong(Long::longValue).toArray());

        List<FakeSlackMessage> topLevel = slack.messagesIn(channel).stream().filter(FakeSlackMessage::topLevel).toList();
        List<FakeSlackMessage> digests = topLevel.stream().filter(m -> m.text().contains("Alert storm")).toList();
        assertThat(digests).singleElement()
                .satisfies(d -> assertThat(d.text()).contains("more than " + threshold + " incidents"));
        FakeSlackMessage digest = digests.get(0);
        for (int i = 0; i < ids.size(); i++) {
            FakeSlackMessage root = slack.root(ids.get(i));
            if (i < threshold) {
                assertThat(root.topLevel()).as("incident %d has its own message", i).isTrue();
                assertThat(root.postedAt()).isBefore(digest.postedAt());
            } else {
                assertThat(root.threadTs()).as("incident %d is threaded under the digest", i).isEqualTo(digest.ts());
            }
        }
        assertThat(topLevel).hasSize(threshold + 1);
        assertThat(Db.count(dataSource, "SELECT count(*) FROM slack_message WHERE route = ? AND in_digest", channel))
                .isEqualTo(3);

        long late = ids.get(ids.size() - 1);
        Incidents.post(late, "/acknowledge", "{\"actor\":\"alice\"}").then().statusCode(200);
        driver.drain(Duration.ofSeconds(10), late);
        FakeSlackMessage lateRoot = slack.root(late);
        assertThat(lateRoot.edits()).as("the threaded root is kept current").hasSize(1);
        assertThat(slack.replies(digest)).filteredOn(m -> m.text().contains("alice"))
                .singleElement()
                .satisfies(r -> assertThat(r.deliveryKey()).startsWith("reply:"));
        assertThat(slack.replies(digest)).hasSize(4);
    }

    @Test
    void aDigestPostThatTimedOutIsFoundAgainNotPostedTwice() {
        FakeSlack slack = FakeSlackResource.slack();
        slack.clearFaults();
        OutboxDriver driver = new OutboxDriver(dataSource, dispatcher);
        String channel = "#" + OutboxDriver.unique("storm-timeout");
        slack.createChannel(channel);
        int threshold = SlackTestProfile.Storm.STORM_THRESHOLD;
        List<Long> ids = new ArrayList<>();
        for (int i = 0; i < threshold; i++) {
            ids.add(driver.open(OutboxDriver.unique("0.stormt"), OutboxDriver.unique("checkout-stormt"), "Critical",
                    Map.of("slack_channel", channel)));
        }
        driver.drain(Duration.ofSeconds(20), ids.stream().mapToLong(Long::longValue).toArray());

        // the next post in the channel is the digest: Slack applies it but the answer comes too late
        slack.failNext("chat.postMessage", channel, SlackFault.timeout(Duration.ofSeconds(3)));
        long stormy = driver.open(OutboxDriver.unique("0.stormt"), OutboxDriver.unique("checkout-stormt"), "Critical",
                Map.of("slack_channel", channel));
        driver.drain(Duration.ofSeconds(30), stormy);

        List<FakeSlackMessage> digests = slack.messagesIn(channel)
                .stream()
                .filter(FakeSlackMessage::topLevel)
                .filter(m -> m.text().contains("Alert storm"))
                .toList();
        assertThat(digests).hasSize(1);
        assertThat(slack.root(stormy).threadTs()).isEqualTo(digests.get(0).ts());
    }
}
