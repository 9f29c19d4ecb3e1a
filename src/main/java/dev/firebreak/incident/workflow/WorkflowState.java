package dev.firebreak.incident.workflow;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

import dev.firebreak.alert.Severity;

/**
 * Immutable snapshot of an incident's workflow: status, the five steps in order, and the lifecycle timestamps.
 * The acknowledgement fields keep the first acknowledgement (they survive a reopen) so MTTA stays stable.
 *
 * @param status current status
 * @param severity the incident's severity, which decides the review and auto-resolve policy
 * @param steps always the five steps, in {@link ResponseStep} order
 * @param openedAt when the incident was opened
 * @param acknowledgedAt first acknowledgement, null if none yet
 * @param acknowledgedBy who acknowledged first, null if none yet
 * @param resolvedAt when it was last resolved, null while not resolved
 * @param closedAt when it was closed, null while not closed
 * @param humanTouched true once a person acted on it (acknowledged, worked a step, added a note, reopened, …)
 */
public record WorkflowState(
        IncidentStatus status,
        Severity severity,
        List<StepProgress> steps,
        Instant openedAt,
        Instant acknowledgedAt,
        String acknowledgedBy,
        Instant resolvedAt,
        Instant closedAt,
        boolean humanTouched) {

    public WorkflowState {
        Objects.requireNonNull(status, "status");
        Objects.requireNonNull(severity, "severity");
        Objects.requireNonNull(openedAt, "openedAt");
        steps = List.copyOf(Objects.requireNonNull(steps, "steps"));
        ResponseStep[] order = ResponseStep.values();
        if (steps.size() != order.length) {
            throw new IllegalArgumentException("steps must hold all " + order.length + " steps, got " + steps.size());
        }
        for (int i = 0; i < order.length; i++) {
            if (steps.get(i).step() != order[i]) {
                throw new IllegalArgumentException(
                        "steps must be in order: expected " + order[i].wireName() + " at position " + i + ", got "
                                + steps.get(i).step().wireName());
            }
        }
        if (steps.stream().filter(s -> s.state() == StepState.ACTIVE).count() > 1) {
            throw new IllegalArgumentException("at most one step may be active");
        }
    }

    /** A freshly opened incident: status open, the first step active, the others pending. */
    public static WorkflowState initial(Severity severity, Instant openedAt) {
        List<StepProgress> steps = new ArrayList<>();
        for (ResponseStep step : ResponseStep.values()) {
            steps.add(step.ordinal() == 0 ? StepProgress.active(step, openedAt) : StepProgress.pending(step));
        }
        return new WorkflowState(IncidentStatus.OPEN, severity, steps, openedAt, null, null, null, null, false);
    }

    /** The active step, or null when no step is active (e.g. a closed incident). */
    public ResponseStep currentStep() {
        return steps.stream()
                .filter(s -> s.state() == StepState.ACTIVE)
                .map(StepProgress::step)
                .findFirst()
                .orElse(null);
    }

    /** The progress of {@code step}. */
    public StepProgress step(ResponseStep step) {
        return steps.get(step.ordinal());
    }

    /** Time to acknowledge (MTTA sample): first acknowledgement minus opening, empty when never acknowledged. */
    public Optional<Duration> timeToAcknowledge() {
        return acknowledgedAt == null ? Optional.empty() : Optional.of(Duration.between(openedAt, acknowledgedAt));
    }

    /** Time to resolve (MTTR sample): resolution minus opening, empty while not resolved. */
    public Optional<Duration> timeToResolve() {
        return resolvedAt == null ? Optional.empty() : Optional.of(Duration.between(openedAt, resolvedAt));
    }

    WorkflowState withStatus(IncidentStatus newStatus) {
        return new WorkflowState(newStatus, severity, steps, openedAt, acknowledgedAt, acknowledgedBy, resolvedAt,
                closedAt, humanTouched);
    }

    WorkflowState withSteps(List<StepProgress> newSteps) {
        return new WorkflowState(status, severity, newSteps, openedAt, acknowledgedAt, acknowledgedBy, resolvedAt,
                closedAt, humanTouched);
    }

    WorkflowState withStep(StepProgress progress) {
        List<StepProgress> copy = new ArrayList<>(steps);
        copy.set(progress.step().ordinal(), progress);
        return withSteps(copy);
    }

    WorkflowState withAcknowledgement(Instant at, String actor) {
        return new WorkflowState(status, severity, steps, openedAt, at, actor, resolvedAt, closedAt, humanTouched);
    }

    WorkflowState withResolvedAt(Instant at) {
        return new WorkflowState(status, severity, steps, openedAt, acknowledgedAt, acknowledgedBy, at, closedAt,
                humanTouched);
    }

    WorkflowState withClosedAt(Instant at) {
        return new WorkflowState(status, severity, steps, openedAt, acknowledgedAt, acknowledgedBy, resolvedAt, at,
                humanTouched);
    }

    WorkflowState withHumanTouched(boolean touched) {
        return new WorkflowState(status, severity, steps, openedAt, acknowledgedAt, acknowledgedBy, resolvedAt,
                closedAt, touched);
    }
}
