package dev.firebreak.testsupport;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import com.slack.api.Slack;
import com.slack.api.SlackConfig;
import com.slack.api.methods.MethodsClient;
import com.slack.api.methods.SlackApiException;
import com.slack.api.methods.response.chat.ChatPostMessageResponse;
import com.slack.api.methods.response.conversations.ConversationsHistoryResponse;
import com.slack.api.model.Message;

/**
 * The fake Slack answers the real Slack SDK the way Slack does: ids versus names, metadata on request, threads, the
 * injected faults, and response_url capture.
 */
class FakeSlackTest {
    private static final String METADATA = "{\"event_type\":\"firebreak_delivery\",\"event_payload\":{\"delivery_key\":\"root:1\"}}";

    FakeSlack slack;
    MethodsClient methods;

    @BeforeEach
    void start() {
        slack = FakeSlack.start();
        SlackConfig config = new SlackConfig();
        config.setMethodsEndpointUrlPrefix(slack.apiUrl());
        config.setHttpClientCallTimeoutMillis(500);
        config.setHttpClientReadTimeoutMillis(500);
        methods = Slack.getInstance(config).methods(FakeSlack.TOKEN);
    }

    @AfterEach
    void stop() {
        slack.close();
    }

    @Test
    void postsByNameButReadsHistoryByIdOnlyWithMetadataWhenAsked() throws Exception {
        String id = slack.createChannel("#ops");
        ChatPostMessageResponse posted = methods.chatPostMessage(r -> r.channel("#ops").text("hi").metadataAsString(METADATA));
        assertThat(posted.isOk()).isTrue();
        assertThat(posted.getChannel()).isEqualTo(id);
        assertThat(posted.getTs()).matches("\\d{10}\\.\\d{6}");

        assertThat(methods.conversationsHistory(r -> r.channel("#ops")).getError()).isEqualTo("channel_not_found");
        Message plain = methods.conversationsHistory(r -> r.channel(id)).getMessages().get(0);
        assertThat(plain.getMetadata()).isNull();
        ConversationsHistoryResponse withMetadata = methods.conversationsHistory(r -> r.channel(id).includeAllMetadata(true));
        assertThat(withMetadata.getMessages()).singleElement()
                .satisfies(m -> assertThat(m.getMetadata().getEventPayload()).containsEntry("delivery_key", "root:1"));
        assertThat(slack.root(1).text()).isEqualTo("hi");
        assertThat(methods.chatPostMessage(r -> r.channel("#nowhere").text("x")).getError()).isEqualTo("channel_not_found");
    }

    @Test
    void threadsUpdatesAndReplies() throws Exception {
        String id = slack.createChannel("ops");
        String root = methods.chatPostMessage(r -> r.channel(id).text("root").metadataAsString(METADATA)).getTs();
        methods.chatPostMessage(r -> r.channel(id).threadTs(root).text("reply"));
        assertThat(methods.chatUpdate(r -> r.channel(id).ts(root).text("root v2")).isOk()).isTrue();
        assertThat(methods.chatUpdate(r -> r.channel(id).ts("1.000001").text("x")).getError()).isEqualTo("message_not_found");
        assertThat(methods.chatUpdate(r -> r.channel("ops").ts(root).text("x")).getError()).isEqualTo("channel_not_found");

        FakeSlackMessage parent = slack.root(1);
        assertThat(parent.text()).isEqualTo("root v2");
        assertThat(parent.edits()).hasSize(1);
        assertThat(slack.replies(parent)).extracting(FakeSlackMessage::text).containsExactly("reply");
        assertThat(methods.conversationsReplies(r -> r.channel(id).ts(root)).getMessages()).extracting(Message::getText)
                .containsExactly("root v2", "reply");
        assertThat(methods.conversationsHistory(r -> r.channel(id)).getMessages()).extracting(Message::getText)
                .containsExactly("root v2");
    }

