package dev.firebreak.notify.slack;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;

import javax.sql.DataSource;

import jakarta.inject.Inject;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;

import dev.firebreak.notify.NotificationDispatcher;
import dev.firebreak.testsupport.Db;
import dev.firebreak.testsupport.FakeSlack;
import dev.firebreak.testsupport.FakeSlackCall;
import dev.firebreak.testsupport.FakeSlackMessage;
import dev.firebreak.testsupport.FakeSlackResource;
import dev.firebreak.testsupport.Incidents;
import dev.firebreak.testsupport.OutboxDriver;
import dev.firebreak.testsupport.SlackFault;
import dev.firebreak.testsupport.SlackTestProfile;

/**
 * Slack failing: 429 with Retry-After honoured exactly, 5xx retried, permanent {@code ok:false} errors recorded,
 * posts whose outcome is unknown reconciled instead of repeated, a root that can no longer be updated, and backoffs cut
 * short when Slack answers again after an outage (but not for one failing incident among successes).
 */
@QuarkusTest
@TestProfile(SlackTestProfile.class)
class SlackDeliveryFaultsTest {
    static final Duration DRAIN = Duration.ofSeconds(15);
    static final Duration BEYOND_CLIENT_TIMEOUT = Duration.ofMillis(SlackTestProfile.CLIENT_TIMEOUT_MILLIS + 700);

    @Inject
    DataSource dataSource;
    @Inject
    NotificationDispatcher dispatcher;

    FakeSlack slack;
    OutboxDriver driver;

    @BeforeEach
    void setUp() {
        slack = FakeSlackResource.slack();
        slack.clearFaults();
        driver = new OutboxDriver(dataSource, dispatcher);
    }

    String newChannel(String prefix) {
        String channel = "#" + OutboxDriver.unique(prefix);
        slack.createChannel(channel);
        return channel;
    }

    long open(String channel) {
        return driver.open(OutboxDriver.unique("0.fault"), OutboxDriver.unique("checkout-fault"), "Critical",
                Map.of("slack_channel", channel));
    }

    @Test
    void aRateLimitedPostWaitsExactlyRetryAfterThenPostsOnce() {
        String channel = newChannel("ratelimited");
        slack.failNext("chat.postMessage", channel, SlackFault.rateLimited(2));
        long id = open(channel);
        driver.deliverUntil(() -> !slack.calls("chat.postMessage", channel).isEmpty(), DRAIN, () -> "no post attempted");

        FakeSlackCall limited = slack.calls("chat.postMessage", channel).get(0);
        assertThat(limited.outcome()).isEqualTo("429");
        long limitedAt = limited.receivedAt().toEpochMilli();
        long nextAttempt = epochMillis("SELECT min(next_attempt_at) FROM outbox WHERE incident_id = ?", id);
        long channelPause = epochMillis("SELECT next_post_at FROM slack_channel WHERE channel = ?", channel);
        assertThat(nextAttempt - limitedAt).as("outbox retry honours Retry-After: 2").isBetween(2_000L, 2_800L);
        assertThat(channelPause - limitedAt).as("the channel pauses for Retry-After: 2").isBetween(2_000L, 2_800L);
        assertThat(Db.text(dataSource, "SELECT last_error FROM outbox WHERE incident_id = ? ORDER BY id LIMIT 1", id))
                .contains("rate limit");

        driver.drain(DRAIN, id);

        FakeSlackMessage root = slack.root(id);
        assertThat(slack.calls("chat.postMessage", channel)).extracting(FakeSlackCall::outcome)
                .containsExactly("429", "ok");
        String channelId = slack.channelId(channel);
        assertThat(slack.calls())
                .filteredOn(c -> c.receivedAt().isAfter(limited.receivedAt()) && c.param("channel") != null
                        && (c.param("channel").equals(channel) || c.param("channel").equals(channelId)))
                .as("nothing is sent to the channel before Retry-After elapsed")
                .isNotEmpty()
                .allSatisfy(c -> assertThat(c.receivedAt()).isAfterOrEqualTo(Instant.ofEpochMilli(limitedAt + 2_000)));
        assertThat(root.postedAt()).isBefore(Instant.ofEpochMilli(limitedAt + 4_000));
        assertThat(metrics()).contains("channel=\"" + channel + "\",notifier=\"slack\",result=\"retried\"");
    }

