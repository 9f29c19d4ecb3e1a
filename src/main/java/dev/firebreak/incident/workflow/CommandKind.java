package dev.firebreak.incident.workflow;

/**
 * The kinds of {@link WorkflowCommand}, used as the column key of the transition tables.
 */
public enum CommandKind {
    ACKNOWLEDGE, COMPLETE_STEP, SKIP_STEP, RESOLVE, REOPEN, CLOSE, ADD_NOTE
}
