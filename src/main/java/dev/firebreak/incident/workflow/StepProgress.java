package dev.firebreak.incident.workflow;

import java.time.Instant;
import java.util.Objects;

/**
 * Progress of one response step within an incident.
 *
 * @param step which step
 * @param state its state
 * @param startedAt when it became active, null if it never was
 * @param completedAt when it was done or skipped, null otherwise
 * @param completedBy who did or skipped it, null otherwise
 * @param note the completion note or the skip reason, may be null
 */
public record StepProgress(
        ResponseStep step,
        StepState state,
        Instant startedAt,
        Instant completedAt,
        String completedBy,
        String note) {

    public StepProgress {
        Objects.requireNonNull(step, "step");
        Objects.requireNonNull(state, "state");
    }

    /** A step not reached yet. */
    public static StepProgress pending(ResponseStep step) {
        return new StepProgress(step, StepState.PENDING, null, null, null, null);
    }

    /** A step that became active at {@code at}. */
    public static StepProgress active(ResponseStep step, Instant at) {
        return new StepProgress(step, StepState.ACTIVE, at, null, null, null);
    }

    /** This step marked done. */
    public StepProgress done(Instant at, String actor, String completionNote) {
        return new StepProgress(step, StepState.DONE, startedAt, at, actor, completionNote);
    }

    /** This step marked skipped. */
    public StepProgress skipped(Instant at, String actor, String reason) {
        return new StepProgress(step, StepState.SKIPPED, startedAt, at, actor, reason);
    }

    /** True for done or skipped. */
    public boolean isSettled() {
        return state.isSettled();
    }
}