    @Test
    void aBurstOfServerErrorsEndsInExactlyOnePost() {
        String channel = newChannel("five-hundred");
        for (int i = 0; i < 3; i++) {
            slack.failNext("chat.postMessage", channel, SlackFault.httpError(500));
        }
        long id = open(channel);
        driver.drain(DRAIN, id);

        assertThat(slack.roots(id)).hasSize(1);
        assertThat(slack.calls("chat.postMessage", channel)).extracting(FakeSlackCall::outcome)
                .containsExactly("500", "500", "500", "ok");
        assertThat(slack.calls("conversations.history", channel)).as("a 5xx post may have been applied: look first")
                .hasSize(3);
        assertThat(Db.count(dataSource, "SELECT attempts FROM outbox WHERE incident_id = ? AND kind = 'opened'", id))
                .isEqualTo(4);
        assertThat(Db.text(dataSource, "SELECT notify_error FROM incident WHERE id = ?", id)).isNull();
    }

    @Test
    void aChannelBackFromAnOutageDeliversEveryBackedOffIncidentAtOnce() {
        String channel = newChannel("outage");
        slack.downFor(Duration.ofMinutes(5));
        long first = open(channel);
        long second = open(channel);
        driver.deliverUntil(() -> backingOff(first) && backingOff(second), DRAIN, () -> "no failed attempt yet");
        // as after many failed attempts: both wait out a long backoff
        execute("UPDATE outbox SET next_attempt_at = now() + interval '1 hour' WHERE incident_id IN (?, ?)"
                + " AND delivered_at IS NULL", first, second);

        slack.clearFaults();
        execute("UPDATE outbox SET next_attempt_at = now() WHERE incident_id = ? AND delivered_at IS NULL", first);
        driver.drain(DRAIN, first, second);

        assertThat(slack.roots(first)).hasSize(1);
        assertThat(slack.roots(second)).as("delivered once Slack answered again, not an hour later").hasSize(1);
        assertThat(Db.count(dataSource, "SELECT count(*) FROM notify_backoff WHERE incident_id IN (?, ?)", first, second))
                .isZero();
    }

    @Test
    void aSingleFailingIncidentKeepsItsBackoffWhileOthersAreDelivered() {
        String channel = newChannel("lone-failure");
        long before = open(channel);
        driver.drain(DRAIN, before);
        slack.failNext("chat.postMessage", channel, SlackFault.httpError(500));
        long failing = open(channel);
        driver.deliverUntil(() -> backingOff(failing), DRAIN, () -> "no failed attempt yet");
        execute("UPDATE outbox SET next_attempt_at = now() + interval '1 hour' WHERE incident_id = ?"
                + " AND delivered_at IS NULL", failing);

        long after = open(channel);
        driver.drain(DRAIN, after);

        assertThat(slack.roots(after)).hasSize(1);
        assertThat(driver.pending(failing)).as("one failure among successes is no outage").isEqualTo(1);
        assertThat(epochMillis("SELECT min(next_attempt_at) FROM outbox WHERE incident_id = ? AND delivered_at IS NULL",
                failing) - System.currentTimeMillis()).isGreaterThan(Duration.ofMinutes(30).toMillis());
        execute("UPDATE outbox SET next_attempt_at = now() WHERE incident_id = ? AND delivered_at IS NULL", failing);
        driver.drain(DRAIN, failing);
        assertThat(slack.roots(failing)).hasSize(1);
    }

    @Test
    void channelNotFoundFailsPermanentlyAndSaysSo() {
        String channel = "#" + OutboxDriver.unique("no-such-channel");
        long id = open(channel);
        driver.deliverUntil(() -> Db.count(dataSource,
                "SELECT count(*) FROM outbox WHERE incident_id = ? AND failed_at IS NOT NULL", id) > 0, DRAIN,
                () -> "not failed");

        assertThat(driver.pending(id)).isZero();
        assertThat(Db.count(dataSource, "SELECT count(*) FROM outbox WHERE incident_id = ? AND failed_at IS NULL", id))
                .isZero();
        assertThat(Db.text(dataSource, "SELECT last_error FROM outbox WHERE incident_id = ? LIMIT 1", id))
                .isEqualTo("channel_not_found");
        assertThat(Db.text(dataSource, "SELECT notify_error FROM incident WHERE id = ?", id))
                .isEqualTo("slack: channel_not_found");
        List<String> types = given().get("/api/v1/incidents/" + id + "/timeline").then().extract().jsonPath().getList("type");
        assertThat(types).containsExactly("opened", "notification_failed");
        assertThat(
                Db.text(dataSource, "SELECT detail FROM timeline_event WHERE incident_id = ? AND type = 'notification_failed'",
                        id))
                .contains("channel_not_found");
        assertThat(slack.roots(id)).isEmpty();
        assertThat(slack.calls("chat.postMessage", channel)).singleElement()
                .satisfies(c -> assertThat(c.outcome()).isEqualTo("error:channel_not_found"));
        assertThat(metrics()).contains("firebreak_notify_messages_total{channel=\"" + channel
                + "\",notifier=\"slack\",result=\"failed\"} 1.0");
    }

