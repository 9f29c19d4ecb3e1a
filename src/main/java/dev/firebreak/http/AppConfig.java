package dev.firebreak.http;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/**
 * Service-wide settings.
 */
@ConfigMapping(prefix = "firebreak")
public interface AppConfig {

    /** Public URL of this service, used in links (e.g. in Slack messages). */
    @WithDefault("http://localhost:8080")
    String baseUrl();
}