    @Test
    void injectedFaultsAndTheirOutcomes() throws Exception {
        String id = slack.createChannel("ops");
        slack.failNext("chat.postMessage", "#ops", SlackFault.rateLimited(3));
        slack.failNext("chat.postMessage", SlackFault.httpError(500));
        slack.failNext("chat.postMessage", SlackFault.error("not_in_channel"));
        slack.failNext("chat.postMessage", SlackFault.timeout(Duration.ofMillis(1200)));

        assertThatThrownBy(() -> methods.chatPostMessage(r -> r.channel(id).text("a")))
                .isInstanceOfSatisfying(SlackApiException.class, e -> {
                    assertThat(e.getResponse().code()).isEqualTo(429);
                    assertThat(e.getResponse().header("Retry-After")).isEqualTo("3");
                });
        assertThatThrownBy(() -> methods.chatPostMessage(r -> r.channel(id).text("b")))
                .isInstanceOfSatisfying(SlackApiException.class, e -> assertThat(e.getResponse().code()).isEqualTo(500));
        assertThat(methods.chatPostMessage(r -> r.channel(id).text("c")).getError()).isEqualTo("not_in_channel");
        assertThatThrownBy(() -> methods.chatPostMessage(r -> r.channel(id).text("d"))).isInstanceOf(IOException.class);
        assertThat(slack.messagesIn(id)).extracting(FakeSlackMessage::text)
                .as("only the timed-out post applied")
                .containsExactly("d");
        assertThat(slack.calls("chat.postMessage", "ops")).extracting(FakeSlackCall::outcome)
                .containsExactly("429", "500", "error:not_in_channel", "timeout");

        slack.downFor(Duration.ofSeconds(30));
        assertThatThrownBy(() -> methods.chatPostMessage(r -> r.channel(id).text("e")))
                .isInstanceOfSatisfying(SlackApiException.class, e -> assertThat(e.getResponse().code()).isEqualTo(503));
        slack.clearFaults();
        assertThat(methods.chatPostMessage(r -> r.channel(id).text("f")).isOk()).isTrue();
    }

    @Test
    void randomFaultsAreSeededAndAWrongTokenIsRefused() throws Exception {
        String id = slack.createChannel("ops");
        slack.randomFaults(new RandomSlackFaults(7, 0.2, 0.2, 0.2, "internal_error", 0, 1, Duration.ZERO));
        for (int i = 0; i < 40; i++) {
            try {
                methods.chatPostMessage(r -> r.channel(id).text("x"));
            } catch (SlackApiException e) {
                assertThat(e.getResponse().code()).isIn(429, 500);
            }
        }
        List<String> outcomes = slack.calls().stream().map(FakeSlackCall::outcome).toList();
        assertThat(outcomes).contains("ok", "429", "500", "error:internal_error");
        assertThat(slack.messagesIn(id)).hasSize((int) outcomes.stream().filter("ok"::equals).count());

        slack.clearFaults();
        SlackConfig config = new SlackConfig();
        config.setMethodsEndpointUrlPrefix(slack.apiUrl());
        assertThat(Slack.getInstance(config).methods("xoxb-wrong").chatPostMessage(r -> r.channel(id).text("x")).getError())
                .isEqualTo("invalid_auth");
    }

    @Test
    void capturesResponseUrlPosts() throws Exception {
        HttpResponse<String> response = HttpClient.newHttpClient()
                .send(HttpRequest.newBuilder(URI.create(slack.hookUrl("actions/T1/1/abc")))
                        .POST(HttpRequest.BodyPublishers.ofString("{\"text\":\"done\"}"))
                        .build(), HttpResponse.BodyHandlers.ofString());
        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.body()).isEqualTo("ok");
        assertThat(slack.hookPosts()).singleElement().satisfies(r -> {
            assertThat(r.path()).isEqualTo("/hooks/actions/T1/1/abc");
            assertThat(r.bodyAsString()).isEqualTo("{\"text\":\"done\"}");
        });
    }
}
