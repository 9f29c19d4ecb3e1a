package dev.firebreak.notify.slack;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import dev.firebreak.notify.IncidentNotice;

/**
 * Channel routing: a valid {@code slack_channel} policy label wins, else the severity's channel; info is not posted
 * unless configured.
 */
class SlackRouterTest {
    private static final SlackSettings.Channels CHANNELS = new SlackSettings.Channels() {
        @Override
        public Optional<String> critical() {
            return Optional.of("#incidents");
        }

        @Override
        public Optional<String> warning() {
            return Optional.of(" C0ALERTS1 ");
        }

        @Override
        public Optional<String> info() {
            return Optional.empty();
        }
    };

    @ParameterizedTest(name = "{0} with label ''{1}'' -> {2}")
    @CsvSource(nullValues = "NULL", value = {
            "critical, NULL, #incidents",
            "warning, NULL, C0ALERTS1",
            "info, NULL, NULL",
            "unknown, NULL, C0ALERTS1",
            "critical, #payments-oncall, #payments-oncall",
            "info, payments, payments",
            "warning, ' #ops ', #ops",
            "critical, '<!channel>', #incidents",
            "critical, '#a b', #incidents",
            "critical, '', #incidents"})
    void labelThenSeverity(String severity, String label, String expected) {
        Map<String, String> labels = label == null ? Map.of() : Map.of(SlackRouter.POLICY_LABEL, label);
        IncidentNotice notice = new IncidentNotice(1, "t", severity, "r", "open", "firing", 1, null, List.of(), "res",
                null, null, null, null, "http://localhost/1", null, null, Instant.EPOCH, labels);

        assertThat(new SlackRouter(CHANNELS).channelFor(notice)).isEqualTo(Optional.ofNullable(expected));
    }
}
