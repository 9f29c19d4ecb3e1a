package dev.firebreak.notify.slack;

import static dev.firebreak.notify.slack.SlackBlocks.escaped;
import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.List;
import java.util.Map;

import javax.sql.DataSource;

import jakarta.inject.Inject;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;

import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import io.restassured.path.json.JsonPath;

import dev.firebreak.notify.NotificationDispatcher;
import dev.firebreak.notify.Notifier;
import dev.firebreak.testsupport.BlockKitLimits;
import dev.firebreak.testsupport.Db;
import dev.firebreak.testsupport.FakeSlack;
import dev.firebreak.testsupport.FakeSlackCall;
import dev.firebreak.testsupport.FakeSlackMessage;
import dev.firebreak.testsupport.FakeSlackResource;
import dev.firebreak.testsupport.Incidents;
import dev.firebreak.testsupport.OutboxDriver;
import dev.firebreak.testsupport.SlackTestProfile;

/**
 * Slack delivery through the outbox against a fake Slack: what the root message shows, where it goes, how it is kept
 * current with chat.update, and one thread reply per event (a burst of re-fires coalesced).
 */
@QuarkusTest
@TestProfile(SlackTestProfile.class)
class SlackDeliveryTest {
    static final Duration DRAIN = Duration.ofSeconds(15);

    @Inject
    DataSource dataSource;
    @Inject
    NotificationDispatcher dispatcher;
    @Inject
    Notifier notifier;

    FakeSlack slack;
    OutboxDriver driver;

    @BeforeEach
    void setUp() {
        slack = FakeSlackResource.slack();
        slack.clearFaults();
        driver = new OutboxDriver(dataSource, dispatcher);
    }

    /** A fresh channel that exists in the fake Slack. */
    String newChannel(String prefix) {
        String channel = "#" + OutboxDriver.unique(prefix);
        slack.createChannel(channel);
        return channel;
    }

    @Test
    void aNewCriticalIncidentPostsOneRootMessageWithWhatToDoWithinBlockKitLimits() {
        String source = OutboxDriver.unique("0.critical");
        String pod = OutboxDriver.unique("checkout-crit");
        long id = driver.open(source, pod, "Critical", Map.of());
        driver.drain(DRAIN, id);

        assertThat(notifier).as("a bot token selects Slack delivery").isInstanceOf(SlackNotifier.class);
        FakeSlackMessage root = slack.root(id);
        assertThat(root.channel()).isEqualTo(slack.channelId(SlackTestProfile.CRITICAL_CHANNEL));
        assertThat(root.threadTs()).as("a root is a top-level message").isNull();
        assertThat(BlockKitLimits.violations(root.blocks())).isEmpty();

        JsonPath detail = given().get("/api/v1/incidents/" + id).then().statusCode(200).extract().jsonPath();
        assertThat(detail.getString("severity")).isEqualTo("critical");
        assertThat(root.text()).startsWith("[CRITICAL] ")
                .contains(escaped(detail.getString("title")))
                .contains("Firebreak incident #" + id)
                .contains("open");
        JsonNode header = root.blocks().get(0);
        assertThat(header.path("type").asText()).isEqualTo("header");
        assertThat(header.path("text").path("text").asText()).contains("CRITICAL").contains(detail.getString("title"));

        String mrkdwn = SlackBlocks.mrkdwn(root.blocks());
        assertThat(mrkdwn).contains(escaped(detail.getString("severityReason")))
                .contains("k8s_container")
                .contains("pod_name=" + pod)
                .contains("namespace_name=checkout")
                .contains("Current step: assess impact");
        List<String> commands = detail.getList("steps[0].diagnostics.command");
        assertThat(commands).isNotEmpty();
        for (String command : commands.subList(0, Math.min(3, commands.size()))) {
            assertThat(mrkdwn).as("shows the command to type first").contains(escaped(command));
        }
        assertThat(mrkdwn).contains("/api/v1/incidents/" + id + "|Firebreak incident #" + id + ">")
                .contains("<https://console.cloud.google.com/monitoring/alerting/alerts/" + source
                        + "?project=shop-prod|Cloud Console>");

        List<JsonNode> buttons = SlackBlocks.buttons(root.blocks());
        assertThat(SlackBlocks.buttonTexts(root.blocks())).containsExactly("Acknowledge", "Complete assess impact",
                "Resolve");
        assertThat(buttons).extracting(b -> b.path("action_id").asText())
                .containsExactly(SlackMessageRenderer.ACTION_ACK, SlackMessageRenderer.ACTION_COMPLETE,
                        SlackMessageRenderer.ACTION_RESOLVE);
        assertThat(buttons).extracting(b -> b.path("value").asText())
                .containsExactly(Long.toString(id), id + ":assess_impact", Long.toString(id));
        assertThat(buttons).extracting(b -> b.path("style").asText("none")).containsExactly("primary", "none", "danger");
        assertThat(buttons.get(2).has("confirm")).as("resolving asks for confirmation").isTrue();

        assertThat(Db.text(dataSource, "SELECT ts FROM slack_message WHERE incident_id = ? AND state = 'posted'", id))
                .isEqualTo(root.ts());
        assertThat(Db.text(dataSource, "SELECT channel FROM slack_message WHERE incident_id = ?", id))
                .isEqualTo(root.channel());
        assertThat(Db.count(dataSource, "SELECT count(*) FROM outbox WHERE incident_id = ? AND delivered_at IS NULL", id))
                .isZero();
        FakeSlackCall post = slack.calls("chat.postMessage", SlackTestProfile.CRITICAL_CHANNEL)
                .stream()
                .filter(c -> c.outcome().equals("ok") && c.param("metadata") != null
                        && c.param("metadata").contains("\"root:" + id + "\""))
                .findFirst()
                .orElseThrow();
        assertThat(post.param("unfurl_links")).as("no link previews").isIn("0", "false");
        assertThat(post.param("thread_ts")).isNull();
    }

