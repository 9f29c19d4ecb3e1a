package dev.firebreak.incident.workflow;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * A transition being built: the evolving state plus the events it emits, with the shared moves
 * (mark human, implied acknowledgement, settle a step and activate the next) in one place.
 */
final class Change {

    private WorkflowState state;
    private final List<WorkflowEvent> events = new ArrayList<>();
    private final String actor;
    private final boolean human;
    private final Instant now;

    Change(WorkflowState state, WorkflowCommand command, Instant now) {
        this.state = state;
        this.actor = command.actor();
        this.human = !command.bySystem();
        this.now = now;
    }

    WorkflowState state() {
        return state;
    }

    String actor() {
        return actor;
    }

    boolean human() {
        return human;
    }

    Instant now() {
        return now;
    }

    Change event(WorkflowEventType type, String detail) {
        events.add(new WorkflowEvent(type, actor, detail));
        return this;
    }

    /** Records that a person acted, which rules out auto-resolve from now on. */
    Change markHumanTouched() {
        if (human && !state.humanTouched()) {
            state = state.withHumanTouched(true);
        }
        return this;
    }

    /** A person working an open incident acknowledges it; the first acknowledgement's time and actor stay. */
    Change acknowledgeIfOpen(String because) {
        if (!human || state.status() != IncidentStatus.OPEN) {
            return this;
        }
        state = state.withStatus(IncidentStatus.ACKNOWLEDGED);
        if (state.acknowledgedAt() == null) {
            state = state.withAcknowledgement(now, actor);
        }
        return event(WorkflowEventType.ACKNOWLEDGED, because.isEmpty() ? "acknowledged" : "acknowledged " + because);
    }

    Change step(StepProgress progress) {
        state = state.withStep(progress);
        return this;
    }

    /** Makes the step after {@code step} active if it is still pending. */
    Change activateNext(ResponseStep step) {
        step.next()
                .filter(next -> state.step(next).state() == StepState.PENDING)
                .ifPresent(next -> step(StepProgress.active(next, now)));
        return this;
    }

    Change resolve() {
        state = state.withStatus(IncidentStatus.RESOLVED).withResolvedAt(now);
        return this;
    }

    Change close() {
        state = state.withStatus(IncidentStatus.CLOSED).withClosedAt(now);
        return this;
    }

    Change reopen() {
        state = state.withStatus(IncidentStatus.OPEN).withResolvedAt(null).withClosedAt(null);
        return this;
    }

    Decision.Applied applied() {
        return new Decision.Applied(state, events);
    }
}
