package dev.firebreak.incident.workflow;

/**
 * What the transition table says about a command before command-specific checks run.
 */
public enum Gate {
    /** Go on to the command's own checks and effects. */
    PROCEED,
    /** The command's effect already holds: answer {@link Decision.NoChange}. */
    NO_CHANGE,
    /** The command is illegal here: answer {@link Decision.Rejected}. */
    REJECT
}
