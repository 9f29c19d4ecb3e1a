package dev.firebreak.runbook;

import java.time.Clock;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import dev.firebreak.alert.Alert;
import dev.firebreak.incident.workflow.ResponseStep;

/**
 * Suggests diagnostic commands for every response step of an alert's incident, from the first matching catalog rule.
 */
public final class Runbook {
    private final List<ResolvedRule> rules;
    private final DiagnosticRule fallback;
    private final Clock clock;

    /**
     * @param catalog a catalog with a fallback rule (the built-in one, possibly with user rules first)
     * @param clock source of "now" for the time window of open incidents
     */
    public Runbook(DiagnosticCatalog catalog, Clock clock) {
        this.fallback = catalog.fallback()
                .orElseThrow(() -> new IllegalArgumentException(
                        "diagnostics catalog " + catalog.sourceName()
                                + " has no fallback rule; merge it into the built-in one"));
        this.rules = catalog.rules().stream().map(rule -> new ResolvedRule(rule, catalog.inheritedSteps(rule))).toList();
        this.clock = clock;
    }

    /** The commands for all five steps and the id of the rule that chose them. */
    public Suggestion suggestion(Alert alert) {
        TemplateValues values = TemplateValues.of(alert, clock.instant());
        ResolvedRule matched = rules.stream()
                .filter(rule -> rule.rule().match().matches(alert))
                .findFirst()
                .orElse(null);
        Map<ResponseStep, List<DiagnosticCommand>> commands = new EnumMap<>(ResponseStep.class);
        for (ResponseStep step : ResponseStep.values()) {
            List<DiagnosticCommand> rendered = matched == null
                    ? List.of()
                    : render(matched.steps().getOrDefault(step, List.of()), values);
            commands.put(step, rendered.isEmpty() ? render(fallback.commands(step), values) : rendered);
        }
        return new Suggestion(matched == null ? fallback.id() : matched.rule().id(), commands);
    }

    /** Commands for all five steps, in step order, each list non-empty and ordered by what to type first. */
    public Map<ResponseStep, List<DiagnosticCommand>> suggest(Alert alert) {
        return suggestion(alert).commands();
    }

    /** Commands for one step, what to type first first. */
    public List<DiagnosticCommand> suggest(Alert alert, ResponseStep step) {
        return suggestion(alert).forStep(step);
    }

    private static List<DiagnosticCommand> render(List<CommandTemplate> templates, TemplateValues values) {
        Map<String, DiagnosticCommand> byCommand = new LinkedHashMap<>();
        for (CommandTemplate template : templates) {
            CommandRenderer.render(template, values).ifPresent(command -> byCommand.putIfAbsent(command.command(), command));
        }
        return new ArrayList<>(byCommand.values());
    }

    /** A rule with the commands it inherits through {@code extends}. */
    private record ResolvedRule(DiagnosticRule rule, Map<ResponseStep, List<CommandTemplate>> steps) {
    }
}
