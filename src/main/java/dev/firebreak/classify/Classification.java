package dev.firebreak.classify;

import java.util.Objects;

import dev.firebreak.alert.Severity;

/**
 * The severity Firebreak gives an alert, with the one-sentence reason a human reads and the rule that decided it.
 *
 * @param severity the resulting severity
 * @param reason one sentence starting with the severity, e.g. {@code critical: policy severity is Critical}
 * @param ruleId id of the matching rule, or {@link #DEFAULT_RULE_ID} when no rule matched
 */
public record Classification(Severity severity, String reason, String ruleId) {
    /** Rule id reported when no rule matched and the catalog default applied. */
    public static final String DEFAULT_RULE_ID = "default";

    public Classification {
        Objects.requireNonNull(severity, "severity");
        if (reason == null || reason.isBlank()) {
            throw new IllegalArgumentException("reason is required");
        }
        if (ruleId == null || ruleId.isBlank()) {
            throw new IllegalArgumentException("ruleId is required");
        }
    }

    /** The classification used when no rule matched. */
    public static Classification byDefault(Severity severity) {
        return new Classification(severity, severity.wireName() + ": no rule matched (default)", DEFAULT_RULE_ID);
    }

    /** True when no rule matched and the catalog default was used. */
    public boolean isDefault() {
        return DEFAULT_RULE_ID.equals(ruleId);
    }
}
