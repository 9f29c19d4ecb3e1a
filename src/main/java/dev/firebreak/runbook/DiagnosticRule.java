package dev.firebreak.runbook;

import java.util.Collections;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;

import dev.firebreak.incident.workflow.ResponseStep;

/**
 * One catalog rule: when its match holds for an alert, its commands are suggested for each response step.
 *
 * @param id unique rule id, reported with every suggestion
 * @param description what kind of incident the rule is for
 * @param match conditions on the alert; empty only for the fallback rule
 * @param extendsRuleId id of a rule whose commands follow this rule's own in every step, or null
 * @param fallback true for the catch-all last rule that also fills steps other rules leave out
 * @param steps the rule's own commands per step, in the order to type them
 */
public record DiagnosticRule(
        String id,
        String description,
        AlertMatch match,
        String extendsRuleId,
        boolean fallback,
        Map<ResponseStep, List<CommandTemplate>> steps) {

    public DiagnosticRule {
        Map<ResponseStep, List<CommandTemplate>> copy = new EnumMap<>(ResponseStep.class);
        steps.forEach((step, commands) -> copy.put(step, List.copyOf(commands)));
        steps = Collections.unmodifiableMap(copy);
        description = description == null ? "" : description;
    }

    /** The rule's own commands for one step, possibly empty. */
    public List<CommandTemplate> commands(ResponseStep step) {
        return steps.getOrDefault(step, List.of());
    }
}
