package dev.firebreak.incident.workflow;

import java.util.Objects;

/**
 * One cell of a transition table: the gate and, for no-change or reject, a reason template.
 * Templates may use {@code {status}}, {@code {step}} and {@code {active}} (the active step).
 *
 * @param gate what to do
 * @param reasonTemplate human reason for no-change/reject, empty for proceed
 */
public record GateRule(Gate gate, String reasonTemplate) {

    public GateRule {
        Objects.requireNonNull(gate, "gate");
        Objects.requireNonNull(reasonTemplate, "reasonTemplate");
    }

    static GateRule proceed() {
        return new GateRule(Gate.PROCEED, "");
    }

    static GateRule noChange(String reasonTemplate) {
        return new GateRule(Gate.NO_CHANGE, reasonTemplate);
    }

    static GateRule reject(String reasonTemplate) {
        return new GateRule(Gate.REJECT, reasonTemplate);
    }

    /** The reason with placeholders filled from the state and the command's step (which may be null). */
    public String reason(WorkflowState state, ResponseStep step) {
        ResponseStep active = state.currentStep();
        return reasonTemplate
                .replace("{status}", state.status().wireName())
                .replace("{step}", step == null ? "" : step.wireName())
                .replace("{active}", active == null ? "the earlier steps" : active.wireName());
    }
}
