package dev.firebreak.incident.workflow;

import java.util.Objects;

/**
 * One timeline entry of an applied transition.
 *
 * @param type what happened
 * @param actor who caused it ({@value WorkflowCommand#SYSTEM_ACTOR} for Firebreak itself)
 * @param detail a human sentence, e.g. {@code completed immediate_response: rolled back to v41}
 */
public record WorkflowEvent(WorkflowEventType type, String actor, String detail) {

    public WorkflowEvent {
        Objects.requireNonNull(type, "type");
        Objects.requireNonNull(actor, "actor");
        Objects.requireNonNull(detail, "detail");
    }
}
