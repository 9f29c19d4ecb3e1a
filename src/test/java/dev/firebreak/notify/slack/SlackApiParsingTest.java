package dev.firebreak.notify.slack;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * How {@link SlackApi} reads Slack's answers: the {@code Retry-After} header, and channel ids versus names.
 */
class SlackApiParsingTest {

    @ParameterizedTest(name = "Retry-After ''{0}'' -> {1} s")
    @CsvSource(nullValues = "NULL", value = {
            "2, 2",
            "' 30 ', 30",
            "0, 0",
            "3600, 3600",
            "NULL, 1",
            "'', 1",
            "soon, 1",
            "-5, 1",
            "1.5, 2",
            "7200, 3600"})
    void retryAfterIsWholeSecondsRoundedUpCappedWithAOneSecondDefault(String header, long seconds) {
        assertThat(SlackApi.retryAfter(header)).isEqualTo(Duration.ofSeconds(seconds));
    }

    @ParameterizedTest(name = "{0} is an id: {1}")
    @CsvSource({
            "C012AB3CD, true",
            "G0123456789, true",
            "D024BE91L, true",
            "#incidents, false",
            "incidents, false",
            "alerts-prod, false",
            "c012ab3cd, false",
            "C12, false"})
    void channelIdsAreToldFromNames(String channel, boolean id) {
        assertThat(SlackApi.isChannelId(channel)).isEqualTo(id);
    }
}
