package dev.firebreak.incident.workflow;

import java.util.Collections;
import java.util.EnumMap;
import java.util.EnumSet;
import java.util.Map;
import java.util.Set;

/**
 * The workflow's rules as data: which command may run in which incident status, which step command may run in
 * which step state, and which commands the system actor may issue.
 */
public final class TransitionTable {

    private static final Map<IncidentStatus, Map<CommandKind, GateRule>> BY_STATUS = new EnumMap<>(
            IncidentStatus.class);
    private static final Map<StepState, Map<CommandKind, GateRule>> BY_STEP_STATE = new EnumMap<>(StepState.class);
    private static final Set<CommandKind> SYSTEM_COMMANDS = Collections.unmodifiableSet(
            EnumSet.of(CommandKind.RESOLVE, CommandKind.REOPEN, CommandKind.ADD_NOTE));

    static {
        // step commands always pass the status gate: the step table and the step states decide
        status(IncidentStatus.OPEN,
                GateRule.proceed(), // acknowledge
                GateRule.proceed(), // complete step
                GateRule.proceed(), // skip step
                GateRule.proceed(), // resolve
                GateRule.noChange("incident is already open"),
                GateRule.reject("incident is open: resolve it before closing"),
                GateRule.proceed()); // add note
        status(IncidentStatus.ACKNOWLEDGED,
                GateRule.noChange("incident is already acknowledged"),
                GateRule.proceed(),
                GateRule.proceed(),
                GateRule.proceed(),
                GateRule.noChange("incident is acknowledged and not resolved: nothing to reopen"),
                GateRule.reject("incident is acknowledged: resolve it before closing"),
                GateRule.proceed());
        status(IncidentStatus.RESOLVED,
                GateRule.noChange("incident is already resolved"),
                GateRule.proceed(),
                GateRule.proceed(),
                GateRule.noChange("incident is already resolved"),
                GateRule.proceed(),
                GateRule.proceed(),
                GateRule.proceed());
        status(IncidentStatus.CLOSED,
                GateRule.noChange("incident is already closed"),
                GateRule.proceed(),
                GateRule.proceed(),
                GateRule.noChange("incident is already closed"),
                GateRule.proceed(),
                GateRule.noChange("incident is already closed"),
                GateRule.proceed());

        step(StepState.PENDING,
                GateRule.reject("step {step} is pending: complete {active} first"),
                GateRule.reject("step {step} is pending: complete or skip {active} first"));
        step(StepState.ACTIVE,
                GateRule.proceed(),
                GateRule.proceed());
        step(StepState.DONE,
                GateRule.noChange("step {step} is already done"),
                GateRule.reject("step {step} is already done and cannot be skipped"));
        step(StepState.SKIPPED,
                GateRule.reject("step {step} was skipped and cannot be completed any more"),
                GateRule.noChange("step {step} is already skipped"));
    }

    private TransitionTable() {
    }

    /** The gate for {@code command} while the incident is in {@code status}. */
    public static GateRule forStatus(IncidentStatus status, CommandKind command) {
        return BY_STATUS.get(status).get(command);
    }

    /** The gate for a step command ({@code COMPLETE_STEP} or {@code SKIP_STEP}) on a step in {@code state}. */
    public static GateRule forStep(StepState state, CommandKind command) {
        GateRule rule = BY_STEP_STATE.get(state).get(command);
        if (rule == null) {
            throw new IllegalArgumentException(command + " is not a step command");
        }
        return rule;
    }

    /** The commands the system actor may issue; acknowledging or working steps is for people only. */
    public static Set<CommandKind> systemCommands() {
        return SYSTEM_COMMANDS;
    }

    private static void status(IncidentStatus status, GateRule acknowledge, GateRule completeStep, GateRule skipStep,
            GateRule resolve, GateRule reopen, GateRule close, GateRule addNote) {
        Map<CommandKind, GateRule> row = new EnumMap<>(CommandKind.class);
        row.put(CommandKind.ACKNOWLEDGE, acknowledge);
        row.put(CommandKind.COMPLETE_STEP, completeStep);
        row.put(CommandKind.SKIP_STEP, skipStep);
        row.put(CommandKind.RESOLVE, resolve);
        row.put(CommandKind.REOPEN, reopen);
        row.put(CommandKind.CLOSE, close);
        row.put(CommandKind.ADD_NOTE, addNote);
        BY_STATUS.put(status, Collections.unmodifiableMap(row));
    }

    private static void step(StepState state, GateRule completeStep, GateRule skipStep) {
        Map<CommandKind, GateRule> row = new EnumMap<>(CommandKind.class);
        row.put(CommandKind.COMPLETE_STEP, completeStep);
        row.put(CommandKind.SKIP_STEP, skipStep);
        BY_STEP_STATE.put(state, Collections.unmodifiableMap(row));
    }
}