    @Test
    void warningGoesToItsChannelAndInfoIsNotPostedButMarkedDelivered() {
        long warning = driver.open(OutboxDriver.unique("0.warn"), OutboxDriver.unique("checkout-warn"), "Warning",
                Map.of());
        long info = driver.open(OutboxDriver.unique("0.info"), OutboxDriver.unique("checkout-info"), "Warning",
                Map.of("firebreak_severity", "info"));
        driver.drain(DRAIN, warning, info);

        assertThat(slack.root(warning).channel()).isEqualTo(slack.channelId(SlackTestProfile.WARNING_CHANNEL));
        assertThat(slack.root(warning).text()).startsWith("[WARNING] ");

        assertThat(Db.text(dataSource, "SELECT severity FROM incident WHERE id = ?", info)).isEqualTo("info");
        assertThat(slack.roots(info)).isEmpty();
        assertThat(slack.messages()).noneMatch(m -> m.deliveryKey() != null && m.deliveryKey().endsWith(":" + info));
        assertThat(Db.count(dataSource, "SELECT count(*) FROM outbox WHERE incident_id = ?", info)).isPositive();
        assertThat(Db.count(dataSource, "SELECT count(*) FROM outbox WHERE incident_id = ? AND delivered_at IS NULL", info))
                .as("skipped events count as delivered")
                .isZero();
        assertThat(Db.count(dataSource, "SELECT count(*) FROM slack_message WHERE incident_id = ?", info)).isZero();
    }

    @Test
    void thePolicyLabelSlackChannelOverridesTheSeverityChannel() {
        String channel = newChannel("payments-oncall");
        long id = driver.open(OutboxDriver.unique("0.label"), OutboxDriver.unique("checkout-label"), "Critical",
                Map.of("slack_channel", channel));
        driver.drain(DRAIN, id);

        assertThat(slack.root(id).channel()).isEqualTo(slack.channelId(channel));
        assertThat(slack.messagesIn(SlackTestProfile.CRITICAL_CHANNEL)).noneMatch(m -> ("root:" + id).equals(
                m.deliveryKey()));
        assertThat(Db.text(dataSource, "SELECT route FROM slack_message WHERE incident_id = ?", id)).isEqualTo(channel);
    }

