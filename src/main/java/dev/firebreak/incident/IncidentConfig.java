package dev.firebreak.incident;

import java.time.Duration;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/**
 * How incidents group, reopen and resolve themselves.
 */
@ConfigMapping(prefix = "firebreak.incident")
public interface IncidentConfig {

    /** An alert that fires again within this time after its incident was resolved reopens it; later, it opens a new, linked incident. */
    @WithDefault("30m")
    Duration refireWindow();

    /** Which severities are resolved automatically when their alert clears and nobody has acted on them. */
    AutoResolve autoResolve();

    /** Auto-resolve per severity; critical incidents never auto-resolve (a quiet alert is not proof of recovery). */
    interface AutoResolve {
        /** Auto-resolve untouched warning incidents when their alert clears. */
        @WithDefault("true")
        boolean warning();

        /** Auto-resolve untouched info incidents when their alert clears. */
        @WithDefault("true")
        boolean info();
    }
}
