package dev.firebreak.incident.workflow;

import java.util.Collections;
import java.util.EnumMap;
import java.util.EnumSet;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * State of one response step.
 */
public enum StepState {
    /** Not reached yet. */
    PENDING,
    /** The step the responders are working on; at most one step is active. */
    ACTIVE,
    /** Completed by someone. */
    DONE,
    /** Deliberately not done, with a reason. */
    SKIPPED;

    /**
     * Every legal state change. Forward moves come from step commands and Resolve (which skips pending steps);
     * the moves back to pending/active happen only on reopen, which re-activates resolution and resets the review.
     */
    private static final Map<StepState, Set<StepState>> TRANSITIONS = new EnumMap<>(StepState.class);

    static {
        TRANSITIONS.put(PENDING, Collections.unmodifiableSet(EnumSet.of(ACTIVE, SKIPPED, DONE)));
        TRANSITIONS.put(ACTIVE, Collections.unmodifiableSet(EnumSet.of(DONE, SKIPPED, PENDING)));
        TRANSITIONS.put(DONE, Collections.unmodifiableSet(EnumSet.of(ACTIVE, PENDING)));
        TRANSITIONS.put(SKIPPED, Collections.unmodifiableSet(EnumSet.of(PENDING)));
    }

    /** The states this one may change into. */
    public Set<StepState> allowedTargets() {
        return TRANSITIONS.get(this);
    }

    /** Whether changing from this state to {@code target} is legal. */
    public boolean canTransitionTo(StepState target) {
        return allowedTargets().contains(target);
    }

    /** True for done or skipped: the step no longer blocks the ones after it. */
    public boolean isSettled() {
        return this == DONE || this == SKIPPED;
    }

    /** The lower-case name used on the wire and in the database. */
    public String wireName() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** Parses the wire name case-insensitively. */
    public static Optional<StepState> fromWire(String value) {
        if (value == null) {
            return Optional.empty();
        }
        for (StepState state : values()) {
            if (state.wireName().equalsIgnoreCase(value.trim())) {
                return Optional.of(state);
            }
        }
        return Optional.empty();
    }
}