    @Test
    void acknowledgingAndCompletingAStepUpdatesTheRootOnceAndRepliesOncePerEvent() {
        String channel = newChannel("ack-step");
        long id = driver.open(OutboxDriver.unique("0.ack"), OutboxDriver.unique("checkout-ack"), "Critical",
                Map.of("slack_channel", channel));
        driver.drain(DRAIN, id);
        FakeSlackMessage root = slack.root(id);
        assertThat(root.edits()).isEmpty();

        Incidents.post(id, "/acknowledge", "{\"actor\":\"alice\"}").then().statusCode(200);
        Incidents.post(id, "/steps/assess_impact/complete", "{\"actor\":\"alice\",\"note\":\"p99 <2s & 3% errors\"}")
                .then()
                .statusCode(200);
        driver.drain(DRAIN, id);

        assertThat(root.edits()).hasSize(1);
        assertThat(slack.calls("chat.update", channel)).singleElement()
                .satisfies(c -> assertThat(c.param("ts")).isEqualTo(root.ts()));
        String updated = SlackBlocks.mrkdwn(root.blocks());
        assertThat(updated).contains("acknowledged · step immediate response")
                .contains("Current step: immediate response")
                .contains("acknowledged by alice");
        assertThat(SlackBlocks.buttonTexts(root.blocks())).containsExactly("Complete immediate response", "Resolve");
        assertThat(root.text()).contains("acknowledged");
        assertThat(BlockKitLimits.violations(root.blocks())).isEmpty();

        List<FakeSlackMessage> replies = slack.replies(root);
        assertThat(replies).hasSize(2).allSatisfy(r -> assertThat(r.threadTs()).isEqualTo(root.ts()));
        List<Long> outboxIds = List.of(outboxId(id, "acknowledged"), outboxId(id, "step_completed"));
        assertThat(replies).extracting(FakeSlackMessage::deliveryKey)
                .containsExactly("reply:" + outboxIds.get(0), "reply:" + outboxIds.get(1));
        assertThat(replies.get(0).text()).startsWith("👀").contains(escaped(detail(id, "acknowledged"))).endsWith("alice");
        assertThat(replies.get(1).text()).startsWith("✅").contains(escaped(detail(id, "step_completed")));
        assertThat(replies.get(1).text()).as("user text is escaped").doesNotContain("<2s").contains("&lt;2s &amp; 3%");
    }

    @Test
    void aBurstOfRenotificationsBeforeDeliveryBecomesOneCoalescedReply() {
        String channel = newChannel("burst");
        String source = OutboxDriver.unique("0.burst");
        String pod = OutboxDriver.unique("checkout-burst");
        Map<String, String> labels = Map.of("slack_channel", channel);
        long id = driver.open(source, pod, "Critical", labels);
        driver.drain(DRAIN, id);

        for (String observed : List.of("8", "9", "10")) {
            driver.renotify(source, pod, "Critical", labels, observed);
        }
        assertThat(Db.count(dataSource, "SELECT count(*) FROM outbox WHERE incident_id = ? AND kind = 'alert_renotified'",
                id)).isEqualTo(3);
        driver.drain(DRAIN, id);

        FakeSlackMessage root = slack.root(id);
        List<FakeSlackMessage> replies = slack.replies(root);
        assertThat(replies).singleElement()
                .satisfies(r -> assertThat(r.text()).contains("fired 3 more times")
                        .contains("(4 in all)")
                        .contains("alert still firing (4 notifications)"));
        assertThat(root.edits()).hasSize(1);
        assertThat(SlackBlocks.mrkdwn(root.blocks())).contains("fired 4 times");
        assertThat(Db.text(dataSource, "SELECT array_length(outbox_ids, 1)::text FROM slack_reply WHERE incident_id = ?",
                id)).isEqualTo("3");
        assertThat(driver.pending(id)).isZero();
    }

    private long outboxId(long incidentId, String kind) {
        return Db.count(dataSource, "SELECT min(id) FROM outbox WHERE incident_id = ? AND kind = ?", incidentId, kind);
    }

    private String detail(long incidentId, String type) {
        return Db.text(dataSource, "SELECT detail FROM timeline_event WHERE incident_id = ? AND type = ? ORDER BY id",
                incidentId, type);
    }
}
