package dev.firebreak.notify.slack;

import java.time.Duration;
import java.util.List;
import java.util.Optional;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/**
 * Slack settings. Secrets (bot token, signing secret) come from configuration or the environment and are never logged.
 */
@ConfigMapping(prefix = "firebreak.slack")
public interface SlackSettings {

    /** The {@code xoxb-…} bot token; without it Slack runs in log-only mode. */
    Optional<String> botToken();

    /** Verifies requests to {@code /slack/interactions} and {@code /slack/commands}; without it they are refused. */
    Optional<String> signingSecret();

    /** Web API base URL (tests point it at a fake Slack). */
    @WithDefault("https://slack.com/api/")
    String apiUrl();

    /** Channels by severity. */
    Channels channels();

    /** Minimum spacing of new messages in one channel (Slack allows about one per second). */
    @WithDefault("1s")
    Duration channelInterval();

    /** More new incidents than this in one channel within {@link #stormWindow()} are threaded under one digest message. */
    @WithDefault("10")
    int stormThreshold();

    /** The window of the storm guard. */
    @WithDefault("1m")
    Duration stormWindow();

    /** Timeout of one Slack API call. */
    @WithDefault("10s")
    Duration timeout();

    /** Hosts a Slack {@code response_url} may point to (anything else is never called). */
    @WithDefault("hooks.slack.com")
    List<String> responseUrlHosts();

    /** Channel ids (preferred) or names per severity. */
    interface Channels {
        /** Channel for critical incidents. */
        Optional<String> critical();

        /** Channel for warning incidents. */
        Optional<String> warning();

        /** Channel for info incidents; unset means info incidents are not posted. */
        Optional<String> info();
    }
}
