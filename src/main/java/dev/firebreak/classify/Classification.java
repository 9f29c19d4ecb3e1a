package dev.firebreak.classify;

import dev.firebreak.alert.Severity;

/** TEMPORARY STUB until the classify branch merges. */
public record Classification(Severity severity, String reason, String ruleId) {
}
