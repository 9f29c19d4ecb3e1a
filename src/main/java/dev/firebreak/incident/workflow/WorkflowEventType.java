package dev.firebreak.incident.workflow;

import java.util.Locale;
import java.util.Optional;

/**
 * Kinds of timeline entries produced by applied workflow transitions.
 */
public enum WorkflowEventType {
    ACKNOWLEDGED, STEP_COMPLETED, STEP_SKIPPED, RESOLVED, AUTO_RESOLVED, REOPENED, CLOSED, NOTE_ADDED;

    /** The snake_case name used on the wire and in the database. */
    public String wireName() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** Parses the wire name case-insensitively. */
    public static Optional<WorkflowEventType> fromWire(String value) {
        if (value == null) {
            return Optional.empty();
        }
        for (WorkflowEventType type : values()) {
            if (type.wireName().equalsIgnoreCase(value.trim())) {
                return Optional.of(type);
            }
        }
        return Optional.empty();
    }
}