    @Test
    void postsWhoseAnswerTimedOutAreFoundAgainNotRepeated() {
        String channel = newChannel("timeouts");
        String channelId = slack.channelId(channel);

        // the channel's first root: only its name is known, the id is looked up to search the history
        slack.failNext("chat.postMessage", channel, SlackFault.timeout(BEYOND_CLIENT_TIMEOUT));
        long first = open(channel);
        driver.drain(DRAIN, first);
        FakeSlackMessage root = slack.root(first);
        assertThat(slack.calls("chat.postMessage", channel)).extracting(FakeSlackCall::outcome).containsExactly("timeout");
        assertThat(slack.calls("conversations.history", channelId)).isNotEmpty()
                .allSatisfy(c -> assertThat(c.param("include_all_metadata")).isIn("1", "true"));
        assertThat(Db.text(dataSource, "SELECT ts FROM slack_message WHERE incident_id = ? AND state = 'posted'", first))
                .isEqualTo(root.ts());
        assertThat(Db.text(dataSource, "SELECT channel FROM slack_message WHERE incident_id = ?", first))
                .isEqualTo(channelId);

        // a later root in the same channel: the id is known from the first one
        int lookups = slack.calls("conversations.list", null).size();
        slack.failNext("chat.postMessage", channel, SlackFault.timeout(BEYOND_CLIENT_TIMEOUT));
        long second = open(channel);
        driver.drain(DRAIN, second);
        assertThat(slack.roots(second)).hasSize(1);
        assertThat(slack.calls("conversations.list", null)).hasSize(lookups);

        // a thread reply whose answer timed out: found with conversations.replies
        slack.failNext("chat.postMessage", channel, SlackFault.timeout(BEYOND_CLIENT_TIMEOUT));
        Incidents.post(first, "/acknowledge", "{\"actor\":\"alice\"}").then().statusCode(200);
        driver.drain(DRAIN, first);
        assertThat(slack.replies(root)).singleElement().satisfies(r -> assertThat(r.text()).contains("alice"));
        assertThat(slack.calls("conversations.replies", channelId)).isNotEmpty()
                .allSatisfy(c -> assertThat(c.param("ts")).isEqualTo(root.ts()));
        assertThat(slack.messagesIn(channel)).hasSize(3);
    }

    @Test
    void aRootFoundAfterATimeoutIsBroughtUpToDate() {
        String channel = newChannel("stale-root");
        slack.failNext("chat.postMessage", channel, SlackFault.timeout(BEYOND_CLIENT_TIMEOUT));
        long id = open(channel);
        driver.deliverUntil(() -> !slack.calls("chat.postMessage", channel).isEmpty(), DRAIN, () -> "no post attempted");
        Incidents.post(id, "/acknowledge", "{\"actor\":\"alice\"}").then().statusCode(200);
        driver.drain(DRAIN, id);

        FakeSlackMessage root = slack.root(id);
        assertThat(slack.roots(id)).hasSize(1);
        assertThat(SlackBlocks.mrkdwn(root.blocks())).as("the adopted root shows the incident as it is now")
                .contains("acknowledged");
        assertThat(slack.replies(root)).singleElement().satisfies(r -> assertThat(r.text()).contains("alice"));
    }

    @ParameterizedTest
    @ValueSource(strings = {"message_not_found", "cant_update_message"})
    void aRootThatCanNoLongerBeUpdatedStillGetsItsReplies(String error) {
        String channel = newChannel("gone-root");
        long id = open(channel);
        driver.drain(DRAIN, id);
        FakeSlackMessage root = slack.root(id);

        slack.failNext("chat.update", channel, SlackFault.error(error));
        Incidents.post(id, "/acknowledge", "{\"actor\":\"bob\"}").then().statusCode(200);
        driver.drain(DRAIN, id);

        assertThat(slack.calls("chat.update", channel)).extracting(FakeSlackCall::outcome)
                .containsExactly("error:" + error);
        assertThat(root.edits()).isEmpty();
        assertThat(slack.replies(root)).singleElement().satisfies(r -> assertThat(r.text()).contains("bob"));
        assertThat(Db.count(dataSource, "SELECT count(*) FROM outbox WHERE incident_id = ? AND failed_at IS NOT NULL", id))
                .isZero();
        assertThat(Db.text(dataSource, "SELECT notify_error FROM incident WHERE id = ?", id)).isNull();
    }

    private boolean backingOff(long incidentId) {
        return Db.count(dataSource, "SELECT count(*) FROM notify_backoff WHERE incident_id = ?", incidentId) > 0;
    }

    private void execute(String sql, Object... params) {
        Db.execute(dataSource, sql, params);
    }

    private long epochMillis(String sql, Object param) {
        return Db.count(dataSource, "SELECT (extract(epoch FROM (" + sql + ")) * 1000)::bigint", param);
    }

    private static String metrics() {
        return given().get("/q/metrics").then().statusCode(200).extract().asString();
    }
}
