package dev.firebreak.incident.workflow;

/**
 * Something a person (or the system, for auto-resolve and re-fire) asks the workflow to do to an incident.
 * The records do not validate their fields: {@link IncidentWorkflow} turns invalid input into a rejection.
 */
public sealed interface WorkflowCommand {

    /** The actor name reserved for Firebreak itself (auto-resolve when the alert clears, reopen on re-fire). */
    String SYSTEM_ACTOR = "system";

    /** Who issues the command. */
    String actor();

    /** Which kind of command this is. */
    CommandKind kind();

    /** True when issued by Firebreak itself rather than a person. */
    default boolean bySystem() {
        return SYSTEM_ACTOR.equals(actor());
    }

    /** Someone takes ownership of the incident. */
    record Acknowledge(String actor) implements WorkflowCommand {
        @Override
        public CommandKind kind() {
            return CommandKind.ACKNOWLEDGE;
        }
    }

    /** Marks the active step done; completing resolution resolves, completing the review closes. */
    record CompleteStep(ResponseStep step, String actor, String note) implements WorkflowCommand {
        @Override
        public CommandKind kind() {
            return CommandKind.COMPLETE_STEP;
        }
    }

    /** Skips the active step with a mandatory reason. */
    record SkipStep(ResponseStep step, String actor, String reason) implements WorkflowCommand {
        @Override
        public CommandKind kind() {
            return CommandKind.SKIP_STEP;
        }
    }

    /** Resolves the incident directly; with the system actor this is an auto-resolve. */
    record Resolve(String actor, String note) implements WorkflowCommand {

        /** The auto-resolve issued when the source alert clears. */
        public static Resolve bySystem(String note) {
            return new Resolve(SYSTEM_ACTOR, note);
        }

        @Override
        public CommandKind kind() {
            return CommandKind.RESOLVE;
        }
    }

    /** Returns a resolved or closed incident to open; the system uses it when the alert fires again. */
    record Reopen(String actor, String reason) implements WorkflowCommand {
        @Override
        public CommandKind kind() {
            return CommandKind.REOPEN;
        }
    }

    /** Closes a resolved incident. */
    record Close(String actor) implements WorkflowCommand {
        @Override
        public CommandKind kind() {
            return CommandKind.CLOSE;
        }
    }

    /** Adds a free-text note to the timeline; changes nothing but {@code humanTouched}. */
    record AddNote(String actor, String text) implements WorkflowCommand {
        @Override
        public CommandKind kind() {
            return CommandKind.ADD_NOTE;
        }
    }
}
