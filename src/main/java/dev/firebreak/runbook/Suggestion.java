package dev.firebreak.runbook;

import java.util.Collections;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;

import dev.firebreak.incident.workflow.ResponseStep;

/**
 * The commands suggested for one alert and the rule that chose them.
 *
 * @param ruleId id of the first rule that matched (the fallback rule's id when none did)
 * @param commands commands for every response step, in step order, each list non-empty
 */
public record Suggestion(String ruleId, Map<ResponseStep, List<DiagnosticCommand>> commands) {
    public Suggestion {
        Map<ResponseStep, List<DiagnosticCommand>> copy = new EnumMap<>(ResponseStep.class);
        commands.forEach((step, list) -> copy.put(step, List.copyOf(list)));
        commands = Collections.unmodifiableMap(copy);
    }

    /** The commands for one step. */
    public List<DiagnosticCommand> forStep(ResponseStep step) {
        return commands.getOrDefault(step, List.of());
    }
}
