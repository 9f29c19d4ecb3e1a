package dev.firebreak.incident.workflow;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;

import dev.firebreak.alert.Severity;
import dev.firebreak.incident.workflow.WorkflowCommand.Acknowledge;
import dev.firebreak.incident.workflow.WorkflowCommand.AddNote;
import dev.firebreak.incident.workflow.WorkflowCommand.Close;
import dev.firebreak.incident.workflow.WorkflowCommand.CompleteStep;
import dev.firebreak.incident.workflow.WorkflowCommand.Reopen;
import dev.firebreak.incident.workflow.WorkflowCommand.Resolve;
import dev.firebreak.incident.workflow.WorkflowCommand.SkipStep;

/**
 * Shared helpers for the workflow tests: a fixed clock, sample commands and a way to drive a state forward.
 */
final class WorkflowFixtures {

    static final Instant T0 = Instant.parse("2025-03-01T10:00:00Z");
    static final String ALICE = "alice";

    static final IncidentWorkflow WORKFLOW = new IncidentWorkflow();

    private WorkflowFixtures() {
    }

    static Instant minutes(long m) {
        return T0.plusSeconds(60 * m);
    }

    static WorkflowState fresh(Severity severity) {
        return WorkflowState.initial(severity, T0);
    }

    /** Applies {@code command} and fails the test unless it was applied. */
    static WorkflowState apply(WorkflowState state, WorkflowCommand command) {
        return applied(WORKFLOW.decide(state, command, minutes(1))).newState();
    }

    static Decision.Applied applied(Decision decision) {
        assertThat(decision).isInstanceOf(Decision.Applied.class);
        return (Decision.Applied) decision;
    }

    /** Completes every step before {@code step}, leaving {@code step} active. */
    static WorkflowState activeAt(Severity severity, ResponseStep step) {
        WorkflowState state = fresh(severity);
        for (ResponseStep s : ResponseStep.values()) {
            if (s == step) {
                return state;
            }
            state = apply(state, complete(s));
        }
        return state;
    }

    /** An incident in {@code status}: fresh, acknowledged, resolved directly, or resolved and reviewed. */
    static WorkflowState inStatus(Severity severity, IncidentStatus status) {
        WorkflowState open = fresh(severity);
        switch (status) {
            case OPEN :
                return open;
            case ACKNOWLEDGED :
                return apply(open, new Acknowledge(ALICE));
            case RESOLVED :
                return apply(open, new Resolve(ALICE, "fixed"));
            default :
                return apply(apply(open, new Resolve(ALICE, "fixed")), complete(ResponseStep.POST_INCIDENT_REVIEW));
        }
    }

    static CompleteStep complete(ResponseStep step) {
        return new CompleteStep(step, ALICE, "did " + step.wireName());
    }

    static SkipStep skip(ResponseStep step) {
        return new SkipStep(step, ALICE, "not needed");
    }

    /** A representative command of {@code kind}; step commands target the active step, or the review if none. */
    static WorkflowCommand sample(CommandKind kind, WorkflowState state) {
        ResponseStep step = state.currentStep() == null ? ResponseStep.POST_INCIDENT_REVIEW : state.currentStep();
        switch (kind) {
            case ACKNOWLEDGE :
                return new Acknowledge(ALICE);
            case COMPLETE_STEP :
                return complete(step);
            case SKIP_STEP :
                return skip(step);
            case RESOLVE :
                return new Resolve(ALICE, "fixed");
            case REOPEN :
                return new Reopen(ALICE, "it is back");
            case CLOSE :
                return new Close(ALICE);
            default :
                return new AddNote(ALICE, "looking at it");
        }
    }
}
