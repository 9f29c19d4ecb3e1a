package dev.firebreak.classify;

import java.nio.file.Path;
import java.util.Optional;

import io.smallrye.config.ConfigMapping;

/**
 * Where a user's own classification rules live.
 */
@ConfigMapping(prefix = "firebreak.classify")
public interface ClassifyConfig {

    /** A YAML rules file (same format as the built-in catalog) whose rules are tried before the built-in ones. */
    Optional<Path> rulesFile();
}
