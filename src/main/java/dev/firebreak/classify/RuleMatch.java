package dev.firebreak.classify;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import dev.firebreak.alert.Alert;

/**
 * The match block of a rule: every listed condition must hold (an {@code anyOf} condition holds when one of its
 * alternatives does).
 */
public final class RuleMatch {
    private final List<String> conditionKeys;
    private final List<MatchCondition> conditions;

    RuleMatch(List<String> conditionKeys, List<MatchCondition> conditions) {
        if (conditions.isEmpty() || conditionKeys.size() != conditions.size()) {
            throw new IllegalArgumentException("a match needs at least one condition, each with its key");
        }
        this.conditionKeys = List.copyOf(conditionKeys);
        this.conditions = List.copyOf(conditions);
    }

    /** Whether every condition holds for the alert. */
    public boolean matches(Alert alert) {
        return evaluate(alert).isPresent();
    }

    /** The catalog keys of the top-level conditions, in catalog order. */
    public List<String> conditionKeys() {
        return conditionKeys;
    }

    /** The evidence of all conditions in catalog order when every one holds; empty otherwise. */
    Optional<List<Evidence>> evaluate(Alert alert) {
        List<Evidence> evidence = new ArrayList<>();
        for (MatchCondition condition : conditions) {
            Optional<List<Evidence>> result = condition.test(alert);
            if (result.isEmpty()) {
                return Optional.empty();
            }
            evidence.addAll(result.get());
        }
        return Optional.of(evidence);
    }

    @Override
    public String toString() {
        return "RuleMatch" + conditionKeys;
    }
}
