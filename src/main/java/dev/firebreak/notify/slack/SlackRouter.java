package dev.firebreak.notify.slack;

import java.util.Optional;
import java.util.regex.Pattern;

import dev.firebreak.notify.IncidentNotice;

/**
 * Picks the channel of an incident: the alert policy's {@code slack_channel} label when it names a valid channel,
 * else the channel configured for its severity (none: not posted).
 */
final class SlackRouter {
    static final String POLICY_LABEL = "slack_channel";
    private static final Pattern CHANNEL = Pattern.compile("#?[A-Za-z0-9][A-Za-z0-9._-]{0,79}");

    private final SlackSettings.Channels channels;

    SlackRouter(SlackSettings.Channels channels) {
        this.channels = channels;
    }

    Optional<String> channelFor(IncidentNotice notice) {
        String label = notice.policyLabels().get(POLICY_LABEL);
        if (label != null && CHANNEL.matcher(label.trim()).matches()) {
            return Optional.of(label.trim());
        }
        Optional<String> configured = switch (notice.severity()) {
            case "critical" -> channels.critical();
            case "warning" -> channels.warning();
            case "info" -> channels.info();
            default -> channels.warning();
        };
        return configured.map(String::trim).filter(c -> !c.isEmpty());
    }
}
