package dev.firebreak.testsupport;

import java.util.HashMap;
import java.util.List;
import java.util.Map;

import io.quarkus.test.junit.QuarkusTestProfile;

/**
 * Slack delivery against {@link FakeSlack}: bot token set, critical to {@value #CRITICAL_CHANNEL}, warning to
 * {@value #WARNING_CHANNEL}, info unset; the scheduled dispatcher is off so tests drive
 * {@code NotificationDispatcher.deliverDue()} themselves; short pacing, client timeout and backoff; the storm guard
 * out of reach (see {@link Storm}).
 */
public class SlackTestProfile implements QuarkusTestProfile {
    public static final String CRITICAL_CHANNEL = "#incidents";
    public static final String WARNING_CHANNEL = "#alerts";
    /** The Slack signing secret the app is configured with (for signed interaction requests). */
    public static final String SIGNING_SECRET = "8f742231b10e8888abcd99yyyzzz85a5";
    /** The client's timeout: a fake answer delayed longer than this is an unknown outcome. */
    public static final long CLIENT_TIMEOUT_MILLIS = 1000;

    @Override
    public Map<String, String> getConfigOverrides() {
        Map<String, String> config = new HashMap<>();
        config.put("firebreak.slack.bot-token", FakeSlack.TOKEN);
        config.put("firebreak.slack.signing-secret", SIGNING_SECRET);
        config.put("firebreak.slack.channels.critical", CRITICAL_CHANNEL);
        config.put("firebreak.slack.channels.warning", WARNING_CHANNEL);
        config.put("firebreak.slack.response-url-hosts", "hooks.slack.com,127.0.0.1");
        config.put("firebreak.slack.channel-interval", "50ms");
        config.put("firebreak.slack.timeout", CLIENT_TIMEOUT_MILLIS + "ms");
        config.put("firebreak.slack.storm-threshold", Integer.toString(stormThreshold()));
        config.put("firebreak.slack.storm-window", "1m");
        config.put("firebreak.notify.enabled", "false");
        config.put("firebreak.notify.backoff-base", "50ms");
        config.put("firebreak.notify.backoff-max", "500ms");
        config.put("firebreak.notify.stuck-after", "4s");
        return config;
    }

    @Override
    public List<TestResourceEntry> testResources() {
        return List.of(new TestResourceEntry(FakeSlackResource.class));
    }

    /** New incidents per channel and minute before the storm digest starts. */
    protected int stormThreshold() {
        return 1000;
    }

    /** The same, with a storm threshold of {@value #STORM_THRESHOLD} incidents per minute and channel. */
    public static class Storm extends SlackTestProfile {
        public static final int STORM_THRESHOLD = 3;

        @Override
        protected int stormThreshold() {
            return STORM_THRESHOLD;
        }
    }
}
