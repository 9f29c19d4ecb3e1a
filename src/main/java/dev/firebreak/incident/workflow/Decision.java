package dev.firebreak.incident.workflow;

import java.util.List;
import java.util.Objects;

/**
 * The outcome of {@link IncidentWorkflow#decide}: apply a new state with events, do nothing, or refuse.
 */
public sealed interface Decision {

    /** The command changes the incident; persist {@code newState} and append {@code events} in one transaction. */
    record Applied(WorkflowState newState, List<WorkflowEvent> events) implements Decision {
        public Applied {
            Objects.requireNonNull(newState, "newState");
            events = List.copyOf(events);
            if (events.isEmpty()) {
                throw new IllegalArgumentException("an applied transition needs at least one event");
            }
        }
    }

    /** The command's effect already holds; answer success without writing anything. */
    record NoChange(String why) implements Decision {
    }

    /** The command is illegal in the current state; {@code reason} is shown to the person (HTTP 409). */
    record Rejected(String reason) implements Decision {
    }
}
