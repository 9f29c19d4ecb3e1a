package dev.firebreak.notify.slack;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.function.UnaryOperator;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.MethodSource;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import dev.firebreak.notify.IncidentNotice;
import dev.firebreak.notify.OutboxEvent;
import dev.firebreak.testsupport.BlockKitLimits;

/**
 * The Block Kit rendering on its own: Slack's limits hold for any input size, alert text cannot inject mentions, links
 * or code-block breaks, and the buttons follow the status.
 */
class SlackMessageRendererTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String HUGE = "x".repeat(10 * 1024);
    private static final String INJECTION = "<!channel> <!here> <@U024BE7LH> <https://evil.example/login|click here>";

    static IncidentNotice notice(UnaryOperator<Builder> customize) {
        return customize.apply(new Builder()).build();
    }

    /** An incident notice with realistic defaults, adjustable per test. */
    static final class Builder {
        String title = "checkout - container restarts on checkout-7d9f";
        String status = "open";
        String step = "assess_impact";
        String reason = "policy severity is Critical";
        String resource = "k8s_container cluster_name=prod-1 namespace_name=checkout pod_name=checkout-7d9f";
        String summary = "Restart count for checkout pod checkout-7d9f is above the threshold of 3 with a value of 7.";
        String observed = "7";
        String consoleUrl = "https://console.cloud.google.com/monitoring/alerting/alerts/0.abc?project=shop-prod";
        String acknowledgedBy;
        List<IncidentNotice.Command> commands = List.of(
                new IncidentNotice.Command("Pod status", "kubectl get pod checkout-7d9f -n checkout -o wide", false),
                new IncidentNotice.Command("Events", "kubectl get events -n checkout", false));

        IncidentNotice build() {
            return new IncidentNotice(42, title, "critical", reason, status, "firing", 1, step, commands, resource, summary,
                    observed, "3", consoleUrl, "http://localhost:8080/api/v1/incidents/42", acknowledgedBy, null,
                    Instant.parse("2026-11-24T08:00:00Z"), Map.of());
        }
    }

    static JsonNode blocks(SlackMessageRenderer.Rendered rendered) throws IOException {
        return JSON.readTree(rendered.blocks());
    }

    @Test
    void tenKilobytesInEveryFieldStillFitsSlacksLimits() throws IOException {
        SlackMessageRenderer.Rendered rendered = SlackMessageRenderer.root(notice(b -> {
            b.title = HUGE;
            b.summary = HUGE;
            b.reason = HUGE;
            b.resource = HUGE;
            b.observed = HUGE;
            b.acknowledgedBy = HUGE;
            b.step = "root_cause_analysis";
            b.commands = List.of(new IncidentNotice.Command("a", HUGE, false), new IncidentNotice.Command("b", HUGE, true),
                    new IncidentNotice.Command("c", HUGE, false));
            return b;
        }));

        JsonNode blocks = blocks(rendered);
        assertThat(BlockKitLimits.violations(blocks)).isEmpty();
        assertThat(blocks.size()).isLessThanOrEqualTo(50);
        assertThat(blocks.get(0).path("text").path("text").asText()).hasSizeLessThanOrEqualTo(150).endsWith("…");
        assertThat(rendered.text()).hasSizeLessThanOrEqualTo(SlackMessageRenderer.TEXT_MAX);
        assertThat(SlackBlocks.mrkdwn(blocks)).contains("*Current step: root cause analysis*");
        assertThat(SlackBlocks.buttonTexts(blocks)).containsExactly("Acknowledge", "Complete root cause analysis", "Resolve");
    }

    @Test
    void cuttingATitleOfEmojiNeverSplitsASurrogatePair() throws IOException {
        SlackMessageRenderer.Rendered rendered = SlackMessageRenderer.root(notice(b -> {
            b.title = "🔥".repeat(5_000);
            b.summary = "🔥".repeat(5_000);
            return b;
        }));
        for (JsonNode text : SlackBlocks.textObjects(blocks(rendered))) {
            assertThat(hasLoneSurrogate(text.path("text").asText())).as(text.toString()).isFalse();
        }
        assertThat(hasLoneSurrogate(rendered.text())).isFalse();
    }

    static Stream<Arguments> alertTextFields() {
        return Stream.of(
                Arguments.of("title", (UnaryOperator<Builder>) b -> {
                    b.title = INJECTION;
                    return b;
                }),
                Arguments.of("summary", (UnaryOperator<Builder>) b -> {
                    b.summary = INJECTION;
                    return b;
                }),
                Arguments.of("severity reason", (UnaryOperator<Builder>) b -> {
                    b.reason = INJECTION;
                    return b;
                }),
                Arguments.of("resource", (UnaryOperator<Builder>) b -> {
                    b.resource = INJECTION;
                    return b;
                }),
                Arguments.of("observed value", (UnaryOperator<Builder>) b -> {
                    b.observed = INJECTION;
                    return b;
                }),
                Arguments.of("acknowledged by", (UnaryOperator<Builder>) b -> {
                    b.acknowledgedBy = INJECTION;
                    b.status = "acknowledged";
                    return b;
                }),
                Arguments.of("command", (UnaryOperator<Builder>) b -> {
                    b.commands = List.of(new IncidentNotice.Command("x", "kubectl logs " + INJECTION, false));
                    return b;
                }));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("alertTextFields")
    void mentionsAndLinksInAlertTextAreEscaped(String field, UnaryOperator<Builder> customize) throws IOException {
        SlackMessageRenderer.Rendered rendered = SlackMessageRenderer.root(notice(customize));
        String mrkdwn = SlackBlocks.mrkdwn(blocks(rendered));

        for (String text : List.of(mrkdwn, rendered.text())) {
            assertThat(text).doesNotContain("<!channel>", "<!here>", "<@U024BE7LH>", "<https://evil.example");
        }
        assertThat(mrkdwn + rendered.text()).contains("&lt;!channel&gt;");
    }

    @Test
    void aThreadReplyEscapesTheEventDetailAndTheActor() {
        OutboxEvent event = new OutboxEvent(7, "note_added", Instant.now(), INJECTION, "note: " + INJECTION, 0);
        String text = SlackMessageRenderer.reply(notice(b -> b), List.of(event)).text();
        assertThat(text).startsWith("📝").doesNotContain("<!channel>", "<https://evil.example").contains("&lt;!here&gt;");
    }

    @Test
    void tripleBackticksInACommandCannotCloseTheCodeBlock() throws IOException {
        SlackMessageRenderer.Rendered rendered = SlackMessageRenderer.root(notice(b -> {
            b.commands = List.of(new IncidentNotice.Command("x", "echo ```\n*bold* <!channel>", false),
                    new IncidentNotice.Command("y", "kubectl get pods -n checkout | grep -v '```'", false));
            return b;
        }));
        String step = SlackBlocks.mrkdwn(blocks(rendered))
                .lines()
                .dropWhile(line -> !line.startsWith("*Current step"))
                .reduce("", (a, line) -> a + line + "\n");
        assertThat(step.split("```", -1)).as("exactly one opening and one closing fence").hasSize(3);
        assertThat(step).contains("kubectl get pods -n checkout | grep -v").doesNotContain("<!channel>");
    }

    @ParameterizedTest
    @CsvSource({
            "https://evil.example/a|b, pipe would end the URL",
            "https://evil.example/a>b, angle bracket would end the link",
            "javascript:alert(1), not http(s)",
            "https://evil.example/a b, space"})
    void unsafeConsoleUrlsAreNotLinked(String url, String why) throws IOException {
        SlackMessageRenderer.Rendered rendered = SlackMessageRenderer.root(notice(b -> {
            b.consoleUrl = url;
            return b;
        }));
        String mrkdwn = SlackBlocks.mrkdwn(blocks(rendered));
        assertThat(mrkdwn).as(why).doesNotContain("<" + url).doesNotContain("evil.example").contains("Cloud Console");
    }

    @ParameterizedTest
    @CsvSource(delimiter = ';', value = {
            "open; assess_impact; Acknowledge,Complete assess impact,Resolve",
            "acknowledged; resolution; Complete resolution,Resolve",
            "resolved; post_incident_review; Complete post incident review",
            "closed; ; "})
    void buttonsFollowTheStatus(String status, String step, String expected) throws IOException {
        SlackMessageRenderer.Rendered rendered = SlackMessageRenderer.root(notice(b -> {
            b.status = status;
            b.step = step;
            return b;
        }));
        JsonNode blocks = blocks(rendered);
        List<String> buttons = SlackBlocks.buttonTexts(blocks);
        assertThat(buttons).containsExactlyElementsOf(expected == null ? List.of() : List.of(expected.split(",")));
        assertThat(BlockKitLimits.violations(blocks)).isEmpty();
    }

    @Test
    void theActionsBlockIdChangesWithTheState() throws IOException {
        String open = blocks(SlackMessageRenderer.root(notice(b -> b))).findValue("block_id").asText();
        String acknowledged = blocks(SlackMessageRenderer.root(notice(b -> {
            b.status = "acknowledged";
            return b;
        }))).findValue("block_id").asText();
        assertThat(open).startsWith("firebreak_actions_42_").isNotEqualTo(acknowledged);
    }

    private static boolean hasLoneSurrogate(String text) {
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (Character.isHighSurrogate(c)) {
                if (i + 1 >= text.length() || !Character.isLowSurrogate(text.charAt(i + 1))) {
                    return true;
                }
                i++;
            } else if (Character.isLowSurrogate(c)) {
                return true;
            }
        }
        return false;
    }
}
