package dev.firebreak.runbook;

import java.nio.file.Path;
import java.util.Optional;

import io.smallrye.config.ConfigMapping;

/**
 * Where a user's own diagnostic command rules live.
 */
@ConfigMapping(prefix = "firebreak.runbook")
public interface RunbookConfig {

    /** A YAML diagnostics catalog (same format as the built-in one) whose rules are tried before the built-in ones. */
    Optional<Path> catalogFile();
}
