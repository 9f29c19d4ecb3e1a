package dev.firebreak.incident.workflow;

import static dev.firebreak.incident.workflow.WorkflowFixtures.T0;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

import org.junit.jupiter.api.Test;

import dev.firebreak.alert.Severity;

/**
 * Shape checks of {@link WorkflowState}: the initial state and the constructor's guards.
 */
class WorkflowStateTest {

    @Test
    void initialStateIsOpenWithTheFirstStepActive() {
        WorkflowState state = WorkflowState.initial(Severity.WARNING, T0);

        assertThat(state.status()).isEqualTo(IncidentStatus.OPEN);
        assertThat(state.currentStep()).isEqualTo(ResponseStep.ASSESS_IMPACT);
        assertThat(state.steps()).extracting(StepProgress::step).containsExactly(ResponseStep.values());
        assertThat(state.steps()).extracting(StepProgress::state)
                .containsExactly(StepState.ACTIVE,
                        StepState.PENDING, StepState.PENDING, StepState.PENDING, StepState.PENDING);
        assertThat(state.humanTouched()).isFalse();
        assertThat(state.acknowledgedAt()).isNull();
    }

    @Test
    void stepsMustBeCompleteAndInOrder() {
        List<StepProgress> steps = new ArrayList<>(WorkflowState.initial(Severity.INFO, T0).steps());
        Collections.swap(steps, 1, 2);

        assertThatThrownBy(() -> withSteps(steps)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("expected immediate_response at position 1");
        assertThatThrownBy(() -> withSteps(steps.subList(0, 4))).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("all 5 steps");
    }

    @Test
    void atMostOneStepIsActive() {
        List<StepProgress> steps = new ArrayList<>(WorkflowState.initial(Severity.INFO, T0).steps());
        steps.set(1, StepProgress.active(ResponseStep.IMMEDIATE_RESPONSE, T0));

        assertThatThrownBy(() -> withSteps(steps)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("at most one step");
    }

    @Test
    void stepsAreCopiedSoTheStateStaysImmutable() {
        List<StepProgress> steps = new ArrayList<>(WorkflowState.initial(Severity.INFO, T0).steps());
        WorkflowState state = withSteps(steps);

        steps.set(0, StepProgress.pending(ResponseStep.ASSESS_IMPACT));

        assertThat(state.currentStep()).isEqualTo(ResponseStep.ASSESS_IMPACT);
        assertThatThrownBy(() -> state.steps().clear()).isInstanceOf(UnsupportedOperationException.class);
    }

    private static WorkflowState withSteps(List<StepProgress> steps) {
        return new WorkflowState(IncidentStatus.OPEN, Severity.INFO, steps, T0, null, null, null, null, false);
    }
}
