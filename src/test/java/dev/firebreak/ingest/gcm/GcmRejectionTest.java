package dev.firebreak.ingest.gcm;

import static dev.firebreak.ingest.gcm.GcmFixtures.PARSER;
import static dev.firebreak.ingest.gcm.GcmFixtures.utf8;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.junit.jupiter.params.provider.Arguments.arguments;

import java.nio.charset.StandardCharsets;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Supplier;
import java.util.stream.Stream;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Data that is not a usable notification is rejected with a stable code, never with an exception, and hostile shapes
 * (deep nesting, giant numbers and strings) fail fast on the bounded parser.
 */
class GcmRejectionTest {
    private static final String VALID_INCIDENT = "{\"incident\":{\"incident_id\":\"0.x\",\"state\":\"open\"}}";

    static Stream<Arguments> rejections() {
        return Stream.of(
                row("empty bytes", () -> new byte[0], "empty"),
                row("null data", () -> null, "empty"),
                row("not UTF-8 (broken sequence)", () -> new byte[]{'{', (byte) 0xC3, 0x28, '}'}, "not_utf8"),
                row("not UTF-8 (Latin-1 text)",
                        () -> "{\"incident\":{\"incident_id\":\"0.x\",\"state\":\"open\",\"policy_name\":\"café\"}}"
                                .getBytes(StandardCharsets.ISO_8859_1),
                        "not_utf8"),
                row("not json", () -> utf8("not json"), "not_json"),
                row("truncated json", () -> utf8("{\"incident\":{\"incident_id\":\"0.x\""), "not_json"),
                row("trailing garbage", () -> utf8(VALID_INCIDENT + " trailing"), "not_json"),
                row("two documents", () -> utf8(VALID_INCIDENT + VALID_INCIDENT), "not_json"),
                row("duplicate state key",
                        () -> utf8("{\"incident\":{\"incident_id\":\"0.x\",\"state\":\"open\",\"state\":\"closed\"}}"),
                        "not_json"),
                row("json array", () -> utf8("[" + VALID_INCIDENT + "]"), "not_notification"),
                row("json string", () -> utf8("\"incident\""), "not_notification"),
                row("json number", () -> utf8("42"), "not_notification"),
                row("json null", () -> utf8("null"), "not_notification"),
                row("object without incident", () -> utf8("{\"version\":\"1.2\"}"), "not_notification"),
                row("incident is a string", () -> utf8("{\"incident\":\"0.x\",\"version\":\"1.2\"}"), "not_notification"),
                row("missing incident_id", () -> utf8("{\"incident\":{\"state\":\"open\"}}"), "missing_incident_id"),
                row("blank incident_id", () -> utf8("{\"incident\":{\"incident_id\":\"  \",\"state\":\"open\"}}"),
                        "missing_incident_id"),
                row("null incident_id", () -> utf8("{\"incident\":{\"incident_id\":null,\"state\":\"open\"}}"),
                        "missing_incident_id"),
                row("object incident_id", () -> utf8("{\"incident\":{\"incident_id\":{},\"state\":\"open\"}}"),
                        "missing_incident_id"),
                row("missing state", () -> utf8("{\"incident\":{\"incident_id\":\"0.x\"}}"), "missing_state"),
                row("empty state", () -> utf8("{\"incident\":{\"incident_id\":\"0.x\",\"state\":\"\"}}"), "missing_state"),
                row("overlong incident_id",
                        () -> utf8("{\"incident\":{\"incident_id\":\"" + "x".repeat(5_000) + "\",\"state\":\"open\"}}"),
                        "invalid_incident_id"),
                row("10,000 nested arrays", () -> utf8("[".repeat(10_000)), "json_limits"),
                row("10,000 nested objects", () -> utf8("{\"a\":".repeat(10_000)), "json_limits"),
                row("deep nesting inside the incident",
                        () -> utf8("{\"incident\":{\"incident_id\":\"0.x\",\"state\":\"open\",\"x\":"
                                + "[".repeat(1_000) + "]".repeat(1_000) + "}}"),
                        "json_limits"),
                row("number with 1,000,000 digits", () -> utf8("1".repeat(1_000_000)), "json_limits"),
                row("1,000,000-digit started_at",
                        () -> utf8("{\"incident\":{\"incident_id\":\"0.x\",\"state\":\"open\",\"started_at\":"
                                + "9".repeat(1_000_000) + "}}"),
                        "json_limits"),
                row("20 MB string",
                        () -> utf8("{\"incident\":{\"incident_id\":\"0.x\",\"state\":\"open\",\"summary\":\""
                                + "a".repeat(20 * 1024 * 1024) + "\"}}"),
                        "json_limits"));
    }

    private static Arguments row(String name, Supplier<byte[]> data, String code) {
        return arguments(name, data, code);
    }

    @ParameterizedTest(name = "{0} -> {2}")
    @MethodSource("rejections")
    void unusableDataIsRejectedWithACodeAndNoException(String name, Supplier<byte[]> data, String code) {
        AtomicReference<GcmParseResult> result = new AtomicReference<>();

        assertThatCode(() -> result.set(PARSER.parse(data.get()))).doesNotThrowAnyException();

        assertThat(result.get()).isInstanceOfSatisfying(GcmParseResult.Rejected.class, rejected -> {
            assertThat(rejected.code()).isEqualTo(code);
            assertThat(rejected.detail()).isNotBlank();
        });
    }
}
