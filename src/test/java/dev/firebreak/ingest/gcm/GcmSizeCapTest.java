package dev.firebreak.ingest.gcm;

import static dev.firebreak.ingest.gcm.GcmFixtures.alert;
import static dev.firebreak.ingest.gcm.GcmFixtures.baseWith;
import static dev.firebreak.ingest.gcm.GcmFixtures.incident;
import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.function.Function;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;

import dev.firebreak.alert.Alert;

/**
 * Very long text fields (wire-formats §5 items 20 and 21) are accepted and capped, and a cap never splits a character.
 */
class GcmSizeCapTest {

    static Stream<Arguments> cappedFields() {
        return Stream.of(
                Arguments.of("summary", 100_000, Json.MAX_TEXT, (Function<Alert, String>) Alert::summary),
                Arguments.of("resource_name", 50_000, Json.MAX_NAME, (Function<Alert, String>) a -> a.resource().name()),
                Arguments.of("policy_name", 5_000, Json.MAX_NAME, (Function<Alert, String>) Alert::policyName),
                Arguments.of("condition_name", 5_000, Json.MAX_NAME, (Function<Alert, String>) Alert::conditionName),
                Arguments.of("observed_value", 5_000, Json.MAX_NAME, (Function<Alert, String>) Alert::observedValue),
                Arguments.of("documentation", 50_000, GcmAlertMapper.MAX_DOCUMENTATION,
                        (Function<Alert, String>) a -> a.documentation().content()));
    }

    @ParameterizedTest(name = "{0} of {1} chars")
    @MethodSource("cappedFields")
    void longTextIsCappedWithAnEllipsis(String field, int length, int cap, Function<Alert, String> read) {
        String text = "x".repeat(length);
        Alert alert = alert(baseWith(root -> incident(root).put(field, text)));

        assertThat(read.apply(alert)).hasSize(cap).startsWith("xxxxxxxx").endsWith("…");
    }

    @ParameterizedTest(name = "{0} of {1} chars")
    @MethodSource("cappedFields")
    void capNeverSplitsASurrogatePair(String field, int length, int cap, Function<Alert, String> read) {
        // two chars per code point, so the cut lands on either half of a pair depending on the cap's parity
        for (String prefix : new String[]{"", "a"}) {
            String text = prefix + "🔥".repeat(length / 2);
            Alert alert = alert(baseWith(root -> incident(root).put(field, text)));
            String capped = read.apply(alert);

            assertThat(capped.length()).isLessThanOrEqualTo(cap);
            assertThat(new String(capped.getBytes(StandardCharsets.UTF_8), StandardCharsets.UTF_8).equals(capped))
                    .as("%s capped after %s is well-formed UTF-16", field, prefix.isEmpty() ? "no prefix" : "a prefix")
                    .isTrue();
        }
    }

    @Test
    void documentationWithinThePolicyLimitIsKeptWhole() {
        String content = "# Runbook\n\n" + "- step with `kubectl get pods -n ${resource.label.namespace}`\n".repeat(130);
        assertThat(content.length()).isBetween(8_000, 8_192);

        Alert alert = alert(baseWith(root -> ((ObjectNode) incident(root).get("documentation")).put("content", content)));

        assertThat(alert.documentation().content()).isEqualTo(content);
    }

    @Test
    void hugeDocumentationObjectIsCappedAndItsOtherFieldsKept() {
        String content = "**markdown** " + "z".repeat(200_000);
        Alert alert = alert(baseWith(root -> ((ObjectNode) incident(root).get("documentation")).put("content", content)));

        assertThat(alert.documentation().content()).hasSize(GcmAlertMapper.MAX_DOCUMENTATION)
                .startsWith("**markdown** zzz");
        assertThat(alert.documentation().subject()).isEqualTo("[ALERT - Critical] restartGce");
        assertThat(alert.documentation().mimeType()).isEqualTo("text/markdown");
    }

    @Test
    void manyDocumentationLinksAreCapped() {
        ArrayNode links = JsonNodeFactory.instance.arrayNode();
        for (int i = 0; i < 50; i++) {
            links.addObject().put("displayName", "link " + i).put("url", "https://example.com/" + i);
        }
        Alert alert = alert(baseWith(root -> ((ObjectNode) incident(root).get("documentation")).set("links", links)));

        assertThat(alert.documentation().links()).hasSize(10)
                .first()
                .satisfies(link -> assertThat(link.url()).isEqualTo("https://example.com/0"));
    }
}
