package dev.firebreak.classify;

import java.util.Objects;
import java.util.Optional;

import dev.firebreak.alert.Alert;
import dev.firebreak.alert.Severity;

/**
 * One ordered classification rule: when every condition of {@code match} holds, the alert gets {@code severity}
 * and the filled {@code reason}.
 *
 * @param id unique, stable id (lower case, digits, {@code . _ -}); shown as the deciding rule
 * @param description what the rule is for, for people reading the catalog
 * @param match the conditions that must all hold
 * @param severity the resulting severity
 * @param reason the reason sentence template, without the severity prefix
 */
public record ClassificationRule(String id, String description, RuleMatch match, Severity severity,
        ReasonTemplate reason) {

    public ClassificationRule {
        if (id == null || id.isBlank()) {
            throw new IllegalArgumentException("rule id is required");
        }
        Objects.requireNonNull(match, "match");
        Objects.requireNonNull(severity, "severity");
        Objects.requireNonNull(reason, "reason");
        description = description == null ? "" : description;
    }

    /** The classification this rule gives the alert, or empty when the rule does not match. */
    public Optional<Classification> apply(Alert alert) {
        return match.evaluate(alert)
                .map(evidence -> new Classification(severity, reason.render(severity, alert, evidence), id));
    }
}
